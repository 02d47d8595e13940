package dev.logdrain.spi;

import java.util.Optional;

/**
 * How a stream of records is cut back into records: the one place that frames, used by every stream sink
 * (TCP, TLS) and by the console. Octet counting ({@code LEN SP MSG}, RFC 6587 and RFC 5425) carries any
 * byte. With a line framing ({@code lf}, {@code crlf}) a line break inside a record would end it early and
 * let the rest pose as a record of its own, so {@link #recordRules} asks the forwarder to escape line breaks
 * ({@code \n}, {@code \r}) or split the message into one record per line before it cuts to {@code maxsize};
 * {@link #frame} escapes CR and LF once more as a safety net for a caller that bypasses the forwarder.
 * Nothing else is escaped: the record's bytes stay as the formatter wrote them (JSON stays JSON).
 */
public enum Framing {
    OCTET_COUNTING("octet-counting"), LF("lf"), CRLF("crlf");

    private final String option;

    Framing(String option) {
        this.option = option;
    }

    /** The option value that names this framing, e.g. {@code octet-counting}. */
    public String option() {
        return option;
    }

    /** The framing named {@code value} ({@link #option()}), if any. */
    public static Optional<Framing> fromOption(String value) {
        for (Framing f : values()) {
            if (f.option.equals(value)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * What the forwarder must do before it cuts to {@code maxsize}: escape line breaks, or with
     * {@code splitLines} make one record per line (the line framings); count the CR of {@code crlf} (rsyslog
     * counts it as part of the line). Every record is framed alone.
     */
    public RecordRules recordRules(boolean splitLines) {
        RecordRules.LineBreaks lineBreaks = this == OCTET_COUNTING ? RecordRules.LineBreaks.KEEP
                : splitLines ? RecordRules.LineBreaks.SPLIT : RecordRules.LineBreaks.ESCAPE;
        return new RecordRules(lineBreaks, this == CRLF ? 1 : 0, true);
    }

    /** The most bytes {@link #frame} writes for a record of {@code length} bytes. */
    public int maxFramedLength(int length) {
        return this == OCTET_COUNTING ? length + 11 : 2 * length + 2;
    }

    /**
     * Writes the record {@code src[from, to)} framed to {@code dst} at {@code pos}, which has room for
     * {@link #maxFramedLength} bytes, and returns the end of what it wrote.
     */
    public int frame(byte[] src, int from, int to, byte[] dst, int pos) {
        if (this == OCTET_COUNTING) {
            int length = to - from;
            int digits = 1;
            for (int v = length; v >= 10; v /= 10) {
                digits++;
            }
            int v = length;
            for (int d = digits - 1; d >= 0; d--) {
                dst[pos + d] = (byte) ('0' + v % 10);
                v /= 10;
            }
            pos += digits;
            dst[pos++] = ' ';
            System.arraycopy(src, from, dst, pos, length);
            return pos + length;
        }
        pos = escapeLineBreaks(src, from, to, dst, pos);
        if (this == CRLF) {
            dst[pos++] = '\r';
        }
        dst[pos++] = '\n';
        return pos;
    }

    /** Copies with CR and LF written as the two characters {@code \r} and {@code \n}; returns the new end. */
    private static int escapeLineBreaks(byte[] src, int from, int to, byte[] dst, int pos) {
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
