package dev.logdrain.cloudwatch.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lexer under {@link PayloadScanner}: JSON held in memory as UTF-8 bytes, read strictly, with strings made
 * straight from the bytes (an array copy for ASCII, plain runs found eight bytes at a time). Anything it does not
 * handle or that is not fine gives up ({@link #GIVE_UP}), and the Jackson reader decides.
 */
abstract class JsonCursor extends JsonBytes {

    /** Below the parser's nesting limit (DecodeLimits.MAX_NESTING) with room for the payload's own levels. */
    static final int MAX_SKIP_DEPTH = 64;
    /** Jackson's default limit on a member name's length (StreamReadConstraints.DEFAULT_MAX_NAME_LEN). */
    static final int MAX_NAME_LENGTH = 50_000;
    /** Unknown keys of one object compared with each other; an object with more is left to the parser. */
    static final int MAX_OTHER_KEYS = 16;

    int keyStart;
    int keyEnd;
    /** The unknown keys of the objects being read, as (start, end) pairs: a stack, one segment per object. */
    int[] otherKeys = new int[2 * MAX_OTHER_KEYS];
    int otherKeysTop;

    JsonCursor(byte[] b, int off, int end, int maxString) {
        super(b, off, end, maxString);
    }

    /** Marks a known key seen; one seen already is a duplicate, which the parser reports. */
    static int seen(int mask, int bit) {
        if ((mask & bit) != 0) {
            throw GIVE_UP;
        }
        return mask | bit;
    }

    /** Records an unknown key of the object whose keys start at {@code base}; a duplicate gives up. */
    final void otherKey(int base) {
        int length = keyEnd - keyStart;
        for (int i = base; i < otherKeysTop; i += 2) {
            if (otherKeys[i + 1] - otherKeys[i] == length
                    && java.util.Arrays.equals(b, otherKeys[i], otherKeys[i + 1], b, keyStart, keyEnd)) {
                throw GIVE_UP;
            }
        }
        if (otherKeysTop - base >= 2 * MAX_OTHER_KEYS) {
            throw GIVE_UP;
        }
        if (otherKeysTop + 2 > otherKeys.length) {
            otherKeys = java.util.Arrays.copyOf(otherKeys, 2 * otherKeys.length);
        }
        otherKeys[otherKeysTop++] = keyStart;
        otherKeys[otherKeysTop++] = keyEnd;
    }


    /** A whole number of at most 18 digits, as Jackson reads it (no leading zeros, no fraction). */
    final long timestamp() {
        byte[] b = this.b;
        int q = p;
        boolean negative = q < end && b[q] == '-';
        if (negative) {
            q++;
        }
        int start = q;
        long value = 0;
        while (q - start < 16 && q <= end - 8) { // eight digits at a time (a millisecond time has 13)
            long x = (long) LONGS.get(b, q);
            if ((x & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L
                    || ((x + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L) {
                break;
            }
            value = value * 100_000_000 + eightDigits(x);
            q += 8;
        }
        while (q < end && b[q] >= '0' && b[q] <= '9') {
            value = value * 10 + (b[q++] - '0');
        }
        int digits = q - start;
        if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0')) {
            throw GIVE_UP;
        }
        p = q;
        return negative ? -value : value;
    }


    /** The value of eight ASCII digits read as a little-endian word (the first digit in the lowest byte). */
    static long eightDigits(long x) {
        long d = x - 0x3030303030303030L;
        d = (d * 10 + (d >>> 8)) & 0x00FF00FF00FF00FFL;
        d = (d * 100 + (d >>> 16)) & 0x0000FFFF0000FFFFL;
        return (d * 10000 + (d >>> 32)) & 0xFFFFFFFFL;
    }

    /** After a member: true on ',', false on '}'. */
    final boolean nextMember() {
        blanks();
        byte c = next();
        if (c == ',') {
            blanks();
            return true;
        }
        if (c == '}') {
            return false;
        }
        throw GIVE_UP;
    }

    /** A member name (plain printable ASCII only) and its colon; the name is b[keyStart, keyEnd). */
    final void key() {
        expect('"');
        keyStart = p;
        byte c;
        while ((c = peek()) != '"') {
            if (c < 0x20 || c == '\\') { // also every byte >= 0x80, which is negative
                throw GIVE_UP;
            }
            p++;
        }
        keyEnd = p++;
        if (keyEnd - keyStart > MAX_NAME_LENGTH) {
            throw GIVE_UP;
        }
        blanks();
        expect(':');
        blanks();
    }

    final boolean isKey(byte[] name) {
        return keyEnd - keyStart == name.length && java.util.Arrays.equals(b, keyStart, keyEnd, name, 0, name.length);
    }

    final String stringOrNull() {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        expect('"');
        return string();
    }

    final List<String> stringsOrNull() {
        if (peek() == 'n') {
            literal("null");
            return List.of();
        }
        expect('[');
        List<String> list = new ArrayList<>(2);
        blanks();
        if (peek() == ']') {
            p++;
            return list;
        }
        while (true) {
            expect('"');
            list.add(string());
            blanks();
            byte c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw GIVE_UP;
            }
            blanks();
        }
    }

    /** Any JSON value, checked as strictly as the parser would and dropped. */
    final void skipValue(int depth) {
        if (depth > MAX_SKIP_DEPTH) {
            throw GIVE_UP;
        }
        byte c = peek();
        switch (c) {
            case '"' -> {
                p++;
                string();
            }
            case '{' -> {
                p++;
                blanks();
                if (peek() == '}') {
                    p++;
                    return;
                }
                int base = otherKeysTop;
                do {
                    key();
                    otherKey(base);
                    skipValue(depth + 1);
                } while (nextMember());
                otherKeysTop = base;
            }
            case '[' -> {
                p++;
                blanks();
                if (peek() == ']') {
                    p++;
                    return;
                }
                while (true) {
                    skipValue(depth + 1);
                    blanks();
                    byte d = next();
                    if (d == ']') {
                        return;
                    }
                    if (d != ',') {
                        throw GIVE_UP;
                    }
                    blanks();
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> skipNumber();
        }
    }

    final void skipNumber() {
        int start = p;
        if (peek() == '-') {
            p++;
        }
        int digits = digits();
        if (digits == 0 || (digits > 1 && b[p - digits] == '0')) {
            throw GIVE_UP;
        }
        if (p < end && peek() == '.') {
            p++;
            if (digits() == 0) {
                throw GIVE_UP;
            }
        }
        if (p < end && (peek() == 'e' || peek() == 'E')) {
            p++;
            if (p < end && (peek() == '+' || peek() == '-')) {
                p++;
            }
            if (digits() == 0) {
                throw GIVE_UP;
            }
        }
        if (p - start > 100) {
            throw GIVE_UP;
        }
    }

    final int digits() {
        int start = p;
        while (p < end && peek() >= '0' && peek() <= '9') {
            p++;
        }
        return p - start;
    }

    final void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (p >= end || next() != word.charAt(i)) {
                throw GIVE_UP;
            }
        }
        if (p < end && ((peek() >= 'a' && peek() <= 'z') || (peek() >= '0' && peek() <= '9'))) {
            throw GIVE_UP; // "nullx", "true1"
        }
    }

    /** The rest of a string whose opening quote was read. */
    final String string() {
        span();
        return text(spanBytes, spanFrom, spanTo, spanAscii);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}