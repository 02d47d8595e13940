package dev.logdrain.syslog.format;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.syslog.format.internal.FormatOptions;
import java.util.List;
import java.util.function.Function;

/** What the syslog formats' providers share: a name, the options the format declares, its default priority. */
abstract class SyslogFormatterProvider implements FormatterProvider {

    private final String name;
    private final List<OptionSpec> options;
    private final int defaultFacility;
    private final int defaultSeverity;
    private final Function<FormatOptions, Formatter> formatter;

    SyslogFormatterProvider(String name, List<OptionSpec> options, int defaultFacility, int defaultSeverity,
                            Function<FormatOptions, Formatter> formatter) {
        this.name = name;
        this.options = options;
        this.defaultFacility = defaultFacility;
        this.defaultSeverity = defaultSeverity;
        this.formatter = formatter;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<OptionSpec> options() {
        return options;
    }

    @Override
    public final Formatter create(Destination destination) {
        return formatter.apply(FormatOptions.read(destination, options, defaultFacility, defaultSeverity));
    }
}
