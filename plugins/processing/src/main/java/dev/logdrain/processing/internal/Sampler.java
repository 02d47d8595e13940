package dev.logdrain.processing.internal;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.SeverityDetector;

/**
 * {@code sample=N}: keeps 1 event in N, chosen by a hash of the event id, so that a retried batch (and every
 * host, and every destination with the same N) keeps the same events. With {@code sample.keep=LEVEL}, events
 * of that severity or worse are always kept.
 */
public final class Sampler extends FixedKindProcessor {

    /** -1 when every event is sampled. */
    private final int alwaysKept;
    private final int oneIn;

    public Sampler(int oneIn, int alwaysKept) {
        super(Kind.SAMPLE);
        this.oneIn = oneIn;
        this.alwaysKept = alwaysKept;
    }

    @Override
    public LogEvent process(LogBatch batch, LogEvent event) {
        if (keeps(event.id())) {
            return event;
        }
        return alwaysKept >= 0 && SeverityDetector.detect(event, SeverityDetector.INFO) <= alwaysKept
                ? event : null;
    }

    /** Whether the id falls in the kept 1/N: String.hashCode is specified, so this is stable across JVMs. */
    boolean keeps(String id) {
        return Integer.remainderUnsigned(mix(id.hashCode()), oneIn) == 0;
    }

    /** MurmurHash3's finalizer: spreads ids that differ only in their last digits. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
