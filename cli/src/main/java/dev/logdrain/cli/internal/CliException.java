package dev.logdrain.cli.internal;

/** Ends a command with an exit status and one line for standard error. */
public final class CliException extends RuntimeException {

    /** Exit status: every event delivered. */
    public static final int DELIVERED = 0;
    /** Exit status: an event could not be delivered (or the check failed). */
    public static final int DELIVERY_FAILED = 1;
    /** Exit status: bad usage or bad input; nothing of the bad part was delivered. */
    public static final int BAD_USAGE = 2;

    private final int exitStatus;

    private CliException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    public static CliException usage(String message) {
        return new CliException(BAD_USAGE, message, null);
    }

    public static CliException input(String message, Throwable cause) {
        return new CliException(BAD_USAGE, message, cause);
    }

    public static CliException deliveryFailed(String message) {
        return new CliException(DELIVERY_FAILED, message, null);
    }

    public static CliException deliveryFailed(String message, Throwable cause) {
        return new CliException(DELIVERY_FAILED, message, cause);
    }

    public int exitStatus() {
        return exitStatus;
    }
}
