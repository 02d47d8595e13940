package dev.logdrain.spi;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Creates a {@link Processor} when a destination uses one of its options: {@code exclude=REGEX} on a URL
 * puts the provider that declares {@code exclude} into that destination's chain, at the place of its first
 * option in the URL. Registered with {@code META-INF/services/dev.logdrain.spi.ProcessorProvider}
 * (built-ins and plugin jars) or pf4j's {@code @Extension} (plugin jars). Option names are unique across
 * all processors, formats and common options.
 */
public interface ProcessorProvider extends ExtensionPoint {

    /** The processor's name for listings, e.g. {@code redact}; unique across all plugins. */
    String name();

    /** The options that select and configure it, e.g. {@code redact}, {@code redact.pattern}. */
    List<OptionSpec> options();

    /**
     * Validates this processor's options of the destination (only those it declares) and creates it.
     *
     * @throws ConfigurationException for a bad option value, with a one-line message
     */
    Processor create(Destination destination);
}
