package dev.logdrain.redrive;

import dev.logdrain.redrive.internal.KinesisBatchInfo;
import dev.logdrain.redrive.internal.KinesisBatches;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Turns a stored record into batches. A Lambda on-failure record of an asynchronous invocation holds the
 * original event ({@code requestPayload}): its bytes go to the {@code cloudwatch} source, which owns that
 * envelope. A Kinesis event source mapping's record holds only where the batch was
 * ({@code KinesisBatchInfo}: stream, shard, sequence numbers): the batch is read back from the stream.
 */
public final class RecordReader {

    /** A record that no retry can deliver: not readable, or data the stream no longer holds. */
    public static final class UnreadableRecordException extends RuntimeException {
        private final boolean permanent;

        public UnreadableRecordException(String message) {
            this(message, true);
        }

        /** @param permanent false for a failure that a later run may not meet (Kinesis not answering) */
        public UnreadableRecordException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean isPermanent() {
            return permanent;
        }
    }

    private final Source source;
    private final KinesisBatches kinesis;

    /**
     * @param source  the registry's {@code cloudwatch} source
     * @param kinesis reads Kinesis batches back, or null when there is no Kinesis access
     */
    public RecordReader(Source source, KinesisBatches kinesis) {
        this.source = source;
        this.kinesis = kinesis;
    }

    public List<LogBatch> read(StoredRecord record, Deadline deadline) {
        if (record.body().length == 0) {
            throw new UnreadableRecordException("empty, or larger than a Lambda on-failure record can be");
        }
        try {
            KinesisBatchInfo pointer = KinesisBatchInfo.find(record.body());
            if (pointer != null) {
                if (kinesis == null) {
                    throw new UnreadableRecordException("a Kinesis batch (" + pointer + "), and no Kinesis client");
                }
                return kinesis.read(pointer, source, deadline);
            }
            return source.read(new ByteArrayInputStream(record.body())).logBatches();
        } catch (InvalidInputException e) {
            throw new UnreadableRecordException(e.getMessage());
        } catch (IOException e) {
            throw new UnreadableRecordException(e.getMessage(), false);
        }
    }
}
