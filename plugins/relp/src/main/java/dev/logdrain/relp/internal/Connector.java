package dev.logdrain.relp.internal;

import dev.logdrain.spi.Deadline;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;

/** Opens the connection a RELP session runs on: plain TCP, or TLS with its handshake done. */
public interface Connector {

    /**
     * Connects within the deadline.
     *
     * @throws IOException with a one-line message naming the peer when the connection cannot be made
     */
    Socket connect(Deadline deadline) throws IOException;

    /** Facts about a connection made by this connector, for {@code logdrain check} (e.g. TLS protocol). */
    default Map<String, String> describe(Socket socket) {
        return Map.of();
    }

    /**
     * Whether a failure to connect cannot be cured by trying again within the deadline (e.g. a certificate
     * that does not verify), so the batch should fail at once.
     */
    default boolean isPermanent(IOException failure) {
        return false;
    }

    /**
     * A hint for a session that connected but failed before the server answered {@code open}, or null.
     * (A TLS server that wants a client certificate may reject it only after the handshake.)
     */
    default String explainOpenFailure(IOException failure) {
        return null;
    }
}
