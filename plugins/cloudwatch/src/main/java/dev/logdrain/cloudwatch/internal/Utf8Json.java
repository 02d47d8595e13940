package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * JSON is UTF-8 (RFC 8259), but jackson-core guesses the encoding from the first bytes: a NUL in the first two,
 * or a UTF-16/UTF-32 byte order mark, makes it read the input as UTF-16 or UTF-32, and a bad "UTF-32 character"
 * then escapes as a {@code CharConversionException}. Neither NUL nor FE/FF can start UTF-8 JSON, so such input
 * is refused here, before a parser sees it, with one clear line; every other input is read by Jackson as
 * UTF-8, as before (the check costs two bytes).
 */
final class Utf8Json {

    private Utf8Json() {
    }

    /** Why Jackson would not read JSON starting with these bytes as UTF-8, or null ({@code b1} -1 when absent). */
    static String notUtf8(int b0, int b1) {
        if (b0 < 0 || b1 < 0) {
            return null; // fewer than two bytes: Jackson takes UTF-8
        }
        if (b0 == 0 || b1 == 0 || (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
            return String.format("it starts with bytes %02x %02x, as UTF-16 or UTF-32 text would; JSON must be UTF-8",
                    b0, b1);
        }
        return null;
    }

    /** Refuses JSON in {@code b[off, off+len)} that Jackson would not read as UTF-8. */
    static void check(byte[] b, int off, int len, String where) {
        String problem = len < 2 ? null : notUtf8(b[off] & 0xFF, b[off + 1] & 0xFF);
        if (problem != null) {
            throw new InvalidInputException(where + " is not valid JSON: " + problem);
        }
    }

    /** The stream, its first two bytes checked as {@link #check} does. */
    static InputStream checked(InputStream in, String where) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 2);
        byte[] head = new byte[2];
        int n = 0;
        while (n < 2) {
            int r = p.read(head, n, 2 - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        check(head, 0, n, where);
        p.unread(head, 0, n);
        return p;
    }
}
