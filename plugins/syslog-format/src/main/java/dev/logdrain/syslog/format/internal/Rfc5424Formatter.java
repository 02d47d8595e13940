package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;

/**
 * RFC 5424: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [SP [BOM] MSG]}.
 *
 * <p>Per event it writes: the PRI prefix (one of eight prepared arrays), the timestamp (the part down to the
 * second cached), the header fields (rendered once per origin, unless a template uses {@code {id}}), the
 * structured data (only the event id is escaped per event), and the message, encoded straight into the
 * buffer. MSG is written as it is, line breaks and control characters (NUL included) too: framing
 * (octet counting) carries them, and RFC 5424 leaves their display to the receiver. An empty message
 * ends the line after STRUCTURED-DATA, which RFC 5424 allows (MSG is optional).
 */
public final class Rfc5424Formatter implements Formatter {

    static final int HOSTNAME_MAX = 255;
    static final int APP_NAME_MAX = 48;
    static final int PROCID_MAX = 128;
    static final int MSGID_MAX = 32;

    private static final byte[] META_OPEN = StructuredData.ascii("[" + StructuredData.META_ID);
    private static final byte[] ID_OPEN = StructuredData.ascii(" id=\"");

    private final FormatOptions options;
    private final byte[][] priPrefixes;
    private final TimestampWriter timestamp = new TimestampWriter(TimestampWriter.Style.RFC3339_MILLIS);
    private final FieldWriter hostname = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, HOSTNAME_MAX);
    private final FieldWriter appname = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, APP_NAME_MAX);
    private final FieldWriter procid = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, PROCID_MAX);
    private final FieldWriter msgid = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, MSGID_MAX);
    private final boolean headerPerEvent;
    private final boolean autoSeverity;

    private final BatchKey origin = new BatchKey();
    private final MessageBuffer scratch = new MessageBuffer(512);
    /** {@code SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP} of the current origin. */
    private byte[] header;
    /** The meta element's parameters after the id, and its {@code ]}, for the current origin. */
    private byte[] metaRest;

    public Rfc5424Formatter(FormatOptions options) {
        this.options = options;
        this.priPrefixes = Priority.priPrefixes(options.facility(), "1 ");
        this.autoSeverity = options.severity() == Priority.AUTO;
        this.headerPerEvent = options.hostname().usesEventId() || options.appname().usesEventId()
                || options.procid().usesEventId() || options.msgid().usesEventId();
    }

    @Override
    public void format(LogBatch batch, LogEvent event, MessageBuffer out) {
        if (!origin.matches(batch)) {
            prepare(batch, event);
            origin.remember(batch);
        }
        String message = event.message();
        int severity = autoSeverity ? SeverityDetector.detect(message, Priority.INFO) : options.severity();
        out.write(priPrefixes[severity]);
        timestamp.write(event.timestamp(), out);
        if (headerPerEvent) {
            writeHeader(batch, event, out);
        } else {
            out.write(header);
        }
        writeStructuredData(event, out);
        if (options.bom()) {
            out.writeByte(' ').write(Bytes.UTF8_BOM);
        } else if (message.isEmpty()) {
            return;
        } else {
            out.writeByte(' ');
        }
        out.writeUtf8(message);
    }

    private void prepare(LogBatch batch, LogEvent event) {
        scratch.reset();
        if (!headerPerEvent) {
            writeHeader(batch, event, scratch);
            header = Bytes.copy(scratch, 0);
        }
        if (options.sdMeta()) {
            int start = scratch.length();
            param(" group=\"", batch.logGroup());
            param(" stream=\"", batch.logStream());
            param(" owner=\"", batch.owner());
            scratch.writeByte(']');
            metaRest = Bytes.copy(scratch, start);
        }
    }

    private void param(String open, String value) {
        if (!value.isEmpty()) {
            scratch.writeAscii(open);
            StructuredData.writeParamValue(scratch, value);
            scratch.writeByte('"');
        }
    }

    private void writeHeader(LogBatch batch, LogEvent event, MessageBuffer out) {
        out.writeByte(' ');
        hostname.writeField(options.hostname(), batch, event, out, (byte) '-');
        out.writeByte(' ');
        appname.writeField(options.appname(), batch, event, out, (byte) '-');
        out.writeByte(' ');
        procid.writeField(options.procid(), batch, event, out, (byte) '-');
        out.writeByte(' ');
        msgid.writeField(options.msgid(), batch, event, out, (byte) '-');
        out.writeByte(' ');
    }

    private void writeStructuredData(LogEvent event, MessageBuffer out) {
        byte[] literal = options.sdStatic();
        if (!options.sdMeta()) {
            if (literal.length == 0) {
                out.writeByte('-');
            } else {
                out.write(literal);
            }
            return;
        }
        out.write(literal);
        out.write(META_OPEN);
        String id = event.id();
        if (!id.isEmpty()) {
            out.write(ID_OPEN);
            StructuredData.writeParamValue(out, id);
            out.writeByte('"');
        }
        out.write(metaRest);
    }
}
