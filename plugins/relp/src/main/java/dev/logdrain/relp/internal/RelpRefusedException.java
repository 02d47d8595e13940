package dev.logdrain.relp.internal;

import java.io.IOException;

/**
 * The server answered, but refuses what we need (it answered {@code open} with an error status, or does not
 * offer the {@code syslog} command). Trying again will not help, so the sink fails at once.
 */
public final class RelpRefusedException extends IOException {

    public RelpRefusedException(String message) {
        super(message);
    }
}
