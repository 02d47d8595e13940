package dev.logdrain.processing;

import dev.logdrain.processing.internal.FilterProcessor;
import dev.logdrain.processing.internal.Patterns;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Processor;

/** {@code include}, {@code exclude} and their {@code .group} and {@code .stream} forms. */
public final class FilterProcessorProvider extends FixedOptionsProvider {

    private static final String RE2 = " (RE2 syntax, matches anywhere unless anchored)";

    public FilterProcessorProvider() {
        super("filter",
                OptionSpec.of("include", "keep only events whose message matches this regular expression" + RE2),
                OptionSpec.of("exclude", "drop events whose message matches this regular expression" + RE2),
                OptionSpec.of("include.group", "keep only events of log groups matching this regular expression"),
                OptionSpec.of("exclude.group", "drop events of log groups matching this regular expression"),
                OptionSpec.of("include.stream", "keep only events of log streams matching this regular expression"),
                OptionSpec.of("exclude.stream", "drop events of log streams matching this regular expression"));
    }

    @Override
    public Processor create(Destination d) {
        return new FilterProcessor(Patterns.optional(d, "include"), Patterns.optional(d, "exclude"),
                Patterns.optional(d, "include.group"), Patterns.optional(d, "exclude.group"),
                Patterns.optional(d, "include.stream"), Patterns.optional(d, "exclude.stream"));
    }
}
