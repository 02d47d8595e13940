package dev.logdrain.processing.internal;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.SeverityDetector;

/**
 * {@code minseverity=warning}: keeps events whose detected severity ({@link SeverityDetector}, as
 * {@code severity=auto} detects it; info when the message states none) is that one or worse.
 */
public final class SeverityFilter extends FixedKindProcessor {

    private final int worstKept;

    public SeverityFilter(int minimum) {
        super(Kind.FILTER);
        this.worstKept = minimum;
    }

    @Override
    public LogEvent process(LogBatch batch, LogEvent event) {
        return SeverityDetector.detect(event, SeverityDetector.INFO) <= worstKept ? event : null;
    }
}
