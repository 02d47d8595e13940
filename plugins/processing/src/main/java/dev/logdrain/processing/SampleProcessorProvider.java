package dev.logdrain.processing;

import dev.logdrain.processing.internal.Patterns;
import dev.logdrain.processing.internal.Sampler;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Processor;

/** {@code sample=N} and {@code sample.keep=LEVEL}. */
public final class SampleProcessorProvider extends FixedOptionsProvider {

    public SampleProcessorProvider() {
        super("sample",
                OptionSpec.of("sample", "keep 1 event in N (1-1000000), chosen by the event id: a retried batch"
                        + " keeps the same events"),
                OptionSpec.of("sample.keep", "never sample out events of this severity or worse, e.g. warning"));
    }

    @Override
    public Processor create(Destination destination) {
        if (destination.option("sample").isEmpty()) {
            throw new ConfigurationException(Patterns.where(destination) + ": option sample.keep needs sample=N");
        }
        int oneIn = destination.intOption("sample", 1, 1, 1_000_000);
        int keep = destination.option("sample.keep").isPresent()
                ? SeverityFilterProvider.level(destination, "sample.keep") : -1;
        return new Sampler(oneIn, keep);
    }
}
