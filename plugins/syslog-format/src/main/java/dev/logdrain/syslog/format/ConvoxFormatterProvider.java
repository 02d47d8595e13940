package dev.logdrain.syslog.format;

import dev.logdrain.spi.Framing;
import dev.logdrain.spi.SeverityDetector;
import dev.logdrain.syslog.format.internal.ConvoxFormatter;
import dev.logdrain.syslog.format.internal.FormatOptions;
import dev.logdrain.syslog.format.internal.Priority;
import java.util.Optional;

/**
 * {@code format=convox}: the line convox/syslog wrote, {@code <22>1 TIMESTAMP GROUP APP PROCID - - MSG}, with
 * APP and PROCID from a leading {@code process:RELEASE/container } prefix of the message. Transports frame
 * it with a line feed by default. Options: {@code facility} (default mail), {@code severity}.
 */
public final class ConvoxFormatterProvider extends SyslogFormatterProvider {

    public static final String NAME = "convox";

    public ConvoxFormatterProvider() {
        super(NAME, FormatOptions.convoxOptions(), Priority.MAIL, SeverityDetector.INFO, ConvoxFormatter::new);
    }

    /** convox/syslog's receivers read one line a message. */
    @Override
    public Optional<Framing> preferredFraming() {
        return Optional.of(Framing.LF);
    }
}
