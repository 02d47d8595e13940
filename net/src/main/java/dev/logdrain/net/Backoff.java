package dev.logdrain.net;

import dev.logdrain.spi.Deadline;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Capped exponential back-off with jitter between attempts: the n-th pause lasts a random time between
 * half and all of {@code min(max, initial * 2^n)}, so that many senders that failed together do not
 * retry together. Not thread-safe; one per sink.
 *
 * <p>The jitter's seed is drawn from {@link SecureRandom} when the back-off is made (with its sink), not from a
 * generator seeded once per JVM: copies of a JVM restored from one snapshot (Lambda SnapStart) make their sinks
 * after the restore and so do not retry in step.
 */
public final class Backoff {

    /** Pauses of 100 ms, 200 ms, 400 ms ... up to 5 s (each halved at random by the jitter). */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    private static final SecureRandom SEEDS = new SecureRandom();

    private final long initialNanos;
    private final long maxNanos;
    private final SplittableRandom jitter = new SplittableRandom(SEEDS.nextLong());
    private int failures;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** Starts again from the initial pause (after a success). */
    public void reset() {
        failures = 0;
    }

    /** The next pause, and counts one more failure. */
    public Duration nextDelay() {
        long cap = failures >= 40 ? maxNanos : Math.min(maxNanos, initialNanos << Math.min(failures, 40));
        if (cap <= 0) {
            cap = maxNanos;
        }
        failures++;
        long half = cap / 2;
        return Duration.ofNanos(half + jitter.nextLong(cap - half + 1));
    }

    /**
     * Sleeps for the next pause. Returns false at once, without sleeping, when the pause would reach past
     * the deadline (another attempt could not finish in time), or when the thread is interrupted.
     */
    public boolean pause(Deadline deadline) {
        long delay = nextDelay().toNanos();
        if (deadline.remainingNanos() <= delay) {
            return false;
        }
        try {
            Thread.sleep(delay / 1_000_000L, (int) (delay % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !deadline.isExpired();
    }
}
