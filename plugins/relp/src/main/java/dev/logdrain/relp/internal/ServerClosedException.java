package dev.logdrain.relp.internal;

import java.io.IOException;

/** The server announced with {@code serverclose} that it is closing the session (e.g. it is shutting down). */
public final class ServerClosedException extends IOException {

    public ServerClosedException() {
        super("the server closed the session (serverclose)");
    }
}
