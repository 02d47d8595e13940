package dev.logdrain.bench;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import dev.logdrain.spi.OptionSpec;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Format {@code bench-preformatted}: the {@code rfc5424} message of each event, rendered the first time the
 * event is seen and copied from then on, so that a benchmark can time everything after formatting (shaping,
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
        Formatter rfc5424 = Ours.formatter("tcp://127.0.0.1:514");
        Map<LogEvent, byte[]> rendered = new IdentityHashMap<>();
        MessageBuffer scratch = new MessageBuffer(1024);
        return (batch, event, out) -> {
            byte[] message = rendered.get(event);
            if (message == null) {
                scratch.reset();
                rfc5424.format(batch, event, scratch);
                message = Arrays.copyOf(scratch.array(), scratch.length());
                rendered.put(event, message);
            }
            out.write(message, 0, message.length);
        };
    }
}
