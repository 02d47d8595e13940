package dev.logdrain.syslog.transport.internal;

import dev.logdrain.spi.MessageBatch;

/**
 * Frames formatted messages for a stream transport. Octet counting ({@code LEN SP MSG}, RFC 6587 and
 * RFC 5425) carries any byte. With line framing ({@code lf}, {@code crlf}) a line break inside a message
 * would end the record early and let the rest pose as a message of its own, so it is either escaped
 * ({@code \n}, {@code \r}) or the message is split into one record per line, each line under a copy of
 * the message's syslog header.
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

    /** Starts a batch in {@code out} and frames every message of it there. */
    void frame(MessageBatch batch, Journal out) {
        out.beginBatch(batch.size());
        append(batch, out);
    }

    /** Frames every message of {@code batch} (a whole batch or its next part) after the current batch's bytes
     * in {@code out}, recording where each event's bytes end. */
    void append(MessageBatch batch, Journal out) {
        int count = batch.size();
        byte[] data = batch.data();
        for (int i = 0; i < count; i++) {
            int from = batch.offset(i);
            int to = from + batch.length(i);
            switch (framing) {
                case OCTET_COUNTING -> octetCounted(data, from, to, out);
                case LF, CRLF -> {
                    if (multiline == Multiline.SPLIT) {
                        split(data, from, to, out);
                    } else {
                        line(data, from, to, out);
                    }
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

    /** One record: the message with CR and LF escaped, then the terminator. */
    private void line(byte[] data, int from, int to, Journal out) {
        out.ensure(2 * (to - from) + 2);
        out.length = escape(data, from, to, out.bytes, out.length);
        terminate(out);
    }

    /** One record per line, each under the message's header; falls back to escaping without a known header. */
    private void split(byte[] data, int from, int to, Journal out) {
        int header = SyslogHeader.length(data, from, to);
        if (header < 0 || indexOfLineBreak(data, from, from + header) >= 0 || indexOfLineBreak(data, from + header, to) < 0) {
            line(data, from, to, out);
            return;
        }
        int bodyStart = from + header;
        int lineStart = bodyStart;
        boolean wrote = false;
        while (lineStart <= to) {
            int lineEnd = indexOf(data, (byte) '\n', lineStart, to);
            int next = lineEnd < 0 ? to + 1 : lineEnd + 1;
            int end = lineEnd < 0 ? to : lineEnd;
            if (end > lineStart && data[end - 1] == '\r') {
                end--; // CRLF inside the message
            }
            if (end > lineStart) {
                out.ensure(header + 2 * (end - lineStart) + 2);
                System.arraycopy(data, from, out.bytes, out.length, header);
                out.length += header;
                out.length = escape(data, lineStart, end, out.bytes, out.length);
                terminate(out);
                wrote = true;
            }
            lineStart = next;
        }
        if (!wrote) { // only line breaks: keep the event as one empty record
            out.ensure(header + 2);
            System.arraycopy(data, from, out.bytes, out.length, header);
            out.length += header;
            terminate(out);
        }
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

    private static int indexOfLineBreak(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
