package dev.logdrain.spi;

import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Creates a {@link Source} by name (e.g. {@code cloudwatch}). Registered with
 * {@code META-INF/services/dev.logdrain.spi.SourceProvider} or pf4j's {@code @Extension}.
 */
public interface SourceProvider extends ExtensionPoint {

    String name();

    /** Settings this source accepts. Default: none. */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * @param settings values for {@link #options()}; unknown keys are rejected by the caller
     * @throws ConfigurationException for a bad value
     */
    Source create(Map<String, String> settings);
}
