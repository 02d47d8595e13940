package dev.logdrain.cloudwatch.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the event Lambda's Kinesis event source mapping passes to a function, token by token with
 * jackson-core (no data binding, no reflection: a fast cold start):
 * <pre>
 * {"Records":[{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"...","sequenceNumber":"...",
 *   "data":"BASE64","approximateArrivalTimestamp":1714564800.123},"eventSource":"aws:kinesis",
 *   "eventID":"shardId-000000000000:SEQ","eventSourceARN":"arn:aws:kinesis:...:stream/NAME", ...}, ...]}
 * </pre>
 * Fields may come in any order; unknown ones are ignored. A record's data is kept as text and decoded only
 * when the record is processed ({@link KinesisRecord#payloads}).
 */
public final class KinesisEvents {

    // Lambda caps an invocation's event at 6 MB; jackson's own string cap (20M chars) is lifted only so
    // that a larger test event is reported by the decoder's limits rather than by jackson.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private KinesisEvents() {
    }

    /**
     * Reads every record of a Kinesis event, in order.
     *
     * @throws InvalidInputException when the input is not a Kinesis event, with a one-line message
     * @throws IOException           when reading the input fails
     */
    public static List<KinesisRecord> read(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(Utf8Json.checked(in, "the event"))) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException("the event is not a Kinesis event: expected a JSON object, found "
                        + (first == null ? "nothing" : describe(first)));
            }
            List<KinesisRecord> records = null;
            boolean awslogs = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("Records")) {
                    records = records(p, value);
                } else {
                    awslogs |= name.equals("awslogs");
                    p.skipChildren();
                }
            }
            if (records == null) {
                throw new InvalidInputException("the event is not a Kinesis event: it has no field 'Records'"
                        + (awslogs ? " (it is a CloudWatch Logs subscription event: its handler is "
                        + "dev.logdrain.lambda.CloudWatchLogsHandler::handleRequest)" : ""));
            }
            return records;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the event is not valid JSON: " + e.getOriginalMessage().lines()
                    .findFirst().orElse("") + at(e.getLocation()));
        }
    }

    private static List<KinesisRecord> records(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw invalid("Records is not an array", p);
        }
        List<KinesisRecord> records = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String where = "Records[" + records.size() + "]";
            if (t != JsonToken.START_OBJECT) {
                throw invalid(where + " is not an object", p);
            }
            records.add(record(p, where));
        }
        return records;
    }

    private static KinesisRecord record(JsonParser p, String where) throws IOException {
        String sequenceNumber = null;
        String partitionKey = null;
        String data = null;
        long arrival = -1;
        boolean kinesis = false;
        String eventId = null;
        String streamArn = null;
        String eventSource = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "kinesis" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw invalid(where + ".kinesis is not an object", p);
                    }
                    kinesis = true;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        switch (field) {
                            case "sequenceNumber" -> sequenceNumber = string(p, v, where + ".kinesis." + field);
                            case "partitionKey" -> partitionKey = string(p, v, where + ".kinesis." + field);
                            case "data" -> data = string(p, v, where + ".kinesis." + field);
                            case "approximateArrivalTimestamp" -> arrival = arrivalMillis(p, v);
                            default -> p.skipChildren();
                        }
                    }
                }
                case "eventID" -> eventId = string(p, value, where + "." + name);
                case "eventSourceARN" -> streamArn = string(p, value, where + "." + name);
                case "eventSource" -> eventSource = string(p, value, where + "." + name);
                default -> p.skipChildren();
            }
        }
        if (!kinesis) {
            throw new InvalidInputException(where + " has no 'kinesis' object: the event is not a Kinesis event"
                    + (eventSource == null ? "" : " (eventSource " + eventSource + ")"));
        }
        if (sequenceNumber == null || sequenceNumber.isEmpty()) {
            throw new InvalidInputException(where + ".kinesis lacks field 'sequenceNumber'");
        }
        String shardId = eventId != null && eventId.indexOf(':') > 0 ? eventId.substring(0, eventId.indexOf(':')) : null;
        return new KinesisRecord(sequenceNumber, partitionKey, shardId, streamArn, arrival, data);
    }

    private static String string(JsonParser p, JsonToken value, String where) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw invalid(where + " is not a string", p);
        }
        return p.getText();
    }

    /** Seconds with a fraction (1714564800.123), as Kinesis writes it; anything else is only lost detail. */
    private static long arrivalMillis(JsonParser p, JsonToken value) throws IOException {
        try {
            if (value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT) {
                return p.getDecimalValue().movePointRight(3).longValue();
            }
            if (value == JsonToken.VALUE_STRING) {
                return new BigDecimal(p.getText().strip()).movePointRight(3).longValue();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // not a time: leave it out of log lines
        }
        p.skipChildren();
        return -1;
    }

    private static InvalidInputException invalid(String problem, JsonParser p) {
        return new InvalidInputException("the event is not a Kinesis event: " + problem + at(p.currentLocation()));
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (JSON line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }
}
