package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One record of a Kinesis event as Lambda's event source mapping delivers it. The data stays base64 text
 * until the record's turn comes, so that a record that is never reached costs nothing and a corrupt one is
 * found when it is processed, not while the event is read.
 *
 * @param sequenceNumber the record's sequence number in its shard: what a batch item failure names
 * @param partitionKey   the partition key (CloudWatch Logs puts a hash of the log stream there), or empty
 * @param shardId        the shard, from {@code eventID} ({@code shardId-000000000000:SEQ}), or empty
 * @param streamArn      {@code eventSourceARN}, or empty
 * @param arrivalMillis  {@code approximateArrivalTimestamp} in epoch milliseconds, or -1
 * @param data           the base64 text of the data, or null when the record has none
 */
public record KinesisRecord(String sequenceNumber, String partitionKey, String shardId, String streamArn,
                            long arrivalMillis, String data) {

    public KinesisRecord {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        partitionKey = Objects.requireNonNullElse(partitionKey, "");
        shardId = Objects.requireNonNullElse(shardId, "");
        streamArn = Objects.requireNonNullElse(streamArn, "");
    }

    /** The size of the data in bytes (as base64 says: three bytes for four characters, less the padding). */
    public long dataBytes() {
        if (data == null) {
            return 0;
        }
        int padding = 0;
        for (int i = data.length() - 1; i >= 0 && data.charAt(i) == '=' && padding < 2; i--) {
            padding++;
        }
        return Math.max(0, data.length() / 4L * 3 - padding);
    }

    /**
     * Decodes the data: base64, then what CloudWatch Logs puts in a record (gzip of one payload's JSON).
     *
     * @param maxPayloadBytes cap on the decompressed JSON
     * @throws InvalidInputException when the data is missing or cannot be decoded; retrying never helps then
     */
    public List<CloudWatchPayload> payloads(long maxPayloadBytes) {
        if (data == null) {
            throw new InvalidInputException("record data is missing (no field kinesis.data)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("record data is not base64: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new InvalidInputException("record data is empty");
        }
        return CloudWatchPayloads.decodeRecordData(bytes, maxPayloadBytes);
    }

    /** Where the record is, for a log line: shard, sequence number, partition key, arrival time, size. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (!shardId.isEmpty()) {
            sb.append("shard=").append(shardId).append(' ');
        }
        sb.append("sequenceNumber=").append(sequenceNumber);
        if (!partitionKey.isEmpty()) {
            sb.append(" partitionKey=").append(printable(partitionKey));
        }
        if (arrivalMillis >= 0) {
            sb.append(" arrival=").append(Instant.ofEpochMilli(arrivalMillis));
        }
        sb.append(" bytes=").append(dataBytes());
        return sb.toString();
    }

    /** A value as it may appear in a log line: one line, no blanks or quotes (a producer chose it). */
    private static String printable(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), 256));
        for (int i = 0; i < value.length() && i < 256; i++) {
            char c = value.charAt(i);
            sb.append(c > 0x20 && c != 0x7F && c != '"' && c != '|' ? c : '_');
        }
        return sb.toString();
    }
}
