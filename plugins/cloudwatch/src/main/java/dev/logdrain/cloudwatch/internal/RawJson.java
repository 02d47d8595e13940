package dev.logdrain.cloudwatch.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough JSON to find CloudWatch Logs payloads inside wrappers (on-failure records, SQS messages)
 * without building a tree: values are byte ranges of the UTF-8 input, and only the wrappers' member
 * names and string values are decoded. Structure is checked (brackets, strings, commas, colons); the
 * payload itself is validated by the cloudwatch source it is handed to.
 */
final class RawJson {

    /** A value's bytes: {@code data[start, end)}. */
    record Range(byte[] data, int start, int end) {

        byte first() {
            return data[start];
        }

        boolean isObject() {
            return data[start] == '{';
        }

        boolean isArray() {
            return data[start] == '[';
        }

        boolean isString() {
            return data[start] == '"';
        }

        byte[] bytes() {
            byte[] copy = new byte[end - start];
            System.arraycopy(data, start, copy, 0, copy.length);
            return copy;
        }
    }

    /** A member of an object: its decoded name and its value. */
    record Member(String name, Range value) {
    }

    /** Malformed JSON at a byte offset. */
    static final class SyntaxException extends RuntimeException {
        final int offset;
        /** Whether the input ended before the value did: more input could complete it. */
        final boolean incomplete;

        SyntaxException(int offset, String message) {
            this(offset, message, false);
        }

        SyntaxException(int offset, String message, boolean incomplete) {
            super(message, null, false, false);
            this.offset = offset;
            this.incomplete = incomplete;
        }
    }

    /** Deeper nesting than this is refused rather than risking a stack overflow elsewhere. */
    static final int MAX_DEPTH = 512;

    private RawJson() {
    }

    static int skipWhitespace(byte[] b, int pos, int end) {
        while (pos < end && isWhitespace(b[pos])) {
            pos++;
        }
        return pos;
    }

    static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** The value starting at {@code pos} (no leading whitespace), checked for structure. */
    static Range value(byte[] b, int pos, int end) {
        return new Range(b, pos, skipValue(b, pos, end));
    }

    /** The end of the value starting at {@code pos}; iterative, so deep nesting cannot overflow the stack. */
    static int skipValue(byte[] b, int pos, int end) {
        if (pos >= end) {
            throw new SyntaxException(pos, "unexpected end of input, expected a value", true);
        }
        byte c = b[pos];
        if (c == '"') {
            return skipString(b, pos, end);
        }
        if (c != '{' && c != '[') {
            return skipScalar(b, pos, end);
        }
        // containers: a stack of the closing brackets expected
        byte[] stack = new byte[16];
        int depth = 0;
        // expectation within the innermost container
        final int valueOrClose = 0;
        final int commaOrClose = 1;
        final int value = 2;
        final int name = 3;
        final int nameOrClose = 4;
        final int colon = 5;
        int state = 0;
        while (true) {
            pos = skipWhitespace(b, pos, end);
            if (pos >= end) {
                throw new SyntaxException(pos, "unexpected end of input inside "
                        + (stack[depth - 1] == '}' ? "an object" : "an array"), true);
            }
            c = b[pos];
            if (depth > 0 && (state == valueOrClose || state == commaOrClose || state == nameOrClose) && c == stack[depth - 1]) {
                pos++;
                depth--;
                if (depth == 0) {
                    return pos;
                }
                state = commaOrClose;
                continue;
            }
            if (depth > 0 && state == commaOrClose) {
                if (c != ',') {
                    throw new SyntaxException(pos, "expected ',' or '" + (char) stack[depth - 1] + "'");
                }
                pos++;
                state = stack[depth - 1] == '}' ? name : value;
                continue;
            }
            if (state == name || state == nameOrClose) {
                if (c != '"') {
                    throw new SyntaxException(pos, "expected a member name in double quotes");
                }
                pos = skipString(b, pos, end);
                state = colon;
                continue;
            }
            if (state == colon) {
                if (c != ':') {
                    throw new SyntaxException(pos, "expected ':' after a member name");
                }
                pos++;
                state = value;
                continue;
            }
            // a value
            if (c == '{' || c == '[') {
                if (depth == MAX_DEPTH) {
                    throw new SyntaxException(pos, "nested more than " + MAX_DEPTH + " levels deep");
                }
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = (byte) (c == '{' ? '}' : ']');
                pos++;
                state = c == '{' ? nameOrClose : valueOrClose;
            } else if (c == '"') {
                pos = skipString(b, pos, end);
                state = commaOrClose;
            } else if (depth == 0) {
                return skipScalar(b, pos, end);
            } else {
                pos = skipScalar(b, pos, end);
                state = commaOrClose;
            }
        }
    }

    private static int skipString(byte[] b, int pos, int end) {
        int start = pos;
        pos++;
        while (pos < end) {
            byte c = b[pos++];
            if (c == '"') {
                return pos;
            }
            if (c == '\\') {
                pos++;
            } else if ((c & 0xFF) < 0x20) {
                throw new SyntaxException(pos - 1, "control character inside a string");
            }
        }
        throw new SyntaxException(start, "string not terminated", true);
    }

    private static int skipScalar(byte[] b, int pos, int end) {
        int start = pos;
        while (pos < end && isScalarByte(b[pos])) {
            pos++;
        }
        if (isLiteral(b, start, pos, "true") || isLiteral(b, start, pos, "false") || isLiteral(b, start, pos, "null")
                || isNumber(b, start, pos)) {
            return pos;
        }
        if (pos == end) {
            throw new SyntaxException(start, "unexpected end of input", true);
        }
        throw new SyntaxException(start, pos == start ? "unexpected character " + describe(b[start])
                : "unexpected '" + abbreviate(new String(b, start, pos - start, StandardCharsets.ISO_8859_1)) + "'");
    }

    private static boolean isScalarByte(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
    }

    private static boolean isLiteral(byte[] b, int start, int end, String literal) {
        if (end - start != literal.length()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (b[start + i] != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
    private static boolean isNumber(byte[] b, int pos, int end) {
        if (pos < end && b[pos] == '-') {
            pos++;
        }
        if (pos >= end || !isDigit(b[pos])) {
            return false;
        }
        if (b[pos] == '0') {
            pos++;
        } else {
            while (pos < end && isDigit(b[pos])) {
                pos++;
            }
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            int digits = pos;
            while (pos < end && isDigit(b[pos])) {
                pos++;
            }
            if (pos == digits) {
                return false;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < end && isDigit(b[pos])) {
                pos++;
            }
            if (pos == digits) {
                return false;
            }
        }
        return pos == end;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static String describe(byte c) {
        return c >= 0x21 && c < 0x7F ? "'" + (char) c + "'" : String.format("0x%02x", c & 0xFF);
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }

    /** The members of an object value (which must have been checked by {@link #value}). */
    static List<Member> members(Range object) {
        byte[] b = object.data();
        List<Member> members = new ArrayList<>();
        int pos = skipWhitespace(b, object.start() + 1, object.end());
        if (b[pos] == '}') {
            return members;
        }
        while (true) {
            int nameEnd = skipString(b, pos, object.end());
            String name = string(new Range(b, pos, nameEnd));
            pos = skipWhitespace(b, nameEnd, object.end()) + 1; // the colon
            pos = skipWhitespace(b, pos, object.end());
            int valueEnd = skipValue(b, pos, object.end());
            members.add(new Member(name, new Range(b, pos, valueEnd)));
            pos = skipWhitespace(b, valueEnd, object.end());
            if (b[pos] == '}') {
                return members;
            }
            pos = skipWhitespace(b, pos + 1, object.end()); // after the comma
        }
    }

    /** The elements of an array value (which must have been checked by {@link #value}). */
    static List<Range> elements(Range array) {
        byte[] b = array.data();
        List<Range> elements = new ArrayList<>();
        int pos = skipWhitespace(b, array.start() + 1, array.end());
        if (b[pos] == ']') {
            return elements;
        }
        while (true) {
            int valueEnd = skipValue(b, pos, array.end());
            elements.add(new Range(b, pos, valueEnd));
            pos = skipWhitespace(b, valueEnd, array.end());
            if (b[pos] == ']') {
                return elements;
            }
            pos = skipWhitespace(b, pos + 1, array.end());
        }
    }

    /** Decodes a string value (escapes included) as UTF-8 bytes. */
    static byte[] stringBytes(Range string) {
        byte[] b = string.data();
        int from = string.start() + 1;
        int to = string.end() - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int pos = from;
        while (pos < to) {
            int escape = pos;
            while (escape < to && b[escape] != '\\') {
                escape++;
            }
            out.write(b, pos, escape - pos);
            if (escape == to) {
                break;
            }
            if (escape + 1 >= to) {
                throw new SyntaxException(escape, "bad escape in a string");
            }
            byte c = b[escape + 1];
            pos = escape + 2;
            switch (c) {
                case '"', '\\', '/' -> out.write(c);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'u' -> {
                    int unit = hex4(b, pos, to);
                    pos += 4;
                    int codePoint = unit;
                    if (Character.isHighSurrogate((char) unit) && pos + 6 <= to && b[pos] == '\\' && b[pos + 1] == 'u') {
                        int low = hex4(b, pos + 2, to);
                        if (Character.isLowSurrogate((char) low)) {
                            codePoint = Character.toCodePoint((char) unit, (char) low);
                            pos += 6;
                        }
                    }
                    byte[] utf8 = Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF
                            ? new byte[] {'?'} : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                    out.write(utf8, 0, utf8.length);
                }
                default -> throw new SyntaxException(escape, "bad escape '\\" + (char) c + "' in a string");
            }
        }
        return out.toByteArray();
    }

    static String string(Range string) {
        return new String(stringBytes(string), StandardCharsets.UTF_8);
    }

    private static int hex4(byte[] b, int pos, int to) {
        if (pos + 4 > to) {
            throw new SyntaxException(pos, "bad \\u escape in a string");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(b[pos + i], 16);
            if (digit < 0) {
                throw new SyntaxException(pos, "bad \\u escape in a string");
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
