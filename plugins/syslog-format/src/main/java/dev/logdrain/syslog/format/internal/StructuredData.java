package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.MessageBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RFC 5424 STRUCTURED-DATA: validation of literal elements ({@code sd.static}) and escaping of
 * PARAM-VALUEs.
 */
public final class StructuredData {

    /** The SD-ID of the element {@code sd=meta} adds. 32473 is the enterprise number RFC 5612 sets aside for examples. */
    public static final String META_ID = "logdrain@32473";
    /** The element {@code fields=} adds. */
    public static final String FIELDS_ID = "fields@32473";
    /** At most this many names in {@code fields=}. */
    static final int MAX_FIELDS = 32;

    /** The longest SD-ID or PARAM-NAME RFC 5424 allows. */
    public static final int MAX_NAME_LENGTH = 32;

    /**
     * SD-IDs longer than RFC 5424's 32 characters are allowed only in the token forms of hosted services, whose
     * SD-ID is their customer token: {@code TOKEN@41058} (Loggly, Papertrail ingestion tokens; at most
     * {@link #MAX_LOGGLY_ID_LENGTH}, a UUID token makes 42) and {@code TOKEN@41123} (Sumo Logic: a 64-character
     * base64 token, 70 in all). rsyslog 8.2302 and syslog-ng 3.38 both parse such an SD-ID (checked with 70 and
     * 206 characters; syslog-ng refuses the whole message beyond 255), so no longer one is ever written.
     */
    static final String LOGGLY_SUFFIX = "@41058";
    static final int MAX_LOGGLY_ID_LENGTH = 64;
    static final String SUMO_SUFFIX = "@41123";
    static final int SUMO_TOKEN_LENGTH = 64;

    private StructuredData() {
    }

    /**
     * The names of {@code fields=a,b}: each a valid PARAM-NAME (1-32 printable ASCII characters but
     * {@code = ] "} and space), distinct, at most {@link #MAX_FIELDS}.
     *
     * @throws ConfigurationException naming the option and the bad name
     */
    public static List<String> paramNames(String text, String where) {
        List<String> names = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String name = raw.strip();
            boolean valid = !name.isEmpty() && name.length() <= MAX_NAME_LENGTH;
            for (int i = 0; valid && i < name.length(); i++) {
                valid = isNameChar(name.charAt(i));
            }
            if (!valid || names.contains(name)) {
                throw new ConfigurationException(where + ": option fields='" + text + "': '" + name + "' is "
                        + (valid ? "given twice" : "not a structured data parameter name (1-32 printable ASCII"
                        + " characters, no space, =, ] or \")"));
            }
            names.add(name);
        }
        if (names.size() > MAX_FIELDS) {
            throw new ConfigurationException(where + ": option fields names " + names.size() + " fields; at most "
                    + MAX_FIELDS);
        }
        return List.copyOf(names);
    }

    /**
     * Appends a PARAM-VALUE (without its quotes) as UTF-8, with {@code "}, {@code \} and {@code ]} escaped
     * by a backslash, as RFC 5424 section 6.3.3 requires.
     */
    public static void writeParamValue(MessageBuffer out, CharSequence value) {
        int n = value.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.writeUtf8(value, from, i);
                out.writeByte('\\');
                out.writeByte(c);
                from = i + 1;
            }
        }
        out.writeUtf8(value, from, n);
    }

    /**
     * Checks one or more literal SD-ELEMENTs and returns them in canonical form as UTF-8: one space
     * between parameters, nothing between elements, PARAM-VALUEs escaped. Spaces around and between
     * elements are allowed in the input; inside a PARAM-VALUE a {@code ]} may be written with or without
     * its backslash. Messages name the element by position and never repeat its content, which may be a
     * token (Loggly's {@code [TOKEN@41058 tag="x"]}).
     *
     * @param reservedIds SD-IDs that must not appear (e.g. the one {@code sd=meta} adds)
     * @throws ConfigurationException naming the option, the element and the problem
     */
    public static byte[] parseStatic(String text, String where, Set<String> reservedIds) {
        Parser p = new Parser(text, where);
        return p.parse(reservedIds);
    }

    /** Whether a long SD-ID is one of the token forms hosted services require (see {@link #LOGGLY_SUFFIX}). */
    static boolean isServiceToken(String id) {
        if (id.endsWith(LOGGLY_SUFFIX)) {
            return id.length() > LOGGLY_SUFFIX.length() && id.length() <= MAX_LOGGLY_ID_LENGTH;
        }
        if (id.endsWith(SUMO_SUFFIX) && id.length() == SUMO_TOKEN_LENGTH + SUMO_SUFFIX.length()) {
            return id.chars().limit(SUMO_TOKEN_LENGTH).allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9' || c == '+' || c == '/');
        }
        return false;
    }

    /** Whether {@code c} may appear in an SD-NAME: PRINTUSASCII except {@code =}, space, {@code ]}, {@code "}. */
    static boolean isNameChar(char c) {
        return c >= 33 && c <= 126 && c != '=' && c != ']' && c != '"';
    }

    private static final class Parser {
        private final String text;
        private final String where;
        private int pos;
        private int element;
        private final MessageBuffer out = new MessageBuffer(256);

        Parser(String text, String where) {
            this.text = text;
            this.where = where;
        }

        byte[] parse(Set<String> reservedIds) {
            Set<String> seen = new HashSet<>();
            skipSpaces();
            if (pos == text.length()) {
                throw error("no element; write one or more like [name@12345 param=\"value\"]");
            }
            while (pos < text.length()) {
                element++;
                if (text.charAt(pos) != '[') {
                    throw error("expected '[' at character " + (pos + 1) + " to start element " + element);
                }
                pos++;
                out.writeByte('[');
                String id = name("SD-ID", true);
                if (!seen.add(id)) {
                    throw error("element " + element + " repeats the SD-ID of an earlier element; RFC 5424 allows "
                            + "each SD-ID once");
                }
                if (reservedIds.contains(id)) {
                    throw error("element " + element + " uses the SD-ID " + id + ", which sd=meta adds");
                }
                out.writeAscii(id);
                while (true) {
                    int spaces = skipSpaces();
                    if (pos == text.length()) {
                        throw error("element " + element + " lacks its closing ']'");
                    }
                    if (text.charAt(pos) == ']') {
                        pos++;
                        out.writeByte(']');
                        break;
                    }
                    if (spaces == 0) {
                        throw error("expected a space or ']' at character " + (pos + 1) + " in element " + element);
                    }
                    out.writeByte(' ');
                    out.writeAscii(name("PARAM-NAME", false));
                    expect('=');
                    out.writeByte('=');
                    expect('"');
                    out.writeByte('"');
                    value();
                    out.writeByte('"');
                }
                skipSpaces();
            }
            return Bytes.copy(out, 0);
        }

        private String name(String what, boolean sdId) {
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            int length = pos - start;
            if (length == 0) {
                String found = pos < text.length() ? describe(text.charAt(pos)) : "the end";
                throw error("element " + element + ": expected a " + what + " at character " + (start + 1)
                        + " but found " + found + "; names are 1 to 32 printable ASCII characters other than "
                        + "'=', space, ']' and '\"'");
            }
            if (length > MAX_NAME_LENGTH && !(sdId && isServiceToken(text.substring(start, pos)))) {
                throw error("element " + element + ": the " + what + " at character " + (start + 1) + " has "
                        + length + " characters; RFC 5424 allows 1 to " + MAX_NAME_LENGTH
                        + (sdId ? " (longer only as a service token: TOKEN" + LOGGLY_SUFFIX + " up to "
                        + MAX_LOGGLY_ID_LENGTH + " in all, or a " + SUMO_TOKEN_LENGTH + "-character TOKEN"
                        + SUMO_SUFFIX + ")" : ""));
            }
            return text.substring(start, pos);
        }

        private void value() {
            int start = pos;
            StringBuilder value = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    StructuredData.writeParamValue(out, value);
                    return;
                }
                if (c < 0x20 || c == 0x7F) {
                    // a line break here would end the record early under LF framing
                    throw error("element " + element + ": the PARAM-VALUE starting at character " + start
                            + " holds the control character " + describe(c) + " at character " + pos);
                }
                if (c == '\\' && pos < text.length()) {
                    char next = text.charAt(pos);
                    if (next == '"' || next == '\\' || next == ']') {
                        value.append(next);
                        pos++;
                        continue;
                    }
                }
                value.append(c);
            }
            throw error("element " + element + ": the PARAM-VALUE starting at character " + start
                    + " lacks its closing '\"'");
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                String found = pos < text.length() ? describe(text.charAt(pos)) : "the end";
                throw error("element " + element + ": expected '" + c + "' at character " + (pos + 1)
                        + " but found " + found);
            }
            pos++;
        }

        private int skipSpaces() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
            return pos - start;
        }

        private static String describe(char c) {
            if (c == ' ') {
                return "a space";
            }
            if (c >= 33 && c <= 126) {
                return "'" + c + "'";
            }
            return String.format("U+%04X", (int) c);
        }

        private ConfigurationException error(String problem) {
            return new ConfigurationException((where.isEmpty() ? "" : where + ": ") + "option sd.static: " + problem);
        }
    }

    /** ASCII bytes of a string known to be ASCII. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
