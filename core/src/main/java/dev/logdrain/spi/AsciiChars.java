package dev.logdrain.spi;

import java.nio.charset.StandardCharsets;

/** ASCII bytes read as chars (one a byte), without copying them: {@link LogEvent#messageChars()}. */
final class AsciiChars implements CharSequence {

    private final byte[] bytes;
    private final int from;
    private final int to;

    AsciiChars(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= to - from) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) bytes[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        java.util.Objects.checkFromToIndex(start, end, to - from);
        return new AsciiChars(bytes, from + start, from + end);
    }

    @Override
    public String toString() {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
