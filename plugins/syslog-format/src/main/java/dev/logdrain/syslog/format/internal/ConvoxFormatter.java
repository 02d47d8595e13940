package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;

/**
 * convox/syslog's line: {@code <22>1 TIMESTAMP GROUP APP PROCID - - MSG}, TIMESTAMP in whole seconds UTC,
 * APP and PROCID taken from a leading {@code process:RELEASE/container } prefix of the message (which is
 * then removed from MSG), else {@code convox/syslog} and {@code unknown}. The PRI is 22 (mail.info) unless
 * the facility or severity options say otherwise.
 *
 * <p>Where convox/syslog gave up on a message with line breaks (its expression does not match across
 * lines, so such a message lost its prefix parsing), this formatter parses the prefix all the same and keeps
 * every line in MSG. As in the original, MSG follows {@code - - } even when empty. Header fields get the
 * RFC 5424 cleaning (printable ASCII, length limits), which leaves every real log group name unchanged.
 */
public final class ConvoxFormatter implements Formatter {

    private static final byte[] DEFAULT_APP_AND_PROCID = StructuredData.ascii(" convox/syslog unknown");
    private static final byte[] NO_MSGID_NO_SD = StructuredData.ascii(" - - ");

    private final PriPrefix pri;
    private final TimestampWriter timestamp = new TimestampWriter(TimestampWriter.Style.RFC3339_SECONDS);
    private final FieldWriter group = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, Rfc5424Formatter.HOSTNAME_MAX);
    private final FieldWriter app = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, Rfc5424Formatter.APP_NAME_MAX);
    private final FieldWriter procid = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, Rfc5424Formatter.PROCID_MAX);
    private final ConvoxPrefix prefix = new ConvoxPrefix();

    private final BatchKey origin = new BatchKey();
    private final MessageBuffer scratch = new MessageBuffer(300);
    /** {@code SP GROUP} of the current origin. */
    private byte[] host;

    public ConvoxFormatter(FormatOptions options) {
        this.pri = new PriPrefix(options, "1 ");
    }

    @Override
    public void format(LogBatch batch, LogEvent event, MessageBuffer out) {
        if (!origin.matches(batch)) {
            scratch.reset();
            scratch.writeByte(' ');
            group.begin(scratch);
            group.append(batch.logGroup(), 0, batch.logGroup().length());
            if (group.end() == 0) {
                scratch.writeByte('-');
            }
            host = Bytes.copy(scratch, 0);
            origin.remember(batch);
        }
        CharSequence message = event.messageChars();
        boolean prefixed = prefix.match(message);
        int messageStart = prefixed ? prefix.messageStart() : 0;
        pri.write(message, messageStart, out);
        timestamp.write(event.timestamp(), out);
        out.write(host);
        if (prefixed) {
            out.writeByte(' ');
            app.begin(out);
            app.append(message, 0, prefix.appEnd());
            app.end();
            out.writeByte(' ');
            procid.begin(out);
            procid.append(message, prefix.appEnd() + 1, prefix.procidEnd());
            procid.end();
        } else {
            out.write(DEFAULT_APP_AND_PROCID);
        }
        out.write(NO_MSGID_NO_SD, 0, NO_MSGID_NO_SD.length - 1);
        out.markStructuredDataEnd();
        out.writeByte(' ');
        out.markHeaderEnd(); // the forwarder escapes, cuts and splits only what follows
        out.writeMessage(event, messageStart);
    }
}
