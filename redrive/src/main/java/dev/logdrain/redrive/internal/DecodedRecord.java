package dev.logdrain.redrive.internal;

import dev.logdrain.redrive.StoredRecord;
import dev.logdrain.spi.LogBatch;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A record with its batches, and what orders it: its first batch's stream and first event's time. */
public record DecodedRecord(StoredRecord record, List<LogBatch> batches, String firstStream, long firstTimestamp) {

    /** Groups records by log stream and puts the oldest of each first (stable for equal times). */
    public static final Comparator<DecodedRecord> OLDEST_FIRST_BY_STREAM =
            Comparator.comparing(DecodedRecord::firstStream).thenComparingLong(DecodedRecord::firstTimestamp);

    public static DecodedRecord of(StoredRecord record, List<LogBatch> batches) {
        LogBatch first = batches.stream().filter(b -> b.size() > 0).findFirst().orElse(null);
        return new DecodedRecord(record, List.copyOf(batches), first == null ? "" : streamKey(first),
                first == null ? Long.MIN_VALUE : first.events().get(0).timestamp());
    }

    /** Every log stream the record holds events of. */
    public Set<String> streams() {
        Set<String> streams = new LinkedHashSet<>();
        for (LogBatch batch : batches) {
            if (batch.size() > 0) {
                streams.add(streamKey(batch));
            }
        }
        return streams;
    }

    public long events() {
        return batches.stream().mapToLong(LogBatch::size).sum();
    }

    private static String streamKey(LogBatch batch) {
        return batch.owner() + '\n' + batch.logGroup() + '\n' + batch.logStream();
    }
}
