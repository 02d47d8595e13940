package dev.logdrain.processing.internal;

import com.google.re2j.Pattern;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;

/**
 * Keeps an event when every include pattern given finds a match and no exclude pattern does: on the
 * message ({@code include}, {@code exclude}) and on the batch's log group and stream. A pattern matches
 * anywhere unless anchored with {@code ^} and {@code $}.
 */
public final class FilterProcessor extends FixedKindProcessor {

    private final Rule message;
    private final Rule group;
    private final Rule stream;
    /** The origin decision of the last batch seen: every event of a batch shares it. */
    private LogBatch lastBatch;
    private boolean lastBatchKept;

    public FilterProcessor(Pattern include, Pattern exclude, Pattern includeGroup, Pattern excludeGroup,
                           Pattern includeStream, Pattern excludeStream) {
        super(Kind.FILTER);
        this.message = new Rule(include, exclude);
        this.group = new Rule(includeGroup, excludeGroup);
        this.stream = new Rule(includeStream, excludeStream);
    }

    @Override
    public LogEvent process(LogBatch batch, LogEvent event) {
        if (batch != lastBatch) {
            lastBatchKept = group.keeps(batch.logGroup()) && stream.keeps(batch.logStream());
            lastBatch = batch;
        }
        return lastBatchKept && message.keeps(event.message()) ? event : null;
    }

    /** The include and exclude pattern of one text (message, group or stream); a null one does not apply. */
    private record Rule(Pattern include, Pattern exclude) {
        boolean keeps(String text) {
            return (include == null || include.matcher(text).find())
                    && (exclude == null || !exclude.matcher(text).find());
        }
    }
}
