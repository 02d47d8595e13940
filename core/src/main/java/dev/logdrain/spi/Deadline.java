package dev.logdrain.spi;

import java.time.Duration;

/**
 * A point in time (monotonic clock) by which an operation must finish. Every blocking step of a Sink
 * (connect, handshake, write, wait for acknowledgement, back-off) is bounded by the deadline it is given.
 */
public final class Deadline {

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    public static Deadline afterMillis(long millis) {
        return new Deadline(System.nanoTime() + Math.max(0, millis) * 1_000_000L);
    }

    /** Milliseconds left, never negative. */
    public long remainingMillis() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    public long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    public boolean isExpired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** This deadline or {@code limit} from now, whichever comes first (e.g. a connect timeout). */
    public Deadline atMost(Duration limit) {
        long other = System.nanoTime() + limit.toNanos();
        return other - deadlineNanos < 0 ? new Deadline(other) : this;
    }

    /** Remaining time as a socket timeout: at least 1 ms, since 0 means "forever" to java.net. */
    public int socketTimeoutMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis()));
    }

    @Override
    public String toString() {
        return "Deadline[" + remainingMillis() + " ms left]";
    }
}
