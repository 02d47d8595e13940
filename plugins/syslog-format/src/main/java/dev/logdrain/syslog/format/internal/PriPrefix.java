package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import dev.logdrain.spi.SeverityDetector;

/**
 * Writes {@code <PRI>} and what follows it (RFC 5424's version) for the configured facility, with the
 * configured severity or, for {@code severity=auto}, the one detected in each message. The eight possible
 * prefixes are prepared once.
 */
final class PriPrefix {

    private final byte[][] bySeverity;
    private final int severity;

    PriPrefix(FormatOptions options, String after) {
        this.bySeverity = Priority.priPrefixes(options.facility(), after);
        this.severity = options.severity();
    }

    /** Writes the prefix for an event's message. */
    void write(LogEvent event, MessageBuffer out) {
        if (severity == Priority.AUTO) {
            out.write(bySeverity[SeverityDetector.detect(event, SeverityDetector.INFO)]);
        } else {
            out.write(bySeverity[severity]);
        }
    }

    /** Writes the prefix for a message ({@link dev.logdrain.spi.LogEvent#messageChars()}) whose own text starts at {@code from}. */
    void write(CharSequence message, int from, MessageBuffer out) {
        int s = severity == Priority.AUTO ? SeverityDetector.detect(message, from, SeverityDetector.INFO) : severity;
        out.write(bySeverity[s]);
    }
}
