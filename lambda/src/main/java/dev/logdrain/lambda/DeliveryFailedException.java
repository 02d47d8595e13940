package dev.logdrain.lambda;

/**
 * Thrown by a handler when some destination did not take every event, so that Lambda retries the
 * invocation and finally hands the event to the function's on-failure destination. The message names each
 * failed destination (redacted: no userinfo, no secret options) with its counts and error, on one line.
 * It carries no stack trace: the message says everything, and Lambda logs it as the error.
 */
public final class DeliveryFailedException extends RuntimeException {

    public DeliveryFailedException(String message) {
        super(message, null, false, false);
    }
}
