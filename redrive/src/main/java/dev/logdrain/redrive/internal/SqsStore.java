package dev.logdrain.redrive.internal;

import dev.logdrain.redrive.FailureStore;
import dev.logdrain.redrive.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS on-failure queue. A received message stays invisible for the run (so that it is read once); the
 * messages that were not delivered are made visible again when the run ends, so that they wait where they
 * were. SQS counts the receives ({@code ApproximateReceiveCount}).
 */
public final class SqsStore implements FailureStore {

    /** SQS's longest visibility timeout. */
    private static final Duration MAX_HIDDEN = Duration.ofHours(12);

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<String> kept = new ArrayList<>();

    public SqsStore(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public String describe() {
        return queueUrl;
    }

    @Override
    public List<StoredRecord> next(int max, Duration hiddenFor) {
        int seconds = (int) Math.min(MAX_HIDDEN.toSeconds(), Math.max(1, hiddenFor.toSeconds()));
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(Math.min(10, max))
                .visibilityTimeout(seconds).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        List<StoredRecord> records = new ArrayList<>();
        for (Message m : messages) {
            String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            records.add(new StoredRecord("message " + m.messageId(), m.body().getBytes(StandardCharsets.UTF_8),
                    count == null ? 1 : parse(count), m.receiptHandle()));
        }
        return records;
    }

    @Override
    public void delete(StoredRecord record) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(record.handle()));
    }

    @Override
    public void keep(StoredRecord record) {
        kept.add(record.handle());
    }

    @Override
    public void release(StoredRecord record) {
        kept.add(record.handle());
    }

    /** Makes the messages that were not delivered visible again (the others that were only read expire by themselves). */
    @Override
    public void close() {
        for (String handle : kept) {
            try {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(handle).visibilityTimeout(0));
            } catch (RuntimeException e) {
                // the message comes back when its visibility timeout ends
            }
        }
        kept.clear();
        sqs.close();
    }

    private static int parse(String count) {
        try {
            return Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
