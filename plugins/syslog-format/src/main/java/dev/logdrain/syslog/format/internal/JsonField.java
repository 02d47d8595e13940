package dev.logdrain.syslog.format.internal;

/**
 * Reads one top-level field of a message that is a JSON object, for {@code {json.NAME}} templates and
 * {@code fields=}: a string (unescaped), a number, {@code true} or {@code false}. Nested objects, arrays,
 * {@code null}, a missing field and a message that is not JSON give null. Hand-written and bounded (the first
 * {@link #MAX_SCAN} characters), so that a huge or hostile message costs little and never throws.
 */
final class JsonField {

    static final int MAX_SCAN = 64 * 1024;
    /** Longer values are cut: a header field or an SD parameter is no place for a document. */
    static final int MAX_VALUE = 1024;

    private final String s;
    private final int end;
    private int i;

    private JsonField(String s, int from) {
        this.s = s;
        this.end = Math.min(s.length(), from + MAX_SCAN);
        this.i = from;
    }

    static String value(String message, String name) {
        int from = 0;
        while (from < message.length() && message.charAt(from) <= ' ') {
            from++;
        }
        if (from == message.length() || message.charAt(from) != '{') {
            return null;
        }
        return new JsonField(message, from + 1).find(name);
    }

    private String find(String name) {
        while (true) {
            blanks();
            if (i >= end || s.charAt(i) != '"') {
                return null;
            }
            String key = string();
            blanks();
            if (key == null || i >= end || s.charAt(i) != ':') {
                return null;
            }
            i++;
            blanks();
            if (i >= end) {
                return null;
            }
            if (key.equals(name)) {
                return scalar();
            }
            if (!skipValue()) {
                return null;
            }
            blanks();
            if (i >= end || s.charAt(i) != ',') {
                return null;
            }
            i++;
        }
    }

    private String scalar() {
        char c = s.charAt(i);
        if (c == '"') {
            return string();
        }
        int start = i;
        while (i < end && (Character.isLetterOrDigit(s.charAt(i)) || "+-.".indexOf(s.charAt(i)) >= 0)) {
            i++;
        }
        String token = s.substring(start, Math.min(i, start + MAX_VALUE));
        return token.isEmpty() || token.equals("null") ? null : token;
    }

    /** A JSON string at {@code i}, unescaped (cut to MAX_VALUE), or null when malformed or not ended in range. */
    private String string() {
        i++; // opening quote
        StringBuilder out = new StringBuilder();
        while (i < end) {
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (i >= end) {
                    return null;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n', 'r', 't', 'b', 'f' -> c = ' ';
                    case 'u' -> {
                        if (i + 4 > end) {
                            return null;
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(s.charAt(i++), 16);
                            if (d < 0) {
                                return null;
                            }
                            code = code * 16 + d;
                        }
                        c = (char) code;
                    }
                    default -> c = e;
                }
            }
            if (out.length() < MAX_VALUE) {
                out.append(c < ' ' ? ' ' : c); // no control character reaches a header or SD value
            }
        }
        return null;
    }

    /** Skips any value (nested ones by depth, strings with escapes); false when malformed or out of range. */
    private boolean skipValue() {
        int depth = 0;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"') {
                if (string() == null) {
                    return false;
                }
                if (depth == 0) {
                    return true;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return true; // end of the enclosing object: the caller sees no ','
                }
                depth--;
                if (depth == 0) {
                    i++;
                    return true;
                }
            } else if (depth == 0 && (c == ',' || c <= ' ')) {
                return true;
            }
            i++;
        }
        return false;
    }

    private void blanks() {
        while (i < end && s.charAt(i) <= ' ') {
            i++;
        }
    }
}
