package dev.logdrain.redrive.internal;

import dev.logdrain.redrive.RecordReader.UnreadableRecordException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads the records of a failed Kinesis batch back from the stream: GetShardIterator at the start sequence
 * number, then GetRecords until the end sequence number. Each record's data goes to the cloudwatch source.
 */
public final class KinesisBatches {

    /** GetRecords calls for one batch, at most (empty answers included, so that a quiet shard cannot spin). */
    private static final int MAX_CALLS = 50;

    private final Function<String, KinesisClient> clients;

    /** @param clients the client for a region (cached by the caller) */
    public KinesisBatches(Function<String, KinesisClient> clients) {
        this.clients = clients;
    }

    public List<LogBatch> read(KinesisBatchInfo info, Source source, Deadline deadline) throws IOException {
        KinesisClient kinesis = clients.apply(info.region());
        List<LogBatch> batches = new ArrayList<>();
        try {
            String iterator = kinesis.getShardIterator(r -> r.streamARN(info.streamArn()).shardId(info.shardId())
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .startingSequenceNumber(info.startSequenceNumber().toString())).shardIterator();
            boolean first = true;
            for (int call = 0; call < MAX_CALLS && iterator != null && !deadline.isExpired(); call++) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current).streamARN(info.streamArn())
                        .limit(Math.max(1, Math.min(10_000, info.batchSize() == 0 ? 10_000 : info.batchSize()))));
                for (Record record : response.records()) {
                    BigInteger sequence = new BigInteger(record.sequenceNumber());
                    if (first && sequence.compareTo(info.startSequenceNumber()) > 0) {
                        throw new UnreadableRecordException("the stream no longer holds the batch " + info
                                + " (its retention period passed): it cannot be redriven");
                    }
                    first = false;
                    if (sequence.compareTo(info.endSequenceNumber()) > 0) {
                        return batches;
                    }
                    batches.addAll(source.read(new ByteArrayInputStream(record.data().asByteArrayUnsafe())).logBatches());
                    if (sequence.equals(info.endSequenceNumber())) {
                        return batches;
                    }
                }
                iterator = response.nextShardIterator();
                if (response.records().isEmpty() && Long.valueOf(0).equals(response.millisBehindLatest())) {
                    break;
                }
            }
        } catch (ResourceNotFoundException e) {
            throw new UnreadableRecordException("the stream or shard of " + info + " is gone: it cannot be redriven");
        } catch (ExpiredIteratorException e) {
            throw new IOException("reading " + info + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            if (e.getMessage() != null && e.getMessage().contains("TrimmedDataAccess")) {
                throw new UnreadableRecordException("the stream no longer holds the batch " + info
                        + " (its retention period passed): it cannot be redriven");
            }
            throw new IOException("reading " + info + " from Kinesis: " + e.getMessage(), e);
        }
        throw new IOException("reading " + info + ": the stream did not return the batch up to its end sequence number");
    }
}
