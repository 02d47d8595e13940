package dev.logdrain.cloudwatch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.logdrain.spi.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds CloudWatch Logs subscription events the way AWS does: the payload JSON, gzipped, base64-encoded,
 * wrapped in {@code {"awslogs":{"data":...}}}. Shared with the hosts' tests (test-jar).
 */
public final class CloudWatchFixtures {

    public static final String OWNER = "123456789012";
    private static final JsonFactory JSON = new JsonFactory();

    private CloudWatchFixtures() {
    }

    /** The decoded payload JSON of a data message. */
    public static String payloadJson(String group, String stream, List<LogEvent> events) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("messageType", "DATA_MESSAGE");
            g.writeStringField("owner", OWNER);
            g.writeStringField("logGroup", group);
            g.writeStringField("logStream", stream);
            g.writeArrayFieldStart("subscriptionFilters");
            g.writeString("logdrain");
            g.writeEndArray();
            g.writeArrayFieldStart("logEvents");
            for (LogEvent e : events) {
                g.writeStartObject();
                g.writeStringField("id", e.id());
                g.writeNumberField("timestamp", e.timestamp());
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("policyLevel", "ACCOUNT_LEVEL_POLICY");
            g.writeEndObject();
        });
    }

    /** The control message CloudWatch Logs sends when a subscription is created. */
    public static String controlPayloadJson() {
        return "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\",\"logStream\":\"\","
                + "\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1700000000000,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";
    }

    /** The Lambda event for a payload: {@code {"awslogs":{"data":BASE64(GZIP(payload))}}}. */
    public static byte[] lambdaEvent(String payloadJson) {
        return lambdaEventWithData(base64(gzip(payloadJson.getBytes(StandardCharsets.UTF_8))));
    }

    public static byte[] lambdaEventWithData(String data) {
        return ("{\"awslogs\":{\"data\":\"" + data + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A Lambda on-failure destination record wrapping an event, as SQS or S3 receives it. */
    public static byte[] onFailureRecord(byte[] lambdaEvent) {
        String event = new String(lambdaEvent, StandardCharsets.UTF_8);
        return ("{\"version\":\"1.0\",\"timestamp\":\"2024-01-01T00:00:00.000Z\",\"requestContext\":{\"requestId\":"
                + "\"e4b46cbf\",\"functionArn\":\"arn:aws:lambda:us-east-1:123456789012:function:logdrain:$LATEST\","
                + "\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3},\"requestPayload\":" + event
                + ",\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":"
                + "\"Unhandled\"},\"responsePayload\":{\"errorMessage\":\"delivery failed\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} events with ids {@code PREFIX-0...}, timestamps one millisecond apart. */
    public static List<LogEvent> events(String prefix, int count) {
        List<LogEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new LogEvent(eventId(i), 1_700_000_000_000L + i, prefix + " message " + i));
        }
        return events;
    }

    /** A CloudWatch-like event id (56 digits). */
    public static String eventId(int i) {
        return String.format("3729503045389934217459236489%028d", i);
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /**
     * Gzip data that inflates to {@code decompressedBytes} bytes of JSON whitespace after an opening brace:
     * valid JSON as far as it goes, so only a size cap stops it. Compresses about 1000:1.
     */
    public static byte[] gzipBomb(long decompressedBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
            gz.write('{');
            byte[] blanks = new byte[1024 * 1024];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (long left = decompressedBytes - 1; left > 0; left -= blanks.length) {
                gz.write(blanks, 0, (int) Math.min(blanks.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Gzip of a valid payload whose one event's message is {@code messageBytes} letters long: a bomb that only
     * a limit on strings or decoded bytes stops (1 GB is about 1 MB of gzip).
     */
    public static byte[] stringBomb(long messageBytes) {
        return gzipOf(("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"" + OWNER + "\",\"logGroup\":\"/bomb\","
                + "\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,"
                + "\"message\":\"").getBytes(StandardCharsets.UTF_8), (byte) 'A', messageBytes,
                "\"}]}".getBytes(StandardCharsets.UTF_8));
    }

    /** Gzip of a valid payload of {@code count} tiny events, all alike: 1.5 million is about 170 KB of gzip. */
    public static byte[] manyTinyEvents(long count) {
        byte[] event = "{\"id\":\"1\",\"timestamp\":1,\"message\":\"x\"},".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
            gz.write(("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"" + OWNER + "\",\"logGroup\":\"/many\","
                    + "\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],\"logEvents\":[").getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[event.length * 1024];
            for (int i = 0; i < 1024; i++) {
                System.arraycopy(event, 0, block, i * event.length, event.length);
            }
            for (long left = count - 1; left > 0; left -= 1024) {
                gz.write(block, 0, (int) Math.min(1024, left) * event.length);
            }
            gz.write("{\"id\":\"1\",\"timestamp\":1,\"message\":\"last\"}]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code count} gzip members that hold nothing, back to back (20 bytes each). */
    public static byte[] emptyGzipMembers(int count) {
        byte[] empty = gzip(new byte[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            bytes.writeBytes(empty);
        }
        return bytes.toByteArray();
    }

    /** Gzip of head, {@code count} copies of the byte {@code fill}, tail. */
    private static byte[] gzipOf(byte[] head, byte fill, long count, byte[] tail) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
            gz.write(head);
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, fill);
            for (long left = count; left > 0; left -= block.length) {
                gz.write(block, 0, (int) Math.min(block.length, left));
            }
            gz.write(tail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(Writer writer) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code text} as a JSON string literal (for wrappers that hold a document as text, such as an SQS Body). */
    public static String jsonString(byte[] text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : new String(text, java.nio.charset.StandardCharsets.UTF_8).toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
