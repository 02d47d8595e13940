package dev.logdrain.syslog.format;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.syslog.format.internal.FormatOptions;
import dev.logdrain.syslog.format.internal.Priority;
import dev.logdrain.syslog.format.internal.Rfc3164Formatter;
import java.util.List;

/**
 * {@code format=rfc3164}, BSD syslog: {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PROCID]: MSG} in UTC, with the
 * header cleaned for legacy parsers. Options: {@code facility}, {@code severity}, {@code hostname},
 * {@code appname} (the TAG), {@code procid}.
 */
public final class Rfc3164FormatterProvider implements FormatterProvider {

    public static final String NAME = "rfc3164";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return FormatOptions.rfc3164Options();
    }

    @Override
    public Formatter create(Destination destination) {
        return new Rfc3164Formatter(FormatOptions.read(destination, options(), Priority.USER, Priority.AUTO));
    }
}
