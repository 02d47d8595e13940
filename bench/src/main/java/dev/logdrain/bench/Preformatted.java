package dev.logdrain.bench;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import dev.logdrain.spi.OptionSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Format {@code bench-preformatted}: the {@code rfc5424} message of each event, rendered once per batch and
 * copied from then on, so that a benchmark can time everything after formatting (shaping,
 * framing, the journal, the writes) through the forwarder. Benchmarks only.
 */
public final class Preformatted implements FormatterProvider {

    public static final String NAME = "bench-preformatted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public Formatter create(Destination destination) {
        return new Copier();
    }

    /**
     * Renders a batch once into one array (the way the limit holds its bytes) and copies each message from it
     * when the events come in the batch's order, as the forwarder gives them; renders again for another batch.
     */
    private static final class Copier implements Formatter {
        private final Formatter rfc5424 = Ours.formatter("tcp://127.0.0.1:514");
        private List<LogEvent> events = List.of();
        private byte[] messages;
        private int[] ends;
        private int next;

        @Override
        public void format(LogBatch batch, LogEvent event, MessageBuffer out) {
            if (next >= events.size() || events.get(next) != event) {
                next = render(batch, event);
            }
            int from = next == 0 ? 0 : ends[next - 1];
            out.write(messages, from, ends[next] - from);
            next = next + 1 == events.size() ? 0 : next + 1;
        }

        /** Renders every message of the batch; returns the index of {@code event}. */
        private int render(LogBatch batch, LogEvent event) {
            events = batch.events();
            MessageBuffer all = new MessageBuffer(events.size() * 256);
            ends = new int[events.size()];
            int index = -1;
            for (int i = 0; i < events.size(); i++) {
                LogEvent e = events.get(i);
                rfc5424.format(batch, e, all);
                ends[i] = all.length();
                if (e == event) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IllegalStateException("the event is not in its batch");
            }
            messages = Arrays.copyOf(all.array(), all.length());
            return index;
        }
    }
}
