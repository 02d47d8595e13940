package dev.logdrain.spi;

import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Creates a {@link Formatter} for the format name given by a destination's {@code format} option.
 * Registered with {@code META-INF/services/dev.logdrain.spi.FormatterProvider} (built-ins and plugin
 * jars) or pf4j's {@code @Extension} (plugin jars).
 */
public interface FormatterProvider extends ExtensionPoint {

    /** The format name, e.g. {@code rfc5424}; unique across all plugins. */
    String name();

    /**
     * Options this format reads from the destination URL (beyond the common {@code format}, {@code maxsize}).
     * Default: none (the format reads no option of its own).
     */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Validates the destination's options for this format and creates the formatter.
     *
     * @throws ConfigurationException for a bad option value, with a one-line message
     */
    Formatter create(Destination destination);

    /**
     * The framing this format's messages are meant for when a stream destination names none (its
     * {@code framing} option), e.g. {@link Framing#LF} for a format read line by line. Default: none, so the
     * sink's own default applies.
     */
    default Optional<Framing> preferredFraming() {
        return Optional.empty();
    }
}
