package dev.logdrain.lambda.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.logdrain.cloudwatch.CloudWatchFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Builds the events a Kinesis event source mapping passes to a function, field for field as Lambda writes
 * them (see the Lambda developer guide, "Using Lambda with Kinesis Data Streams"), with record data as
 * CloudWatch Logs writes it to a stream: the gzip of one subscription payload.
 */
public final class KinesisFixtures {

    public static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/logdrain-Stream-1A2B3C";
    public static final String SHARD = "shardId-000000000003";
    private static final JsonFactory JSON = new JsonFactory();

    private KinesisFixtures() {
    }

    /** One record of an event. */
    public record Record(String sequenceNumber, String partitionKey, long arrivalMillis, String base64Data) {
    }

    /** The sequence number of the i-th record of a test shard: 56 digits, increasing, as Kinesis's are. */
    public static String sequenceNumber(int i) {
        return "4965369720154187338561" + String.format("%034d", 2_000_000_000_000L + 7L * i);
    }

    /** A record holding the gzip of a CloudWatch Logs payload, as a subscription filter writes it. */
    public static Record cloudWatchRecord(int i, String payloadJson) {
        return dataRecord(i, CloudWatchFixtures.gzip(payloadJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** A record holding any bytes. */
    public static Record dataRecord(int i, byte[] data) {
        return rawRecord(i, Base64.getEncoder().encodeToString(data));
    }

    /** A record whose data field holds this text as it is (base64 or not). */
    public static Record rawRecord(int i, String base64Data) {
        return new Record(sequenceNumber(i), "9f0c4f8d1e2a3b4c5d6e7f8091a2b3c4", 1_714_564_800_123L + i, base64Data);
    }

    /** Several gzip members back to back: what a record holding more than one payload looks like. */
    public static byte[] concatenatedGzip(String... payloadJsons) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String json : payloadJsons) {
            out.writeBytes(CloudWatchFixtures.gzip(json.getBytes(StandardCharsets.UTF_8)));
        }
        return out.toByteArray();
    }

    /** The event: {@code {"Records":[...]}}. */
    public static byte[] event(List<Record> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (Record r : records) {
                g.writeStartObject();
                g.writeObjectFieldStart("kinesis");
                g.writeStringField("kinesisSchemaVersion", "1.0");
                g.writeStringField("partitionKey", r.partitionKey());
                g.writeStringField("sequenceNumber", r.sequenceNumber());
                g.writeStringField("data", r.base64Data());
                g.writeNumberField("approximateArrivalTimestamp", BigDecimal.valueOf(r.arrivalMillis(), 3));
                g.writeEndObject();
                g.writeStringField("eventSource", "aws:kinesis");
                g.writeStringField("eventVersion", "1.0");
                g.writeStringField("eventID", SHARD + ":" + r.sequenceNumber());
                g.writeStringField("eventName", "aws:kinesis:record");
                g.writeStringField("invokeIdentityArn", "arn:aws:iam::123456789012:role/logdrain-Role-4D5E6F");
                g.writeStringField("awsRegion", "us-east-1");
                g.writeStringField("eventSourceARN", STREAM_ARN);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
