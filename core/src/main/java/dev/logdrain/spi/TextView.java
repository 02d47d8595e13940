package dev.logdrain.spi;

import java.nio.charset.StandardCharsets;

/**
 * A message's characters read either from its ASCII bytes (one char a byte, nothing copied:
 * {@link LogEvent#messageChars()}) or from a String. One concrete class for both, so that the severity detector's
 * calls on it stay monomorphic and inline: with a String and a byte view mixed at the same call sites they did
 * not, and detection took twice as long (bench: FormatBenchmark).
 */
final class TextView implements CharSequence {

    /** The ASCII bytes, or null when the text is {@link #string}. */
    private final byte[] ascii;
    private final String string;
    private final int from;
    private final int length;

    private TextView(byte[] ascii, String string, int from, int length) {
        this.ascii = ascii;
        this.string = string;
        this.from = from;
        this.length = length;
    }

    static TextView ofAscii(byte[] bytes, int from, int to) {
        return new TextView(bytes, null, from, to - from);
    }

    /** The text as a view: itself when it is one, else over its String. */
    static TextView of(CharSequence text) {
        if (text instanceof TextView view) {
            return view;
        }
        String s = text.toString();
        return new TextView(null, s, 0, s.length());
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        byte[] a = ascii;
        return a != null ? (char) a[from + index] : string.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        java.util.Objects.checkFromToIndex(start, end, length);
        return ascii != null ? new TextView(ascii, null, from + start, end - start) : string.substring(start, end);
    }

    @Override
    public String toString() {
        return ascii != null ? new String(ascii, from, length, StandardCharsets.ISO_8859_1) : string;
    }
}
