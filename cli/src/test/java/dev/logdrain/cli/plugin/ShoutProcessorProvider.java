package dev.logdrain.cli.plugin;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Processor;
import dev.logdrain.spi.ProcessorProvider;
import java.util.List;
import java.util.Locale;

/**
 * A third-party processor for LauncherIT: {@code shout=TEXT} upper-cases messages containing TEXT. Not in this
 * module's META-INF/services: it reaches the CLI only inside a plugin jar given with --plugins.
 */
public final class ShoutProcessorProvider implements ProcessorProvider {

    @Override
    public String name() {
        return "test-shout";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of("shout", "upper-case messages containing this text"));
    }

    @Override
    public Processor create(Destination destination) {
        String text = destination.option("shout").orElseThrow();
        return new Processor() {
            @Override
            public Kind kind() {
                return Kind.REWRITE;
            }

            @Override
            public LogEvent process(LogBatch batch, LogEvent event) {
                return event.message().contains(text)
                        ? new LogEvent(event.id(), event.timestamp(), event.message().toUpperCase(Locale.ROOT)) : event;
            }
        };
    }
}
