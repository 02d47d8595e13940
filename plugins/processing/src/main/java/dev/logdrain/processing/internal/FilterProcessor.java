package dev.logdrain.processing.internal;

import com.google.re2j.Pattern;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.Processor;

/**
 * Keeps an event when every include pattern given finds a match and no exclude pattern does: on the
 * message ({@code include}, {@code exclude}) and on the batch's log group and stream. A pattern matches
 * anywhere unless anchored with {@code ^} and {@code $}.
 */
public final class FilterProcessor implements Processor {

    private final Pattern include;
    private final Pattern exclude;
    private final Pattern includeGroup;
    private final Pattern excludeGroup;
    private final Pattern includeStream;
    private final Pattern excludeStream;
    /** The origin decision of the last batch seen: every event of a batch shares it. */
    private LogBatch lastBatch;
    private boolean lastBatchKept;

    public FilterProcessor(Pattern include, Pattern exclude, Pattern includeGroup, Pattern excludeGroup,
                           Pattern includeStream, Pattern excludeStream) {
        this.include = include;
        this.exclude = exclude;
        this.includeGroup = includeGroup;
        this.excludeGroup = excludeGroup;
        this.includeStream = includeStream;
        this.excludeStream = excludeStream;
    }

    @Override
    public Kind kind() {
        return Kind.FILTER;
    }

    @Override
    public LogEvent process(LogBatch batch, LogEvent event) {
        if (batch != lastBatch) {
            lastBatchKept = keeps(includeGroup, excludeGroup, batch.logGroup())
                    && keeps(includeStream, excludeStream, batch.logStream());
            lastBatch = batch;
        }
        return lastBatchKept && keeps(include, exclude, event.message()) ? event : null;
    }

    private static boolean keeps(Pattern include, Pattern exclude, String text) {
        return (include == null || include.matcher(text).find()) && (exclude == null || !exclude.matcher(text).find());
    }
}
