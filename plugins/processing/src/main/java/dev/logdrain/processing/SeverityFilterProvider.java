package dev.logdrain.processing;

import dev.logdrain.processing.internal.Patterns;
import dev.logdrain.processing.internal.SeverityFilter;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Processor;
import dev.logdrain.spi.SeverityDetector;

/** {@code minseverity=warning}. */
public final class SeverityFilterProvider extends FixedOptionsProvider {

    static final String LEVELS = "emerg, alert, crit, err (error), warning (warn), notice, info, debug, or 0-7";

    public SeverityFilterProvider() {
        super("minseverity",
                OptionSpec.of("minseverity", "keep only events of this severity or worse, as severity=auto"
                        + " detects it (info when a message states none): " + LEVELS));
    }

    @Override
    public Processor create(Destination destination) {
        return new SeverityFilter(level(destination, "minseverity"));
    }

    static int level(Destination destination, String option) {
        String value = destination.option(option).orElseThrow();
        int level = SeverityDetector.parseName(value);
        if (level < 0) {
            throw Patterns.invalid(destination, option, value, LEVELS);
        }
        return level;
    }
}
