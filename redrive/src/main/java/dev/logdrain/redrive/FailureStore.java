package dev.logdrain.redrive;

import java.time.Duration;
import java.util.List;

/** Where a function's failed batches wait: its on-failure SQS queue or S3 bucket. */
public interface FailureStore extends AutoCloseable {

    /** Names it in messages, e.g. {@code sqs https://sqs.../failures} or {@code s3://bucket/prefix}. */
    String describe();

    /**
     * The next records not yet seen in this run, at most {@code max}; empty when there are no more.
     *
     * @param hiddenFor how long a taken record stays away from other readers (SQS's visibility timeout)
     */
    List<StoredRecord> next(int max, Duration hiddenFor);

    /** Removes a record that every destination took. */
    void delete(StoredRecord record);

    /** Leaves a record that was tried and not delivered where it is, counting the attempt where the store cannot. */
    void keep(StoredRecord record);

    /** Leaves a record that was read and not tried (or only tried in a dry run) as it was, without counting an attempt. */
    void release(StoredRecord record);

    /** Gives back what was kept or released (SQS: visible again at once), and closes the client. */
    @Override
    void close();
}
