package dev.logdrain.spi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        ByteBuffer out = ByteBuffer.wrap(dst);
        out.position(pos);
        frame(src, from, to, out);
        return out.position();
    }

    /**
     * Writes the record {@code src[from, to)} framed to {@code dst} at its position, which has room for
     * {@link #maxFramedLength} bytes, and advances the position past it. {@code dst} may be direct (a stream
     * sink frames into the memory it writes to the socket from, so the bytes are copied once).
     */
    public void frame(byte[] src, int from, int to, ByteBuffer dst) {
        if (this == OCTET_COUNTING) {
            int length = to - from;
            int pos = dst.position();
            if (length < 10_000_000 && dst.limit() - pos >= Long.BYTES) {
                // LEN SP as one 8-byte store (big-endian, left-aligned): the record's bytes overwrite the rest,
                // and the room asked for (length + 11) always holds 8 bytes
                long word = ' ';
                int used = 1;
                for (int v = length; ; v /= 10) {
                    word |= (long) ('0' + v % 10) << (8 * used++);
                    if (v < 10) {
                        break;
                    }
                }
                word <<= 8 * (Long.BYTES - used);
                dst.putLong(pos, dst.order() == ByteOrder.BIG_ENDIAN ? word : Long.reverseBytes(word));
                dst.position(pos + used);
            } else {
                int digits = 1;
                for (int v = length; v >= 10; v /= 10) {
                    digits++;
                }
                for (int d = digits - 1, v = length; d >= 0; d--, v /= 10) {
                    dst.put(pos + d, (byte) ('0' + v % 10));
                }
                dst.put(pos + digits, (byte) ' ');
                dst.position(pos + digits + 1);
            }
            dst.put(src, from, length);
            return;
        }
        escapeLineBreaks(src, from, to, dst);
        if (this == CRLF) {
            dst.put((byte) '\r');
        }
        dst.put((byte) '\n');
    }

    /** Copies with CR and LF written as the two characters {@code \r} and {@code \n}. */
    private static void escapeLineBreaks(byte[] src, int from, int to, ByteBuffer dst) {
        int runStart = from;
        for (int i = from; i < to; i++) {
            byte c = src[i];
            if (c == '\n' || c == '\r') {
                dst.put(src, runStart, i - runStart);
                dst.put((byte) '\\').put(c == '\n' ? (byte) 'n' : (byte) 'r');
                runStart = i + 1;
            }
        }
        dst.put(src, runStart, to - runStart);
    }
}
