package dev.logdrain.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Source} read from one input (or one part of it): the batches in order, each with where it came
 * from, and how many control messages (inputs that carry no events, such as CloudWatch Logs' reachability
 * checks) it skipped. Immutable.
 *
 * @param batches         the batches, in order
 * @param controlMessages control messages the source skipped
 */
public record SourceResult(List<Located> batches, int controlMessages) {

    /**
     * One batch and where it came from.
     *
     * @param origin where in the input, for messages: {@code awslogs.data}, {@code line 3, at requestPayload}, or
     *               empty when the input is the batch
     * @param batch  the batch
     */
    public record Located(String origin, LogBatch batch) {
        public Located {
            origin = Objects.requireNonNullElse(origin, "");
            Objects.requireNonNull(batch, "batch");
        }
    }

    public SourceResult {
        batches = List.copyOf(batches);
        if (controlMessages < 0) {
            throw new IllegalArgumentException("controlMessages " + controlMessages);
        }
    }

    /** Batches without origins and no control messages (a source that has neither). */
    public static SourceResult of(List<LogBatch> batches) {
        List<Located> located = new ArrayList<>(batches.size());
        for (LogBatch batch : batches) {
            located.add(new Located("", batch));
        }
        return new SourceResult(located, 0);
    }

    /** The batches alone, in order. */
    public List<LogBatch> logBatches() {
        List<LogBatch> list = new ArrayList<>(batches.size());
        for (Located located : batches) {
            list.add(located.batch());
        }
        return list;
    }

    /** Events in every batch. */
    public long events() {
        long n = 0;
        for (Located located : batches) {
            n += located.batch().size();
        }
        return n;
    }
}
