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
     * Optional: starts delivering {@code batch} in parts, so that a sink can write the first messages
     * while the rest are still being formatted. The caller then gives every event's message exactly once,
     * in order, in consecutive parts ({@link Delivery#write}), and ends with {@link Delivery#finish} or,
     * when formatting failed, {@link Delivery#abort}. Only called for non-empty batches, from the one
     * thread that uses the sink, within {@code deadline}.
     *
     * @return the delivery, or null (the default) when the sink takes whole batches through {@link #send}
     */
    default Delivery begin(LogBatch batch, Deadline deadline) {
        return null;
    }

    /**
     * What this sink's framing requires of its records: how line breaks are carried, what framing a
     * receiver counts, whether an event may be several records. The forwarder shapes every message to it
     * before cutting to {@code maxsize}. Default: {@link RecordRules#TRANSPARENT}.
     */
    default RecordRules recordRules() {
        return RecordRules.TRANSPARENT;
    }

    /** One batch being delivered in parts; see {@link Sink#begin}. Never throws for delivery problems. */
    interface Delivery {

        /**
         * Takes the next messages of the batch ({@link MessageBatch#first()} says which), valid only during
         * the call. A sink may write them at once; when delivery has already failed it may ignore them.
         */
        void write(MessageBatch part);

        /** Every part was given: completes delivery and reports on the whole batch. */
        DeliveryResult finish();

        /**
         * No more parts will come (formatting failed): completes delivery of the parts given so far and
         * reports them as delivered (when they were) and the rest of the batch as failed, with {@code error}.
         */
        DeliveryResult abort(String error);
    }

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
