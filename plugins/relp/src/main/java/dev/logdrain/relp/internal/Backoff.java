package dev.logdrain.relp.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between connection attempts: doubling from {@code initialMillis} up to {@code maxMillis}, each
 * pause drawn at random from its upper half so that many senders do not reconnect in lockstep.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;

    public Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
    }

    /** The pause before attempt number {@code attempt} (1 for the first retry). */
    public long delayMillis(int attempt) {
        long cap = initialMillis << Math.min(Math.max(attempt - 1, 0), 20);
        cap = Math.min(cap, maxMillis);
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }
}
