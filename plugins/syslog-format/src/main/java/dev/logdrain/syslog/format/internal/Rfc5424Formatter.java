package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.util.List;

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
    private static final byte[] FIELDS_OPEN = StructuredData.ascii("[" + StructuredData.FIELDS_ID);

    private final FormatOptions options;
    private final PriPrefix pri;
    private final TimestampWriter timestamp = new TimestampWriter(TimestampWriter.Style.RFC3339_MILLIS);
    private final FieldWriter hostname = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, HOSTNAME_MAX);
    private final FieldWriter appname = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, APP_NAME_MAX);
    private final FieldWriter procid = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, PROCID_MAX);
    private final FieldWriter msgid = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, MSGID_MAX);
    /** {@code SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP}, rendered once per origin. */
    private final CachedHeader header;

    private final BatchKey metaOrigin = new BatchKey();
    private final MessageBuffer scratch = new MessageBuffer(512);
    /** The meta element's parameters after the id, and its {@code ]}, for the current origin. */
    private byte[] metaRest;

    public Rfc5424Formatter(FormatOptions options) {
        this.options = options;
        this.pri = new PriPrefix(options, "1 ");
        this.header = new CachedHeader(this::writeHeader, options.hostname(), options.appname(), options.procid(),
                options.msgid());
    }

    @Override
    public void format(LogBatch batch, LogEvent event, MessageBuffer out) {
        pri.write(event, out);
        timestamp.write(event.timestamp(), out);
        header.write(batch, event, out);
        writeStructuredData(batch, event, out);
        out.markStructuredDataEnd();
        if (options.bom()) {
            out.writeByte(' ').write(Bytes.UTF8_BOM);
        } else if (event.isMessageEmpty()) {
            out.markHeaderEnd();
            return;
        } else {
            out.writeByte(' ');
        }
        out.markHeaderEnd(); // the forwarder escapes, cuts and splits only what follows
        out.writeMessage(event); // the decoder's UTF-8 bytes as they are, when it made the event from them
    }

    /** Renders the meta element's origin parameters, when the batch has another origin than the last. */
    private void prepareMeta(LogBatch batch) {
        if (metaOrigin.matches(batch)) {
            return;
        }
        scratch.reset();
        param(" group=\"", batch.logGroup());
        param(" stream=\"", batch.logStream());
        param(" owner=\"", batch.owner());
        scratch.writeByte(']');
        metaRest = Bytes.copy(scratch, 0);
        metaOrigin.remember(batch);
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

    private void writeStructuredData(LogBatch batch, LogEvent event, MessageBuffer out) {
        byte[] literal = options.sdStatic();
        if (!options.sdMeta()) {
            int before = out.length();
            out.write(literal);
            writeFields(event, out);
            if (out.length() == before) {
                out.writeByte('-');
            }
            return;
        }
        prepareMeta(batch);
        out.write(literal);
        out.write(META_OPEN);
        String id = event.id();
        if (!id.isEmpty()) {
            out.write(ID_OPEN);
            StructuredData.writeParamValue(out, id);
            out.writeByte('"');
        }
        out.write(metaRest);
        writeFields(event, out);
    }

    /** {@code [fields@32473 a="..." b="..."]} with the fields the JSON message has; nothing when it has none. */
    private void writeFields(LogEvent event, MessageBuffer out) {
        List<String> fields = options.fields();
        boolean open = false;
        for (int i = 0; i < fields.size(); i++) {
            String value = JsonField.value(event.message(), fields.get(i));
            if (value == null) {
                continue;
            }
            if (!open) {
                out.write(FIELDS_OPEN);
                open = true;
            }
            out.writeByte(' ').writeAscii(fields.get(i)).writeByte('=').writeByte('"');
            StructuredData.writeParamValue(out, value);
            out.writeByte('"');
        }
        if (open) {
            out.writeByte(']');
        }
    }
}
