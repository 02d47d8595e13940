package dev.logdrain.lambda;

import dev.logdrain.spi.InvalidInputException;

/**
 * Thrown by a handler for an event it cannot decode (not base64, not gzip, truncated, not JSON, a field
 * missing, a key twice, larger than {@code LOGDRAIN_MAX_PAYLOAD} or than the heap allows: a string, the
 * events, the decoded bytes; see {@code DecodeLimits}). Nothing of the event was sent. Lambda retries it and
 * then keeps it in the on-failure destination, where it can be inspected. The one-line message says what
 * was wrong; there is no stack trace to read.
 */
public final class InvalidEventException extends InvalidInputException {

    public InvalidEventException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
