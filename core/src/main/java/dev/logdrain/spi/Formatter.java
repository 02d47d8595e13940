package dev.logdrain.spi;

/**
 * Renders events to bytes, one message per event, without framing. Created once per destination by its
 * {@link FormatterProvider} and called from one thread at a time; it may cache what it derives from a
 * batch (header fields) for the events of that batch.
 *
 * <p>A formatter whose messages have a header (syslog's PRI, timestamp, host, app) marks where it ends with
 * {@link MessageBuffer#markHeaderEnd()} (and, for RFC 5424, where STRUCTURED-DATA ends with
 * {@link MessageBuffer#markStructuredDataEnd()}): the forwarder then escapes and cuts only the free text, and
 * can split a message too long for {@code maxsize} into records that each carry the header.
 */
public interface Formatter {

    /** Appends the message for {@code event} (one of {@code batch}'s events) to {@code out}. */
    void format(LogBatch batch, LogEvent event, MessageBuffer out);
}
