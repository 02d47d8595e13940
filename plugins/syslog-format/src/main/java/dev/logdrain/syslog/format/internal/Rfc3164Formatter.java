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
    private final PriPrefix pri;
    private final TimestampWriter timestamp = new TimestampWriter(TimestampWriter.Style.RFC3164);
    private final FieldWriter hostname = new FieldWriter(FieldWriter.Rule.HOSTNAME_3164, HOSTNAME_MAX);
    private final FieldWriter tag = new FieldWriter(FieldWriter.Rule.TAG_3164, TAG_MAX);
    private final FieldWriter procid = new FieldWriter(FieldWriter.Rule.PROCID_3164, PROCID_MAX);
    /** {@code SP HOSTNAME SP TAG[PROCID]:}, rendered once per origin. */
    private final CachedHeader header;

    public Rfc3164Formatter(FormatOptions options) {
        this.options = options;
        this.pri = new PriPrefix(options, "");
        this.header = new CachedHeader(this::writeHeader, options.hostname(), options.appname(), options.procid());
    }

    @Override
    public void format(LogBatch batch, LogEvent event, MessageBuffer out) {
        pri.write(event, out);
        timestamp.write(event.timestamp(), out);
        header.write(batch, event, out);
        if (!event.isMessageEmpty()) {
            out.writeByte(' ');
        }
        out.markHeaderEnd(); // the forwarder escapes, cuts and splits only what follows
        out.writeMessage(event);
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
