package dev.logdrain.processing;

import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.ProcessorProvider;
import java.util.List;

/** A processor provider whose name and options are fixed when it is made. */
abstract class FixedOptionsProvider implements ProcessorProvider {

    private final String name;
    private final List<OptionSpec> options;

    FixedOptionsProvider(String name, OptionSpec... options) {
        this.name = name;
        this.options = List.of(options);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<OptionSpec> options() {
        return options;
    }
}
