package dev.logdrain.internal;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.Processor;
import java.util.ArrayList;
import java.util.List;

/** A destination's processors in the order its URL names them; empty costs nothing. */
public final class ProcessorChain {

    /** What the chain did to one batch; reset by every {@link #apply}. */
    public static final class Counts {
        int dropped;
        int sampled;
        int redacted;

        public int dropped() {
            return dropped;
        }

        public int sampled() {
            return sampled;
        }

        public int redacted() {
            return redacted;
        }
    }

    private final Processor[] processors;

    public ProcessorChain(List<Processor> processors) {
        this.processors = processors.toArray(Processor[]::new);
    }

    public boolean isEmpty() {
        return processors.length == 0;
    }

    /**
     * The batch with every event passed through each processor in turn: the same batch when nothing
     * changed, else one with the kept events in order. A processor that throws fails the batch (the caller
     * reports it like a formatting failure).
     */
    public LogBatch apply(LogBatch batch, Counts counts) {
        counts.dropped = 0;
        counts.sampled = 0;
        counts.redacted = 0;
        if (processors.length == 0) {
            return batch;
        }
        List<LogEvent> events = batch.events();
        List<LogEvent> kept = null; // created at the first event dropped or changed
        for (int i = 0; i < events.size(); i++) {
            LogEvent original = events.get(i);
            LogEvent event = original;
            boolean changed = false;
            for (Processor processor : processors) {
                LogEvent next = processor.process(batch, event);
                if (next == null) {
                    if (processor.kind() == Processor.Kind.SAMPLE) {
                        counts.sampled++;
                    } else {
                        counts.dropped++;
                    }
                    event = null;
                    break;
                }
                if (next != event) {
                    changed = true;
                    event = next;
                }
            }
            if (event != null && changed) {
                counts.redacted++;
            }
            if (kept == null && event != original) {
                kept = new ArrayList<>(events.size());
                kept.addAll(events.subList(0, i));
            }
            if (kept != null && event != null) {
                kept.add(event);
            }
        }
        return kept == null ? batch : batch.withEvents(kept);
    }
}
