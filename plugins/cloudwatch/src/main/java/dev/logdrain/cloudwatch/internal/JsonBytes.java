package dev.logdrain.cloudwatch.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bottom of {@link JsonCursor}: UTF-8 JSON bytes, the position in them, and strings read from them (plain runs
 * found eight bytes at a time, escapes unescaped into a scratch array). Anything it does not handle or that is not
 * fine gives up ({@link #GIVE_UP}), and the Jackson reader decides.
 */
abstract class JsonBytes {

    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;

    /** Not handled here: the parser decides. Thrown without a stack trace. */
    static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    static final GiveUp GIVE_UP = new GiveUp();

    /** What the two-byte escape with this second byte stands for; 0 where there is none (a u escape is read apart). */
    private static final byte[] UNESCAPED = new byte[128];

    static {
        for (char c : new char[] {'"', '\\', '/'}) {
            UNESCAPED[c] = (byte) c;
        }
        UNESCAPED['b'] = '\b';
        UNESCAPED['f'] = '\f';
        UNESCAPED['n'] = '\n';
        UNESCAPED['r'] = '\r';
        UNESCAPED['t'] = '\t';
    }

    final byte[] b;
    final int end;
    final int maxString;
    int p;
    byte[] scratch = new byte[512];
    /** The last string read by {@link #span()}. */
    byte[] spanBytes;
    int spanFrom;
    int spanTo;
    boolean spanAscii;

    JsonBytes(byte[] b, int off, int end, int maxString) {
        this.b = b;
        this.p = off;
        this.end = end;
        this.maxString = maxString;
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
            byte[] s = scratch;
            if (n > s.length - 16) {
                ensure(n + 16); // the escape's UTF-8 and an eight-byte store
                s = scratch;
            }
            byte e = b[q + 1];
            q += 2;
            byte unescaped = e >= 0 ? UNESCAPED[e] : 0;
            if (unescaped != 0) {
                s[n++] = unescaped;
            } else if (e == 'u') {
                p = q;
                int u = unicodeEscape();
                ascii &= u < 0x80;
                n = utf8(u, n);
                q = p;
            } else {
                throw GIVE_UP;
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
}
