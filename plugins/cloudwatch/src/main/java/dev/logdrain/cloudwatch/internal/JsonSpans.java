package dev.logdrain.cloudwatch.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a JSON document held in memory as byte spans of it, found by jackson-core: enough to find
 * CloudWatch Logs payloads inside wrappers (on-failure records, SQS messages) without building a tree, and to
 * hand a payload's own bytes to the decoder (whose fast path then reads them). Jackson checks the syntax; only
 * the wrappers' member names and string values are decoded here.
 */
final class JsonSpans {

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

        SyntaxException(int offset, String message, boolean incomplete) {
            super(message, null, false, false);
            this.offset = offset;
            this.incomplete = incomplete;
        }
    }

    /** Deeper nesting than this is refused (Jackson counts it; nothing here recurses). */
    static final int MAX_DEPTH = 512;

    /** Strings and numbers as long as a document may be: the document's size is capped by its reader. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private JsonSpans() {
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

    /** The value starting at {@code pos} (no leading whitespace), checked for syntax. */
    static Range value(byte[] b, int pos, int end) {
        return new Range(b, pos, skipValue(b, pos, end));
    }

    /**
     * Where the value starting at {@code pos} ends.
     *
     * @throws SyntaxException when it is not JSON, {@code incomplete} when the bytes end before the value does
     */
    static int skipValue(byte[] b, int pos, int end) {
        String notUtf8 = end - pos < 2 ? null : Utf8Json.notUtf8(b[pos] & 0xFF, b[pos + 1] & 0xFF);
        if (notUtf8 != null) {
            throw new SyntaxException(pos, notUtf8, false);
        }
        try (JsonParser p = JSON.createParser(b, pos, end - pos)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new SyntaxException(pos, "unexpected end of input, expected a value", true);
            }
            return pos + valueEnd(p, t);
        } catch (StreamConstraintsException e) {
            throw new SyntaxException(pos, "nested more than " + MAX_DEPTH + " levels deep", false);
        } catch (JsonProcessingException e) {
            // an error where the bytes end (end of input, a literal cut short) may be completed by more input
            int at = offset(e.getLocation());
            throw new SyntaxException(pos + at, firstLine(e), e instanceof JsonEOFException || at >= end - pos
                    || endsWithToken(b, end, e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to read
        }
    }

    /** Whether Jackson's "Unrecognized token 'tr'" names the last bytes: a literal that more input may complete. */
    private static boolean endsWithToken(byte[] b, int end, String message) {
        String prefix = "Unrecognized token '";
        if (message == null || !message.startsWith(prefix)) {
            return false;
        }
        int close = message.indexOf('\'', prefix.length());
        byte[] token = message.substring(prefix.length(), Math.max(prefix.length(), close))
                .getBytes(StandardCharsets.UTF_8);
        return token.length > 0 && end >= token.length
                && java.util.Arrays.equals(b, end - token.length, end, token, 0, token.length);
    }

    /** The members of an object, in order. */
    static List<Member> members(Range object) {
        List<Member> members = new ArrayList<>();
        parse(object, p -> {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                members.add(new Member(name, span(object, p, p.nextToken())));
            }
        });
        return members;
    }

    /** The elements of an array, in order. */
    static List<Range> elements(Range array) {
        List<Range> elements = new ArrayList<>();
        parse(array, p -> {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                elements.add(span(array, p, t));
            }
        });
        return elements;
    }

    /** The content of a string value, as UTF-8 (an escaped lone surrogate becomes '?'). */
    static byte[] stringBytes(Range string) {
        String[] text = {null};
        parse(string, p -> {
            expect(p.nextToken(), JsonToken.VALUE_STRING);
            text[0] = p.getText();
        });
        return text[0].getBytes(StandardCharsets.UTF_8);
    }

    /** The content of a string value (an escaped lone surrogate becomes '?'). */
    static String string(Range string) {
        return new String(stringBytes(string), StandardCharsets.UTF_8);
    }

    private interface Reading {
        void read(JsonParser p) throws IOException;
    }

    private static void parse(Range range, Reading reading) {
        try (JsonParser p = JSON.createParser(range.data(), range.start(), range.end() - range.start())) {
            reading.read(p);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("not JSON: " + firstLine(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(JsonToken found, JsonToken wanted) {
        if (found != wanted) {
            throw new IllegalArgumentException("expected " + wanted + ", found " + found);
        }
    }

    /** The span of the value whose first token the parser is on, relative to the data of {@code in}. */
    private static Range span(Range in, JsonParser p, JsonToken t) throws IOException {
        int start = offset(p.currentTokenLocation());
        return new Range(in.data(), in.start() + start, in.start() + start + valueLength(p, t, start));
    }

    /** Where the value whose first token the parser is on ends, relative to the parser's start. */
    private static int valueEnd(JsonParser p, JsonToken t) throws IOException {
        int start = offset(p.currentTokenLocation());
        return start + valueLength(p, t, start);
    }

    private static int valueLength(JsonParser p, JsonToken t, int start) throws IOException {
        switch (t) {
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                return offset(p.currentLocation()) - start;
            }
            case VALUE_STRING -> {
                p.finishToken(); // strings are read lazily: read it to its closing quote
                return offset(p.currentLocation()) - start;
            }
            case VALUE_TRUE, VALUE_NULL -> {
                return 4;
            }
            case VALUE_FALSE -> {
                return 5;
            }
            default -> {
                // a number: its text is ASCII as written (Jackson may have read the blank after it)
                return p.getTextLength();
            }
        }
    }

    private static int offset(JsonLocation location) {
        return location == null ? 0 : (int) Math.max(0, location.getByteOffset());
    }

    /** Jackson's complaint in one line, without its note on where the container started. */
    private static String firstLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        int note = line.indexOf(" (start marker at ");
        return line.isEmpty() ? "invalid JSON" : ErrorText.oneLine(note > 0 ? line.substring(0, note) : line, 300);
    }
}
