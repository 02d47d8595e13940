package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/** Base64 text of gzip data ({@code H4sI...}), as a file holds it: in memory, or as a stream. */
final class Base64Text {

    private Base64Text() {
    }

    /** The decoded text as it is read: line breaks and blanks dropped, errors in one line naming {@code where}. */
    static InputStream decoding(InputStream in, String where) {
        SkipLineBreaks text = new SkipLineBreaks(in);
        return new Base64Stage(Base64.getDecoder().wrap(text), text, where);
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Base64 text read from a file, line breaks and blanks dropped; null when it is not base64. */
    static byte[] decodeOrNull(byte[] b, int start, int end) {
        byte[] text = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            if (!isBlank(b[i])) {
                text[n++] = b[i];
            }
        }
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(text, 0, n));
            return Arrays.copyOfRange(decoded.array(), decoded.arrayOffset(), decoded.arrayOffset() + decoded.remaining());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Turns base64 decoding failures into a clear one-line error. */
    private static final class Base64Stage extends java.io.FilterInputStream {
        private final InputStream text;
        private final String where;

        Base64Stage(InputStream in, InputStream text, String where) {
            super(in);
            this.text = text;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            try {
                return atEnd(super.read());
            } catch (IOException e) {
                throw notBase64(e.getMessage());
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return atEnd(super.read(b, off, len));
            } catch (IOException e) {
                throw notBase64(e.getMessage());
            }
        }

        /** The JDK's stream stops at the padding and ignores what follows it: that is not base64 either. */
        private int atEnd(int r) throws IOException {
            if (r < 0 && text.read() >= 0) {
                throw notBase64("text after the padding");
            }
            return r;
        }

        private InvalidInputException notBase64(String why) {
            return new InvalidInputException(where + " is not base64: " + ErrorText.oneLine(String.valueOf(why), 200));
        }
    }

    /** Drops line breaks and blanks from base64 text read from a file (a trailing newline). */
    private static final class SkipLineBreaks extends java.io.FilterInputStream {
        SkipLineBreaks(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b;
            do {
                b = super.read();
            } while (b == '\n' || b == '\r' || b == ' ' || b == '\t');
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int r = super.read(b, off, len);
                if (r <= 0) {
                    return r;
                }
                int w = off;
                for (int i = off; i < off + r; i++) {
                    byte c = b[i];
                    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
                        b[w++] = c;
                    }
                }
                if (w > off) {
                    return w - off;
                }
            }
        }
    }
}
