package dev.logdrain.syslog.format;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.syslog.format.internal.FormatOptions;
import dev.logdrain.syslog.format.internal.Priority;
import dev.logdrain.syslog.format.internal.Rfc5424Formatter;
import java.util.List;

/**
 * {@code format=rfc5424} (the default): {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG}
 * with millisecond UTC timestamps. Options: {@code facility}, {@code severity}, {@code hostname},
 * {@code appname}, {@code procid}, {@code msgid}, {@code sd}, {@code sd.static}, {@code bom}.
 */
public final class Rfc5424FormatterProvider implements FormatterProvider {

    public static final String NAME = "rfc5424";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return FormatOptions.rfc5424Options();
    }

    @Override
    public Formatter create(Destination destination) {
        return new Rfc5424Formatter(FormatOptions.read(destination, options(), Priority.USER, Priority.AUTO));
    }
}
