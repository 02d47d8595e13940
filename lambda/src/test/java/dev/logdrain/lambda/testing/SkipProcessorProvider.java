package dev.logdrain.lambda.testing;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Processor;
import dev.logdrain.spi.ProcessorProvider;
import java.util.List;

/**
 * A third-party processor for the plugin-directory tests: {@code skip=TEXT} drops messages containing TEXT.
 * Deliberately not in this module's META-INF/services: it reaches a host only inside a plugin jar.
 */
public final class SkipProcessorProvider implements ProcessorProvider {

    @Override
    public String name() {
        return "test-skip";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of("skip", "drop messages containing this text"));
    }

    @Override
    public Processor create(Destination destination) {
        String text = destination.option("skip").orElseThrow();
        return new Processor() {
            @Override
            public Kind kind() {
                return Kind.FILTER;
            }

            @Override
            public LogEvent process(LogBatch batch, LogEvent event) {
                return event.message().contains(text) ? null : event;
            }
        };
    }
}
