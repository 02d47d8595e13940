package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;

/**
 * RFC 3164 (BSD syslog): {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PROCID]: MSG}, the time in UTC with the day
 * padded by a space ({@code Nov  3}).
 *
 * <p>The header is cleaned for the legacy parsers (rsyslog's takes a hostname with {@code /} for the tag):
 * HOSTNAME keeps letters, digits, {@code . - _}, drops a leading {@code /} and turns anything else into
 * {@code _} ({@code /ecs/orders} becomes {@code ecs_orders}); TAG keeps at most 32 letters and digits
 * ({@code logdrain} when none are left); PROCID keeps letters, digits, {@code . - _} (and is left out with
 * its brackets when none are left). MSG is written as it is.
 */
public final class Rfc3164Formatter implements Formatter {

    static final int HOSTNAME_MAX = 255;
    static final int TAG_MAX = 32;
    static final int PROCID_MAX = 128;
    private static final String DEFAULT_TAG = "logdrain";

    private final FormatOptions options;
    private final byte[][] priPrefixes;
    private final TimestampWriter timestamp = new TimestampWriter(TimestampWriter.Style.RFC3164);
    private final FieldWriter hostname = new FieldWriter(FieldWriter.Rule.HOSTNAME_3164, HOSTNAME_MAX);
    private final FieldWriter tag = new FieldWriter(FieldWriter.Rule.TAG_3164, TAG_MAX);
    private final FieldWriter procid = new FieldWriter(FieldWriter.Rule.PROCID_3164, PROCID_MAX);
    private final boolean headerPerEvent;
    private final boolean autoSeverity;

    private final BatchKey origin = new BatchKey();
    private final MessageBuffer scratch = new MessageBuffer(512);
    /** {@code SP HOSTNAME SP TAG[PROCID]:} of the current origin. */
    private byte[] header;

    public Rfc3164Formatter(FormatOptions options) {
        this.options = options;
        this.priPrefixes = Priority.priPrefixes(options.facility(), "");
        this.autoSeverity = options.severity() == Priority.AUTO;
        this.headerPerEvent = options.hostname().usesEventId() || options.appname().usesEventId()
                || options.procid().usesEventId();
    }

    @Override
    public void format(LogBatch batch, LogEvent event, MessageBuffer out) {
        String message = event.message();
        int severity = autoSeverity ? SeverityDetector.detect(message, Priority.INFO) : options.severity();
        out.write(priPrefixes[severity]);
        timestamp.write(event.timestamp(), out);
        if (headerPerEvent) {
            writeHeader(batch, event, out);
        } else {
            if (!origin.matches(batch)) {
                scratch.reset();
                writeHeader(batch, event, scratch);
                header = Bytes.copy(scratch, 0);
                origin.remember(batch);
            }
            out.write(header);
        }
        if (!message.isEmpty()) {
            out.writeByte(' ').writeUtf8(message);
        }
    }

    private void writeHeader(LogBatch batch, LogEvent event, MessageBuffer out) {
        out.writeByte(' ');
        hostname.writeField(options.hostname(), batch, event, out, (byte) '-');
        out.writeByte(' ');
        tag.begin(out);
        options.appname().render(batch, event, tag);
        if (tag.end() == 0) {
            out.writeAscii(DEFAULT_TAG);
        }
        int open = out.length();
        out.writeByte('[');
        procid.begin(out);
        options.procid().render(batch, event, procid);
        if (procid.end() == 0) {
            out.setLength(open);
        } else {
            out.writeByte(']');
        }
        out.writeByte(':');
    }
}
