package dev.logdrain.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Creates the {@link Sink} for a destination URL, chosen by the URL's scheme (exact match). Registered
 * with {@code META-INF/services/dev.logdrain.spi.SinkProvider} (built-ins and plugin jars) or pf4j's
 * {@code @Extension} (plugin jars).
 */
public interface SinkProvider extends ExtensionPoint {

    /** The URL schemes this provider serves, lower case, e.g. {@code tcp}, {@code syslog}. */
    Set<String> schemes();

    /** The port used when a URL gives none, or -1 when the scheme has no port. */
    int defaultPort(String scheme);

    /**
     * Default {@code maxsize}: the largest record in bytes this sink sends (line breaks escaped, the framing's
     * prefix aside); a longer message is split or truncated ({@code oversize}). Choose what the receivers this
     * sink talks to take as installed.
     */
    default int defaultMaxSize(String scheme) {
        return 65536;
    }

    /**
     * Options this sink reads from the destination URL (beyond the common {@code format}, {@code maxsize}).
     * Default: none (the sink reads no option of its own).
     */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Validates the destination's options and creates the sink, without network I/O.
     *
     * @param destination the parsed URL, with the default port filled in
     * @throws ConfigurationException for a bad option value or missing host, with a one-line message
     */
    Sink create(Destination destination);

    /**
     * {@link #create(Destination)} for a destination whose format prefers {@code preferredFraming}
     * ({@link FormatterProvider#preferredFraming()}); the forwarder calls this one. A sink whose framing is an
     * option uses the preference when the URL names no framing; the default ignores it.
     */
    default Sink create(Destination destination, Optional<Framing> preferredFraming) {
        return create(destination);
    }
}
