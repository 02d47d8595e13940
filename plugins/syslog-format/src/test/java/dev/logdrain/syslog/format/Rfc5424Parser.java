package dev.logdrain.syslog.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 5424 parser for tests, written from the RFC's ABNF independently of the formatter: it
 * refuses anything the grammar does not allow (field lengths, characters, SD syntax, invalid UTF-8).
 */
final class Rfc5424Parser {

    /** One SD-ELEMENT: its SD-ID and its parameters (values unescaped), in order. */
    record Element(String id, List<Map.Entry<String, String>> params) {
    }

    /** A parsed message; {@code timestamp} is null for NILVALUE, NILVALUE header fields are {@code "-"}. */
    record Parsed(int pri, Instant timestamp, String hostname, String appName, String procid, String msgid,
                  List<Element> structuredData, boolean bom, String msg) {
    }

    private final byte[] b;
    private int pos;

    private Rfc5424Parser(byte[] bytes) {
        this.b = bytes;
    }

    static Parsed parse(byte[] message) {
        return new Rfc5424Parser(message).message();
    }

    private Parsed message() {
        expect('<');
        int start = pos;
        while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        if (pos == start || pos - start > 3 || (b[start] == '0' && pos - start > 1)) {
            throw fail("PRIVAL");
        }
        int pri = Integer.parseInt(ascii(start, pos));
        if (pri > 191) {
            throw fail("PRIVAL > 191");
        }
        expect('>');
        expect('1');
        expect(' ');
        Instant timestamp = timestamp();
        expect(' ');
        String hostname = field(255);
        expect(' ');
        String appName = field(48);
        expect(' ');
        String procid = field(128);
        expect(' ');
        String msgid = field(32);
        expect(' ');
        List<Element> sd = structuredData();
        boolean bom = false;
        String msg = "";
        if (pos < b.length) {
            expect(' ');
            if (pos + 3 <= b.length && (b[pos] & 0xFF) == 0xEF && (b[pos + 1] & 0xFF) == 0xBB && (b[pos + 2] & 0xFF) == 0xBF) {
                bom = true;
                pos += 3;
            }
            msg = utf8(pos, b.length);
        }
        return new Parsed(pri, timestamp, hostname, appName, procid, msgid, sd, bom, msg);
    }

    private Instant timestamp() {
        if (b[pos] == '-') {
            pos++;
            return null;
        }
        int start = pos;
        while (pos < b.length && b[pos] != ' ') {
            pos++;
        }
        String text = ascii(start, pos);
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})")) {
            throw fail("TIMESTAMP " + text);
        }
        return java.time.OffsetDateTime.parse(text).toInstant();
    }

    private String field(int max) {
        int start = pos;
        while (pos < b.length && b[pos] != ' ') {
            if (b[pos] < 33 || b[pos] > 126) {
                throw fail("non-PRINTUSASCII in header field");
            }
            pos++;
        }
        if (pos == start || pos - start > max) {
            throw fail("header field length " + (pos - start) + " not in 1.." + max);
        }
        return ascii(start, pos);
    }

    private List<Element> structuredData() {
        List<Element> elements = new ArrayList<>();
        if (pos < b.length && b[pos] == '-') {
            pos++;
            return elements;
        }
        while (pos < b.length && b[pos] == '[') {
            pos++;
            String id = name();
            List<Map.Entry<String, String>> params = new ArrayList<>();
            while (b[pos] == ' ') {
                pos++;
                String name = name();
                expect('=');
                expect('"');
                params.add(Map.entry(name, value()));
            }
            expect(']');
            elements.add(new Element(id, params));
        }
        if (elements.isEmpty()) {
            throw fail("STRUCTURED-DATA");
        }
        return elements;
    }

    private String name() {
        int start = pos;
        while (pos < b.length && b[pos] >= 33 && b[pos] <= 126 && b[pos] != '=' && b[pos] != ']' && b[pos] != '"'
                && b[pos] != ' ') {
            pos++;
        }
        if (pos == start || pos - start > 32) {
            throw fail("SD-NAME length " + (pos - start));
        }
        return ascii(start, pos);
    }

    private String value() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (pos < b.length) {
            byte c = b[pos++];
            if (c == '"') {
                byte[] bytes = out.toByteArray();
                return new Rfc5424Parser(bytes).utf8(0, bytes.length);
            }
            if (c == ']') {
                throw fail("unescaped ']' in PARAM-VALUE");
            }
            if (c == '\\' && pos < b.length && (b[pos] == '"' || b[pos] == '\\' || b[pos] == ']')) {
                c = b[pos++];
            } else if (c == '\\') {
                throw fail("backslash that escapes nothing (the formatter always escapes a backslash)");
            }
            out.write(c);
        }
        throw fail("PARAM-VALUE not closed");
    }

    private String utf8(int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail("invalid UTF-8");
        }
    }

    private void expect(char c) {
        if (pos >= b.length || b[pos] != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private String ascii(int from, int to) {
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }

    private IllegalArgumentException fail(String what) {
        int from = Math.max(0, pos - 20);
        return new IllegalArgumentException(what + " at byte " + pos + " near '"
                + new String(b, from, Math.min(b.length, pos + 20) - from, StandardCharsets.UTF_8) + "'");
    }

    /** The parameters of an element as a map (for assertions). */
    static Map<String, String> params(Element e) {
        Map<String, String> map = new LinkedHashMap<>();
        e.params().forEach(p -> map.put(p.getKey(), p.getValue()));
        return map;
    }
}
