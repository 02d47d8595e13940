package dev.logdrain.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One log line: an id given by the origin (CloudWatch's event id), a time in epoch milliseconds and a message.
 *
 * <p>The message is any Unicode text; line breaks and control characters are allowed. One trailing line break
 * (LF or CRLF) is not part of the message and is removed, since runtimes end every line with one; line breaks
 * inside the message are kept.
 *
 * <p>An event is made from a String ({@link #LogEvent(String, long, String)}) or, by a source that has the
 * message as UTF-8 bytes, from those bytes ({@link #ofUtf8}): then formatters copy the bytes as they are
 * ({@link MessageBuffer#writeMessage(LogEvent)}) and a String is made only when code asks for
 * {@link #message()}. Both kinds behave alike: equal when their id, timestamp and {@link #message()} are.
 * Immutable and thread-safe.
 */
public final class LogEvent {

    private final String id;
    private final long timestamp;
    /** The message's UTF-8 bytes, {@code utf8[offset, offset + length)}, or null for an event made from a String. */
    private final byte[] utf8;
    private final int offset;
    private final int length;
    private final boolean ascii;
    /** The message given as a String, or null for an event made from bytes (final: safe to publish by a race). */
    private final String given;
    /** The bytes decoded on first use (racy but safe: a String is immutable, and a miss decodes again). */
    private String decoded;

    /**
     * @param id        the event id given by the origin, never null
     * @param timestamp epoch milliseconds
     * @param message   the text, never null; one trailing LF or CRLF is removed
     */
    public LogEvent(String id, long timestamp, String message) {
        this.id = Objects.requireNonNull(id, "id");
        this.timestamp = timestamp;
        this.given = stripOneTrailingLineBreak(Objects.requireNonNull(message, "message"));
        this.utf8 = null;
        this.offset = 0;
        this.length = 0;
        this.ascii = false;
    }

    private LogEvent(String id, long timestamp, byte[] utf8, int offset, int length, boolean ascii) {
        this.id = Objects.requireNonNull(id, "id");
        this.given = null;
        this.timestamp = timestamp;
        this.utf8 = utf8;
        this.offset = offset;
        this.length = length;
        this.ascii = ascii;
    }

    /**
     * An event whose message is the UTF-8 text {@code bytes[offset, offset + length)}, kept without copying.
     * One trailing LF or CRLF is removed, as from a String.
     *
     * @param bytes must hold valid UTF-8 there (no overlong forms, no encoded surrogates), which the caller has
     *              checked, and must not change afterwards: the event reads them whenever it is formatted
     * @param ascii whether those bytes are all below 0x80 (then they are decoded one char a byte)
     */
    public static LogEvent ofUtf8(String id, long timestamp, byte[] bytes, int offset, int length, boolean ascii) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int n = length;
        if (n > 0 && bytes[offset + n - 1] == '\n') {
            n--;
            if (n > 0 && bytes[offset + n - 1] == '\r') {
                n--;
            }
        }
        return new LogEvent(id, timestamp, bytes, offset, n, ascii);
    }

    public String id() {
        return id;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The message as a String (made from the bytes on first use for an event made by {@link #ofUtf8}). */
    public String message() {
        if (given != null) {
            return given;
        }
        String s = decoded;
        if (s == null) {
            s = new String(utf8, offset, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            decoded = s;
        }
        return s;
    }

    /**
     * The message's characters, read without making a String when they are ASCII bytes (a view of them);
     * otherwise {@link #message()}. For code that only looks at the text, such as severity detection.
     */
    public CharSequence messageChars() {
        return utf8 != null && ascii ? TextView.ofAscii(utf8, offset, offset + length) : message();
    }

    /** Whether the message is the empty text. */
    public boolean isMessageEmpty() {
        return utf8 != null ? length == 0 : given.isEmpty();
    }

    /** The UTF-8 bytes, or null for an event made from a String ({@link MessageBuffer} reads them). */
    byte[] utf8() {
        return utf8;
    }

    int utf8Offset() {
        return offset;
    }

    int utf8Length() {
        return length;
    }

    boolean isAscii() {
        return ascii;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEvent e && timestamp == e.timestamp && id.equals(e.id) && message().equals(e.message());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, timestamp, message());
    }

    @Override
    public String toString() {
        return "LogEvent[id=" + id + ", timestamp=" + timestamp + ", message=" + message() + "]";
    }

    static String stripOneTrailingLineBreak(String message) {
        int n = message.length();
        if (n > 0 && message.charAt(n - 1) == '\n') {
            n--;
            if (n > 0 && message.charAt(n - 1) == '\r') {
                n--;
            }
            return message.substring(0, n);
        }
        return message;
    }
}
