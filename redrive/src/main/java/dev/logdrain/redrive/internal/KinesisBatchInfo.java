package dev.logdrain.redrive.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The {@code KinesisBatchInfo} of a Kinesis event source mapping's on-failure record: which records of which
 * shard the failed invocation held. The record holds no log data; the data stays in the stream for its
 * retention period.
 */
public record KinesisBatchInfo(String streamArn, String shardId, BigInteger startSequenceNumber,
                               BigInteger endSequenceNumber, int batchSize) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100).build()).build();

    /** The region of the stream, from its ARN ({@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}). */
    public String region() {
        String[] parts = streamArn.split(":", 6);
        return parts.length == 6 ? parts[3] : "";
    }

    @Override
    public String toString() {
        return streamArn + " " + shardId + " " + startSequenceNumber + ".." + endSequenceNumber;
    }

    /**
     * The batch info of a record that is a JSON object with a top-level {@code KinesisBatchInfo}, else null
     * (anything else is left to the cloudwatch source, which names what is wrong with it).
     *
     * @throws InvalidInputException when {@code KinesisBatchInfo} is there but incomplete
     */
    public static KinesisBatchInfo find(byte[] body) throws IOException {
        if (body.length == 0 || firstNonSpace(body) != '{') {
            return null;
        }
        try (JsonParser p = JSON.createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("KinesisBatchInfo".equals(name) && value == JsonToken.START_OBJECT) {
                    return parse(p);
                }
                p.skipChildren();
            }
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // not JSON after all: the source says what it is not
        }
    }

    private static KinesisBatchInfo parse(JsonParser p) throws IOException {
        String stream = null;
        String shard = null;
        String start = null;
        String end = null;
        int size = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "streamArn" -> stream = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "shardId" -> shard = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "startSequenceNumber" -> start = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "endSequenceNumber" -> end = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "batchSize" -> size = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
                default -> p.skipChildren();
            }
        }
        if (stream == null || shard == null || !digits(start) || !digits(end)) {
            throw new InvalidInputException("KinesisBatchInfo lacks streamArn, shardId or a decimal start or end "
                    + "sequence number");
        }
        BigInteger first = new BigInteger(start);
        BigInteger last = new BigInteger(end);
        if (first.compareTo(last) > 0) {
            throw new InvalidInputException("KinesisBatchInfo's startSequenceNumber is after its endSequenceNumber");
        }
        return new KinesisBatchInfo(stream, shard, first, last, size);
    }

    private static boolean digits(String s) {
        return s != null && !s.isEmpty() && s.length() <= 128 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int firstNonSpace(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return -1;
    }
}
