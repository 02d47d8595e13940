package dev.logdrain.cloudwatch.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.logdrain.cloudwatch.DecodeLimits;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogEvent;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference reader: payloads, Lambda events and on-failure records read token by token with jackson-core,
 * from a stream or from memory. Every input the fast path ({@link PayloadScanner}) gives up on comes here, so its
 * results and error messages (with JSON line and column) are the decoder's; the differential tests hold the fast
 * path to it. The base64 of {@code awslogs.data} is decoded by the parser and handed back to the decoder.
 */
final class JacksonPayloadReader {

    /** Decodes data found inside a wrapper ({@code awslogs.data}) one level deeper. */
    @FunctionalInterface
    interface Nested {
        void decode(byte[] b, int off, int len, String where, int depth, List<CloudWatchPayload> out)
                throws IOException;
    }

    /** The parser factory of the last limits used (they are the same for every input of a JVM). */
    private static volatile Parsers parsers;

    /** Standard base64, padding optional as for java.util.Base64; no line breaks in a JSON string. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

    private final DecodeBudget budget;
    private final DecodeLimits limits;
    private final Nested nested;

    JacksonPayloadReader(DecodeBudget budget, Nested nested) {
        this.budget = budget;
        this.limits = budget.limits();
        this.nested = nested;
    }

    /** The parser factory for these limits. */
    static JsonFactory factory(DecodeLimits limits) {
        return Parsers.of(limits);
    }

    /**
     * A jackson-core factory for the limits: strings and nesting capped (a string is checked as it grows, so a
     * huge one fails before it is held), duplicate keys an error (the fast scanner agrees). The byte cap is
     * counted by the decoder itself; base64 decoded by the parser is not a string to it.
     */
    private record Parsers(int maxStringBytes, int maxNesting, JsonFactory json) {
        static JsonFactory of(DecodeLimits limits) {
            Parsers last = parsers;
            if (last == null || last.maxStringBytes != limits.maxStringBytes() || last.maxNesting != limits.maxNesting()) {
                last = new Parsers(limits.maxStringBytes(), limits.maxNesting(), JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(limits.maxStringBytes())
                                .maxNestingDepth(limits.maxNesting()).build())
                        .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
                        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build());
                parsers = last;
            }
            return last.json;
        }
    }

    /** Parses one or more JSON values (objects or arrays of objects) back to back. */
    void read(JsonParser parser, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        try (JsonParser p = parser) {
            JsonToken t;
            boolean any = false;
            while ((t = p.nextToken()) != null) {
                any = true;
                if (t == JsonToken.START_OBJECT) {
                    parseObject(p, where, depth, out);
                } else if (t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT) {
                            throw invalid(where, "expected JSON objects in the array, found " + describe(t), p);
                        }
                        parseObject(p, where, depth, out);
                    }
                } else {
                    throw invalid(where, "expected a JSON object, found " + describe(t), p);
                }
            }
            if (!any) {
                throw new InvalidInputException(where + " holds no JSON");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(jsonProblem(where, e.getOriginalMessage()) + at(e.getLocation()));
        } catch (CharConversionException e) {
            // Utf8Json keeps Jackson on UTF-8; should another encoding still be guessed, still one clear line
            throw new InvalidInputException(where + " is not valid JSON: " + ErrorText.oneLine(e.getMessage(), 200));
        }
    }

    /** The parser's complaint in the words of this input: a limit named as such, a duplicate key named. */
    private String jsonProblem(String where, String message) {
        if (message.startsWith("String value length")) {
            return where + ": a JSON string is longer than the limit of " + DecodeLimits.size(limits.maxStringBytes())
                    + " (" + limits.heapNote() + ")";
        }
        if (message.startsWith("Document nesting depth")) {
            return where + ": JSON nested more than " + limits.maxNesting() + " levels deep";
        }
        if (message.startsWith("Duplicate field ")) {
            // "Duplicate field 'logEvents'": a second value for a key must not silently replace the first
            String key = message.substring("Duplicate field ".length());
            if (key.length() >= 2 && key.startsWith("'") && key.endsWith("'")) {
                key = ErrorText.quoted(key.substring(1, key.length() - 1));
            }
            return where + ": duplicate key " + ErrorText.oneLine(key, 2 * ErrorText.MAX_VALUE_CHARS) + " in a JSON object";
        }
        // Jackson's own words quote the input (an unrecognized token): one line, bounded
        return where + " is not valid JSON: " + ErrorText.oneLine(message, 300);
    }

    /** An object: a Lambda event, an on-failure record, or a decoded payload. The parser is on '{'. */
    private void parseObject(JsonParser p, String where, int depth, List<CloudWatchPayload> out) throws IOException {
        PayloadFields fields = null;
        boolean wrapper = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "awslogs" -> {
                    wrapper = true;
                    parseAwslogs(p, value, where, depth, out);
                }
                case "requestPayload" -> {
                    // a Lambda on-failure destination record: the original event is inside
                    wrapper = true;
                    String inner = prefix(where) + "requestPayload";
                    if (value != JsonToken.START_OBJECT) {
                        throw invalid(inner, "is not a JSON object", p);
                    }
                    parseObject(p, inner, depth + 1, out);
                }
                case "messageType", "owner", "logGroup", "logStream", "subscriptionFilters", "logEvents" -> {
                    if (fields == null) {
                        fields = new PayloadFields();
                    }
                    fields.read(name, value, p, where);
                }
                default -> p.skipChildren();
            }
        }
        if (fields != null && wrapper) {
            throw invalid(where, "mixes payload fields (messageType, logEvents ...) with awslogs or requestPayload",
                    p);
        }
        if (fields != null) {
            out.add(fields.toPayload(where));
        } else if (!wrapper) {
            throw invalid(where, "holds no CloudWatch Logs payload: expected awslogs.data, requestPayload, "
                    + "or the fields messageType, logGroup, logStream, logEvents", p);
        }
    }

    private void parseAwslogs(JsonParser p, JsonToken value, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        String awslogs = prefix(where) + "awslogs";
        if (value != JsonToken.START_OBJECT) {
            throw invalid(awslogs, "is not a JSON object", p);
        }
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("data")) {
                String data = awslogs + ".data";
                if (v != JsonToken.VALUE_STRING) {
                    throw invalid(data, "is not a string", p);
                }
                found = true;
                // Jackson decodes the base64 straight from its input buffer, without first building the text
                // (a char[] twice the size of the data): the fastest path (bench/: DecodeBenchmark).
                byte[] decoded;
                try {
                    decoded = p.getBinaryValue(BASE64);
                } catch (JsonProcessingException e) {
                    // "Failed to decode VALUE_STRING as base64 (MIME-NO-LINEFEEDS): Illegal character ..."
                    String why = e.getOriginalMessage();
                    int cut = why.indexOf("): ");
                    throw new InvalidInputException(data + " is not base64: " + ErrorText.oneLine(
                            why.startsWith("Failed to decode") && cut > 0 ? why.substring(cut + 3) : why, 200));
                }
                nested.decode(decoded, 0, decoded.length, data, depth + 1, out);
            } else {
                p.skipChildren();
            }
        }
        if (!found) {
            throw invalid(awslogs, "lacks field 'data'", p);
        }
    }

    /** The fields of a decoded payload, collected in any order. */
    private final class PayloadFields {
        String messageType;
        String owner;
        String logGroup;
        String logStream;
        List<String> filters;
        List<LogEvent> events;

        void read(String name, JsonToken value, JsonParser p, String where) throws IOException {
            switch (name) {
                case "messageType" -> messageType = string(p, value, where, name);
                case "owner" -> owner = string(p, value, where, name);
                case "logGroup" -> logGroup = string(p, value, where, name);
                case "logStream" -> logStream = string(p, value, where, name);
                case "subscriptionFilters" -> filters = strings(p, value, where, name);
                case "logEvents" -> events = events(p, value, where);
                default -> p.skipChildren();
            }
        }

        CloudWatchPayload toPayload(String where) {
            if (messageType == null) {
                throw new InvalidInputException(where + ": the payload lacks field 'messageType'");
            }
            if (!messageType.equals(CloudWatchPayload.CONTROL_MESSAGE)) {
                if (!messageType.equals(CloudWatchPayload.DATA_MESSAGE)) {
                    throw new InvalidInputException(where + ": unknown messageType " + ErrorText.quoted(messageType)
                            + " (expected DATA_MESSAGE or CONTROL_MESSAGE)");
                }
                for (String[] field : new String[][] {{"logGroup", logGroup}, {"logStream", logStream},
                        {"logEvents", events == null ? null : ""}}) {
                    if (field[1] == null) {
                        throw new InvalidInputException(where + ": the payload lacks field '" + field[0] + "'");
                    }
                }
            }
            return new CloudWatchPayload(messageType, owner, logGroup, logStream, filters, events);
        }
    }

    private List<LogEvent> events(JsonParser p, JsonToken value, String where) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw invalid(where, "logEvents is not an array", p);
        }
        List<LogEvent> events = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = events.size();
            if (!budget.addEvents(1)) {
                throw invalid(where, "more than " + limits.maxEvents() + " log events (" + limits.heapNote() + ")", p);
            }
            if (t != JsonToken.START_OBJECT) {
                throw invalid(where, "logEvents[" + index + "] is not an object", p);
            }
            String id = null;
            long timestamp = 0;
            boolean hasTimestamp = false;
            String message = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> {
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NUMBER_INT) {
                            throw invalid(where, "logEvents[" + index + "].id is not a string", p);
                        }
                        id = p.getText();
                    }
                    case "timestamp" -> {
                        timestamp = timestamp(p, v, where, index);
                        hasTimestamp = true;
                    }
                    case "message" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            throw invalid(where, "logEvents[" + index + "].message is not a string", p);
                        }
                        message = p.getText();
                    }
                    default -> p.skipChildren();
                }
            }
            String missing = id == null ? "id" : !hasTimestamp ? "timestamp" : message == null ? "message" : null;
            if (missing != null) {
                throw invalid(where, "logEvents[" + index + "] lacks field '" + missing + "'", p);
            }
            events.add(new LogEvent(id, timestamp, message));
        }
        return events;
    }

    private static long timestamp(JsonParser p, JsonToken v, String where, int index) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (JsonProcessingException e) {
                throw invalid(where, "logEvents[" + index + "].timestamp is out of range", p);
            }
        }
        if (v == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw invalid(where, "logEvents[" + index + "].timestamp is not a whole number of milliseconds", p);
    }

    private static String string(JsonParser p, JsonToken value, String where, String name) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw invalid(where, name + " is not a string", p);
        }
        return p.getText();
    }

    private static List<String> strings(JsonParser p, JsonToken value, String where, String name) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw invalid(where, name + " is not an array of strings", p);
        }
        List<String> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw invalid(where, name + " is not an array of strings", p);
            }
            list.add(p.getText());
        }
        return list;
    }

    private static InvalidInputException invalid(String where, String problem, JsonParser p) {
        // "awslogs.data is not a string", "input: logEvents[3] lacks field 'id'"
        String separator = problem.startsWith("is ") || problem.startsWith("lacks ") ? " " : ": ";
        return new InvalidInputException(where + separator + problem + at(p.currentLocation()));
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (JSON line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    static String prefix(String where) {
        return where.equals("input") || where.equals("record data") ? "" : where + ".";
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

}
