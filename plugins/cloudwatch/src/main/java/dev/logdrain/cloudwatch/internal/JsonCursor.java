package dev.logdrain.cloudwatch.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lexer under {@link PayloadScanner}: JSON held in memory as UTF-8 bytes, read strictly, with strings made
 * straight from the bytes (an array copy for ASCII, plain runs found eight bytes at a time). Anything it does not
 * handle or that is not fine gives up ({@link #GIVE_UP}), and the Jackson reader decides.
 */
abstract class JsonCursor {

    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;
    /** Below the parser's nesting limit (DecodeLimits.MAX_NESTING) with room for the payload's own levels. */
    static final int MAX_SKIP_DEPTH = 64;
    /** Jackson's default limit on a member name's length (StreamReadConstraints.DEFAULT_MAX_NAME_LEN). */
    static final int MAX_NAME_LENGTH = 50_000;
    /** Unknown keys of one object compared with each other; an object with more is left to the parser. */
    static final int MAX_OTHER_KEYS = 16;

    /** Not handled here: the parser decides. Thrown without a stack trace. */
    static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    static final GiveUp GIVE_UP = new GiveUp();

    final byte[] b;
    final int end;
    final int maxString;
    int p;
    int keyStart;
    int keyEnd;
    byte[] scratch = new byte[512];
    /** The unknown keys of the objects being read, as (start, end) pairs: a stack, one segment per object. */
    int[] otherKeys = new int[2 * MAX_OTHER_KEYS];
    int otherKeysTop;
    /** The last string read by {@link #span()}. */
    byte[] spanBytes;
    int spanFrom;
    int spanTo;
    boolean spanAscii;


    JsonCursor(byte[] b, int off, int end, int maxString) {
        this.b = b;
        this.p = off;
        this.end = end;
        this.maxString = maxString;
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

    /**
     * Reads the rest of a string whose opening quote was read; its unescaped UTF-8 (not yet checked where it is
     * not ASCII) is then {@code spanBytes[spanFrom, spanTo)}: in {@link #b} when it has no escapes, else in the
     * scratch array (valid until the next string).
     */
    final void span() {
        int start = p;
        boolean ascii = run();
        if (p - start > maxString) {
            throw GIVE_UP; // perhaps too long: the parser counts characters and names the limit
        }
        if (peek() == '"') {
            spanned(b, start, p++, ascii);
            return;
        }
        int n = p - start;
        ensure(n + 16);
        System.arraycopy(b, start, scratch, 0, n);
        escaped(start, n, ascii);
    }

    /**
     * The rest of a string with escapes, p at the first byte after its first plain run, which is in the scratch
     * array already ({@code n} bytes). Escapes in JSON text held in JSON come every few bytes, so each plain run
     * is stored eight bytes at a time, whole, and only its plain bytes counted (the scratch array keeps 8 bytes of
     * room), rather than copied once its end is known.
     */
    private void escaped(int start, int n, boolean ascii) {
        byte[] b = this.b;
        int q = p;
        long high = 0;
        while (true) {
            if (q - start > maxString || q >= end) {
                throw GIVE_UP;
            }
            byte c = b[q];
            if (c == '"') {
                p = q + 1;
                spanned(scratch, 0, n, ascii && (high & HIGHS) == 0);
                return;
            }
            if (c != '\\' || q + 1 >= end) {
                throw GIVE_UP; // a control character, or the end
            }
            ensure(n + 16); // the escape's UTF-8 and an eight-byte store
            byte[] s = scratch;
            byte e = b[q + 1];
            q += 2;
            switch (e) {
                case '"', '\\', '/' -> s[n++] = e;
                case 'b' -> s[n++] = '\b';
                case 'f' -> s[n++] = '\f';
                case 'n' -> s[n++] = '\n';
                case 'r' -> s[n++] = '\r';
                case 't' -> s[n++] = '\t';
                case 'u' -> {
                    p = q;
                    int u = unicodeEscape();
                    ascii &= u < 0x80;
                    n = utf8(u, n);
                    q = p;
                }
                default -> throw GIVE_UP;
            }
            // the next plain run
            while (q <= end - 8) {
                long x = (long) LONGS.get(b, q);
                long quote = x ^ 0x2222222222222222L;
                long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
                long special = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (x - 0x2020202020202020L))
                        & ~x & HIGHS;
                if (n > s.length - 8) {
                    ensure(n + 8);
                    s = scratch;
                }
                LONGS.set(s, n, x);
                if (special != 0) {
                    int k = Long.numberOfTrailingZeros(special) >>> 3;
                    high |= x & ((special & -special) - 1);
                    n += k;
                    q += k;
                    break;
                }
                high |= x;
                n += 8;
                q += 8;
            }
            if (q > end - 8) {
                while (q < end) {
                    byte d = b[q];
                    if (d == '"' || d == '\\' || (d >= 0 && d < 0x20)) {
                        break;
                    }
                    ensure(n + 1);
                    scratch[n++] = d;
                    high |= d & 0xFF;
                    q++;
                }
            }
        }
    }

    /** The code point of a u escape whose backslash and u were read; a surrogate pair is read whole. */
    private int unicodeEscape() {
        int u = hex4();
        if (Character.isHighSurrogate((char) u)) {
            if (next() != '\\' || next() != 'u') {
                throw GIVE_UP;
            }
            int low = hex4();
            if (!Character.isLowSurrogate((char) low)) {
                throw GIVE_UP;
            }
            return Character.toCodePoint((char) u, (char) low);
        }
        if (Character.isLowSurrogate((char) u)) {
            throw GIVE_UP; // a lone surrogate: the parser keeps it, UTF-8 cannot
        }
        return u;
    }

    private void spanned(byte[] bytes, int from, int to, boolean ascii) {
        spanBytes = bytes;
        spanFrom = from;
        spanTo = to;
        spanAscii = ascii;
    }

    /**
     * Moves p to the next quote, backslash or control character, eight bytes at a time where it can.
     * Whether the bytes passed over were all ASCII.
     */
    final boolean run() {
        byte[] b = this.b;
        int q = p;
        int last = end - 8;
        long high = 0;
        while (q <= last) {
            long x = (long) LONGS.get(b, q);
            long quote = x ^ 0x2222222222222222L;
            long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
            // a lane is 0x80 where its byte is '"', '\\' or below 0x20 (exact for the lowest such lane)
            long special = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (x - 0x2020202020202020L))
                    & ~x & HIGHS;
            if (special != 0) {
                // the first such byte (little-endian: the lowest lane)
                q += Long.numberOfTrailingZeros(special) >>> 3;
                p = q;
                return (high & HIGHS) == 0 && asciiBefore(x, special);
            }
            high |= x;
            q += 8;
        }
        while (q < end) {
            byte c = b[q];
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                p = q;
                return (high & HIGHS) == 0;
            }
            high |= c & 0xFF;
            q++;
        }
        throw GIVE_UP;
    }

    /** Whether the lanes of x below the first special one are ASCII. */
    static boolean asciiBefore(long x, long special) {
        long below = (special & -special) - 1; // the bits below the lowest special lane's marker
        return (x & below & HIGHS) == 0;
    }

    /** A string of UTF-8 bytes that hold no escapes; bytes that are not UTF-8 give up (the parser names them). */
    static String text(byte[] bytes, int from, int to, boolean ascii) {
        if (ascii) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        if (!Utf8.isValid(bytes, from, to)) {
            throw GIVE_UP;
        }
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    final int hex4() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int c = next();
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                throw GIVE_UP;
            }
            v = v << 4 | d;
        }
        return v;
    }

    final int utf8(int cp, int n) {
        if (cp < 0x80) {
            scratch[n++] = (byte) cp;
        } else if (cp < 0x800) {
            scratch[n++] = (byte) (0xC0 | cp >> 6);
            scratch[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            scratch[n++] = (byte) (0xE0 | cp >> 12);
            scratch[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            scratch[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            scratch[n++] = (byte) (0xF0 | cp >> 18);
            scratch[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            scratch[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            scratch[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }

    final void ensure(int size) {
        if (scratch.length < size) {
            scratch = java.util.Arrays.copyOf(scratch, Math.max(size, 2 * scratch.length));
        }
    }

    final byte peek() {
        if (p >= end) {
            throw GIVE_UP;
        }
        return b[p];
    }

    final byte peekAt(int ahead) {
        if (end - p <= ahead) {
            throw GIVE_UP;
        }
        return b[p + ahead];
    }

    final byte next() {
        if (p >= end) {
            throw GIVE_UP;
        }
        return b[p++];
    }

    final void expect(char c) {
        if (next() != c) {
            throw GIVE_UP;
        }
    }

    final void blanks() {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            p++;
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
