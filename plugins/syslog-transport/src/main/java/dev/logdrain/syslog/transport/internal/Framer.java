package dev.logdrain.syslog.transport.internal;

import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.RecordRules;

/**
 * Frames records for a stream transport. Octet counting ({@code LEN SP MSG}, RFC 6587 and RFC 5425) carries
 * any byte. With line framing ({@code lf}, {@code crlf}) a line break inside a message would end the record
 * early and let the rest pose as a message of its own, so the forwarder escapes line breaks ({@code \n},
 * {@code \r}) or splits the message into one record per line under copies of its header, before it cuts
 * to {@code maxsize}, as {@link #recordRules()} asks: this class only frames.
 */
public final class Framer {

    public enum Framing {
        OCTET_COUNTING("octet-counting"), LF("lf"), CRLF("crlf");

        private final String option;

        Framing(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }

        public static Framing fromOption(String value) {
            for (Framing f : values()) {
                if (f.option.equals(value)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(value);
        }
    }

    public enum Multiline { ESCAPE, SPLIT }

    private final Framing framing;
    private final Multiline multiline;

    public Framer(Framing framing, Multiline multiline) {
        this.framing = framing;
        this.multiline = multiline;
    }

    public Framing framing() {
        return framing;
    }

    public Multiline multiline() {
        return multiline;
    }

    /**
     * What the forwarder must do before it cuts to {@code maxsize}: escape line breaks or split lines (the line
     * framings), count the CR of {@code crlf} (rsyslog counts it as part of the line); every record framed alone.
     */
    public RecordRules recordRules() {
        RecordRules.LineBreaks lineBreaks = framing == Framing.OCTET_COUNTING ? RecordRules.LineBreaks.KEEP
                : multiline == Multiline.SPLIT ? RecordRules.LineBreaks.SPLIT : RecordRules.LineBreaks.ESCAPE;
        return new RecordRules(lineBreaks, framing == Framing.CRLF ? 1 : 0, true);
    }

    /** Starts a batch in {@code out} and frames every message of it there. */
    void frame(MessageBatch batch, Journal out) {
        out.beginBatch(batch.size());
        append(batch, out);
    }

    /** Frames every message of {@code batch} (a whole batch or its next part) after the current batch's bytes
     * in {@code out}, each of its records in a frame of its own, recording where each event's bytes end. */
    void append(MessageBatch batch, Journal out) {
        int count = batch.size();
        byte[] data = batch.data();
        for (int i = 0; i < count; i++) {
            int records = batch.records(i);
            for (int r = 0; r < records; r++) {
                int from = batch.recordOffset(i, r);
                int to = from + batch.recordLength(i, r);
                if (framing == Framing.OCTET_COUNTING) {
                    octetCounted(data, from, to, out);
                } else {
                    line(data, from, to, out);
                }
            }
            out.endEvent();
        }
    }

    private static void octetCounted(byte[] data, int from, int to, Journal out) {
        int length = to - from;
        out.ensure(length + 11);
        byte[] b = out.bytes;
        int pos = out.length;
        int digits = 1;
        for (int v = length; v >= 10; v /= 10) {
            digits++;
        }
        int v = length;
        for (int d = digits - 1; d >= 0; d--) {
            b[pos + d] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += digits;
        b[pos++] = ' ';
        System.arraycopy(data, from, b, pos, length);
        out.length = pos + length;
    }

    /**
     * One record and its terminator. The forwarder has escaped every line break already ({@link #recordRules()});
     * escaping here again is only a safety net for a caller that bypasses it, so that a record can never end early.
     */
    private void line(byte[] data, int from, int to, Journal out) {
        out.ensure(2 * (to - from) + 2);
        out.length = escape(data, from, to, out.bytes, out.length);
        terminate(out);
    }

    private void terminate(Journal out) {
        if (framing == Framing.CRLF) {
            out.bytes[out.length++] = '\r';
        }
        out.bytes[out.length++] = '\n';
    }

    /** Copies with CR and LF written as the two characters {@code \r} and {@code \n}; returns the new end. */
    private static int escape(byte[] src, int from, int to, byte[] dst, int pos) {
        int runStart = from;
        for (int i = from; i < to; i++) {
            byte c = src[i];
            if (c == '\n' || c == '\r') {
                int run = i - runStart;
                System.arraycopy(src, runStart, dst, pos, run);
                pos += run;
                dst[pos++] = '\\';
                dst[pos++] = c == '\n' ? (byte) 'n' : (byte) 'r';
                runStart = i + 1;
            }
        }
        int run = to - runStart;
        System.arraycopy(src, runStart, dst, pos, run);
        return pos + run;
    }
}
