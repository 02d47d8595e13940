package dev.logdrain.relp.internal;

import java.io.IOException;

/** The peer sent something that is not RELP, or RELP that makes no sense at this point of the session. */
public final class RelpProtocolException extends IOException {

    public RelpProtocolException(String message) {
        super(message);
    }
}
