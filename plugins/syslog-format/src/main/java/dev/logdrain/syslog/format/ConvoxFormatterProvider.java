package dev.logdrain.syslog.format;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.Framing;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.SeverityDetector;
import dev.logdrain.syslog.format.internal.ConvoxFormatter;
import dev.logdrain.syslog.format.internal.FormatOptions;
import dev.logdrain.syslog.format.internal.Priority;
import java.util.List;
import java.util.Optional;

/**
 * {@code format=convox}: the line convox/syslog wrote, {@code <22>1 TIMESTAMP GROUP APP PROCID - - MSG}, with
 * APP and PROCID from a leading {@code process:RELEASE/container } prefix of the message. Transports frame
 * it with a line feed by default. Options: {@code facility} (default mail), {@code severity}.
 */
public final class ConvoxFormatterProvider implements FormatterProvider {

    public static final String NAME = "convox";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return FormatOptions.convoxOptions();
    }

    @Override
    public Formatter create(Destination destination) {
        return new ConvoxFormatter(FormatOptions.read(destination, options(), Priority.MAIL, SeverityDetector.INFO));
    }

    /** convox/syslog's receivers read one line a message. */
    @Override
    public Optional<Framing> preferredFraming() {
        return Optional.of(Framing.LF);
    }
}
