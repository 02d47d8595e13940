package dev.logdrain.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Frames and delivers formatted messages to one destination. Created by a {@link SinkProvider} without
 * any network I/O (connections are opened on first use, so creating a sink is safe during a Lambda init
 * phase and under SnapStart), reused for every batch, and called from one thread at a time.
 */
public interface Sink extends AutoCloseable {

    /**
     * Delivers every message of the batch, retrying within {@code deadline}. Never throws for delivery
     * problems: they are reported in the result with a one-line error.
     */
    DeliveryResult send(MessageBatch messages, Deadline deadline);

    /**
     * Connects now (resolve, connect, handshake) without sending, and returns facts about the
     * connection for a human (e.g. {@code protocol}, {@code cipher}, {@code peer}, timings).
     * Sinks without a connection return an empty map.
     *
     * @throws IOException with a one-line diagnosis when the connection cannot be made
     */
    default Map<String, String> connect(Deadline deadline) throws IOException {
        return Map.of();
    }

    /** Closes connections; the sink may be used again afterwards (it reconnects). */
    @Override
    void close();
}
