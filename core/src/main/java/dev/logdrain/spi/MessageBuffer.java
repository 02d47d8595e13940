package dev.logdrain.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte buffer that formatters write messages into. One buffer is reused for every event of
 * every batch of a destination, so formatting needs no buffer of its own once this one has grown (only
 * {@link #writeUtf8} of a long String lets the JDK encode it into a short-lived array, which is faster).
 * Formatters write an event's text with {@link #writeMessage(LogEvent)}, which copies the bytes of an event the
 * source made from UTF-8 instead of encoding a String. Not thread-safe.
 */
public final class MessageBuffer {

    /** Strings at least this long are encoded by the JDK in one go (see {@link #writeUtf8(CharSequence, int, int)}). */
    private static final int BULK_ENCODE_MIN = 32;

    private byte[] bytes;
    private int length;
    /** Where the current message's header ends (see {@link #markHeaderEnd()}), or -1. */
    private int headerEnd = -1;
    private int structuredDataEnd = -1;

    public MessageBuffer() {
        this(8192);
    }

    public MessageBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** The backing array; valid up to {@link #length()} and only until the next write. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Cuts the content back to {@code newLength} bytes (which must not exceed the current length). */
    public void setLength(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException("length " + newLength + " of " + length);
        }
        length = newLength;
    }

    public void reset() {
        length = 0;
        beginMessage();
    }

    /**
     * Formatters call this where a message's header ends and its free text begins (RFC 5424: after
     * STRUCTURED-DATA, its space and a BOM; RFC 3164: after the tag and its space). The forwarder then never
     * cuts or escapes the header, and repeats it on every record when a message is split ({@code oversize=split},
     * {@code multiline=split}). A message without this mark is truncated, never split.
     */
    public void markHeaderEnd() {
        headerEnd = length;
    }

    /**
     * RFC 5424 formatters: call this where STRUCTURED-DATA ({@code -} or its elements) ends, so that the forwarder
     * can add a part element to each record of a split message. Without it the part marker goes in front of
     * the free text.
     */
    public void markStructuredDataEnd() {
        structuredDataEnd = length;
    }

    /** Offset where the current message's header ends, or -1 when its formatter did not mark it. */
    public int headerEnd() {
        return headerEnd;
    }

    /** Offset where the current message's STRUCTURED-DATA ends, or -1 when its formatter did not mark it. */
    public int structuredDataEnd() {
        return structuredDataEnd;
    }

    /** Forgets the marks of the previous message; the forwarder calls it before each message is formatted. */
    public void beginMessage() {
        headerEnd = -1;
        structuredDataEnd = -1;
    }

    public void ensureCapacity(int extra) {
        int needed = length + extra;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length << 1));
        }
    }

    public MessageBuffer writeByte(int b) {
        if (length == bytes.length) {
            ensureCapacity(1);
        }
        bytes[length++] = (byte) b;
        return this;
    }

    public MessageBuffer write(byte[] src) {
        return write(src, 0, src.length);
    }

    public MessageBuffer write(byte[] src, int offset, int count) {
        ensureCapacity(count);
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
        return this;
    }

    /** Writes characters known to be ASCII (each char's low byte). */
    public MessageBuffer writeAscii(CharSequence s) {
        int n = s.length();
        ensureCapacity(n);
        byte[] b = bytes;
        int pos = length;
        for (int i = 0; i < n; i++) {
            b[pos++] = (byte) s.charAt(i);
        }
        length = pos;
        return this;
    }

    /**
     * Writes an event's message as UTF-8: its bytes as they are for an event made from them
     * ({@link LogEvent#ofUtf8}), else {@link #writeUtf8(CharSequence) writeUtf8(event.message())}.
     */
    public MessageBuffer writeMessage(LogEvent event) {
        return writeMessage(event, 0);
    }

    /**
     * Writes an event's message from its char {@code from} (an index into {@link LogEvent#messageChars()}) to
     * its end, as {@link #writeMessage(LogEvent)} does.
     */
    public MessageBuffer writeMessage(LogEvent event, int from) {
        byte[] utf8 = event.utf8();
        if (utf8 != null) {
            int offset = event.utf8Offset();
            int length = event.utf8Length();
            Objects.checkIndex(from, length + 1);
            if (event.isAscii() || asciiPrefix(utf8, offset, from)) {
                return write(utf8, offset + from, length - from); // chars before from are bytes
            }
        }
        String message = event.message();
        return writeUtf8(message, from, message.length());
    }

    private static boolean asciiPrefix(byte[] b, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code s} as UTF-8; an unpaired surrogate becomes {@code ?}, as the JDK's encoder does. */
    public MessageBuffer writeUtf8(CharSequence s) {
        return writeUtf8(s, 0, s.length());
    }

    public MessageBuffer writeUtf8(CharSequence s, int from, int to) {
        if (to - from >= BULK_ENCODE_MIN && s instanceof String str) {
            // The JDK encodes a whole String in bulk (a vectorized copy when it is ASCII): about twice as fast as
            // the loop below for log lines, even with the array it allocates (bench/: FormatBenchmark).
            byte[] encoded = (from == 0 && to == str.length() ? str : str.substring(from, to))
                    .getBytes(StandardCharsets.UTF_8);
            return write(encoded, 0, encoded.length);
        }
        ensureCapacity(to - from);
        int i = from;
        // ASCII fast path: one byte a char, no capacity checks needed (ensured above)
        byte[] b = bytes;
        int pos = length;
        while (i < to) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[pos++] = (byte) c;
            i++;
        }
        length = pos;
        while (i < to) {
            char c = s.charAt(i++);
            if (c < 0x80) {
                writeByte(c);
            } else if (c < 0x800) {
                ensureCapacity(2);
                bytes[length++] = (byte) (0xC0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(s.charAt(i))) {
                    int cp = Character.toCodePoint(c, s.charAt(i++));
                    ensureCapacity(4);
                    bytes[length++] = (byte) (0xF0 | (cp >> 18));
                    bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    bytes[length++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    writeByte('?');
                }
            } else {
                ensureCapacity(3);
                bytes[length++] = (byte) (0xE0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    /** Writes a number in decimal. */
    public MessageBuffer writeDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            return writeAscii(Long.toString(value)); // its negation overflows
        }
        if (value < 0) {
            writeByte('-');
            value = -value;
        }
        if (value < 10) {
            return writeByte((int) ('0' + value));
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10) {
            digits++;
        }
        ensureCapacity(digits);
        int pos = length + digits;
        for (long v = value; v > 0; v /= 10) {
            bytes[--pos] = (byte) ('0' + (v % 10));
        }
        length += digits;
        return this;
    }

    /** Writes {@code value} zero-padded to exactly {@code width} digits (timestamps). */
    public MessageBuffer writeDigits(int value, int width) {
        ensureCapacity(width);
        int pos = length + width;
        for (int i = 0; i < width; i++) {
            bytes[--pos] = (byte) ('0' + (value % 10));
            value /= 10;
        }
        length += width;
        return this;
    }

    /**
     * The largest length not above {@code maxLength} at which the bytes from {@code start} can be cut
     * without splitting a UTF-8 character.
     */
    public int utf8Boundary(int start, int maxLength) {
        if (maxLength >= length - start) {
            return length; // also keeps start + maxLength from overflowing
        }
        int cut = start + maxLength;
        // step back over continuation bytes (10xxxxxx) so that the cut falls before a lead byte
        while (cut > start && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return cut;
    }
}
