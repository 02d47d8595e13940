package dev.logdrain.spi;

/**
 * Keeps, drops or rewrites the events of a batch before they are formatted, for one destination. Created by
 * a {@link ProcessorProvider} from a destination's options; used by one thread at a time, for every batch.
 * Must decide the same way for the same event every time (a retried batch is processed again), and must
 * not block or do I/O.
 */
public interface Processor {

    /** What a processor does with the events it does not pass on unchanged; chooses the count they go to. */
    enum Kind {
        /** Drops events ({@code include}, {@code exclude}, {@code minseverity}): counted as dropped. */
        FILTER,
        /** Drops events to thin them out ({@code sample}): counted as sampled out. */
        SAMPLE,
        /** Returns changed copies ({@code redact}): counted as redacted. */
        REWRITE
    }

    Kind kind();

    /**
     * @param batch the batch the event belongs to (its origin: group, stream, owner)
     * @return the event, a changed copy (same id and timestamp), or null to drop it
     */
    LogEvent process(LogBatch batch, LogEvent event);
}
