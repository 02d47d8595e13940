package dev.logdrain.cloudwatch.internal;

/**
 * Values shown in an error message: one line and bounded, whatever an input put in them, so that an error
 * stays the one line it promises and a payload cannot write a line of its own into a log. The one owner of
 * this in the plugin: every value an error quotes goes through {@link #quoted}.
 */
final class ErrorText {

    /** The most characters of a value an error shows. */
    static final int MAX_VALUE_CHARS = 60;

    private ErrorText() {
    }

    /** The value in single quotes, made one line and cut after {@value #MAX_VALUE_CHARS} characters. */
    static String quoted(String value) {
        return "'" + oneLine(value, MAX_VALUE_CHARS) + "'";
    }

    /**
     * The text with control characters, line and paragraph separators and other format characters written as
     * escapes ({@code \n}, {@code \u2028}), cut once {@code max} characters are written (then "...").
     */
    static String oneLine(String text, int max) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (sb.length() >= max) {
                return sb.append("...").toString();
            }
            char c = text.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
