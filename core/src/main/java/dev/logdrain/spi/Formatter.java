package dev.logdrain.spi;

/**
 * Renders events to bytes, one message per event, without framing. Created once per destination by its
 * {@link FormatterProvider} and called from one thread at a time; it may cache what it derives from a
 * batch (header fields) for the events of that batch.
 */
public interface Formatter {

    /** Appends the message for {@code event} (one of {@code batch}'s events) to {@code out}. */
    void format(LogBatch batch, LogEvent event, MessageBuffer out);
}
