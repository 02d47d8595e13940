package dev.logdrain.cloudwatch.internal;

/**
 * A strict UTF-8 check, as the JDK's decoder makes it ({@code CodingErrorAction.REPORT}; held to it by
 * Utf8Test): no overlong forms, no encoded surrogates ({@code ED A0-BF}), nothing above U+10FFFF, no truncated
 * or stray continuation bytes. The fast path keeps a message's bytes without decoding them, so it checks them
 * with this instead.
 */
final class Utf8 {

    private Utf8() {
    }

    /** Whether {@code b[from, to)} is valid UTF-8. */
    static boolean isValid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            // ASCII eight bytes at a time
            while (i <= to - 8 && ((long) JsonCursor.LONGS.get(b, i) & JsonCursor.HIGHS) == 0) {
                i += 8;
            }
            if (i >= to) {
                return true;
            }
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int left = to - i;
            if (c >= 0xC2 && c <= 0xDF) {
                if (left < 2 || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                // E0 needs A0-BF (no overlong form), ED needs 80-9F (no surrogate)
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF;
                if (left < 3 || !in(b[i + 1], lo, hi) || !continuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                // F0 needs 90-BF (no overlong form), F4 needs 80-8F (nothing above U+10FFFF)
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                if (left < 4 || !in(b[i + 1], lo, hi) || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false; // a continuation byte without a lead, C0/C1 (overlong), F5-FF
            }
        }
        return true;
    }

    private static boolean continuation(byte x) {
        return (x & 0xC0) == 0x80;
    }

    private static boolean in(byte x, int lo, int hi) {
        int v = x & 0xFF;
        return v >= lo && v <= hi;
    }
}
