package dev.logdrain.relp;

import dev.logdrain.relp.internal.RelpSink;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import dev.logdrain.net.Backoff;
import dev.logdrain.net.Connector;
import dev.logdrain.net.TlsSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * {@code relp://host[:port]} and {@code relp+tls://host[:port]}: the Reliable Event Logging Protocol of
 * rsyslog ({@code imrelp}), in which the server acknowledges every message. Default port 2514. Options:
 * {@code window}, the TLS options of {@code tcp+tls} ({@code ca}, {@code cert}, {@code key},
 * {@code servername}) and its timeouts ({@code connecttimeout}, {@code writetimeout}), with the same
 * meaning and checks, from the shared package {@code dev.logdrain.net}.
 */
public final class RelpSinkProvider implements SinkProvider {

    public static final int DEFAULT_PORT = 2514;
    /**
     * A whole CloudWatch Logs batch (at most 10,000 events) in one window: with librelp each window costs a round
     * trip and more (it answers without TCP_NODELAY, so Nagle holds answers behind a delayed ACK). imrelp takes
     * any number of unanswered messages (librelp bounds only its own sending window); TCP flow control and
     * rsyslog's queue bound what it holds. Costs logdrain ~100 bytes per message in flight.
     */
    public static final int DEFAULT_WINDOW = 10_000;
    public static final int MAX_WINDOW = 65_535;

    private static final List<OptionSpec> OPTIONS;

    static {
        List<OptionSpec> options = new ArrayList<>();
        options.add(OptionSpec.of("window", "messages sent before their acknowledgement arrives, 1 to " + MAX_WINDOW
                + " (default " + DEFAULT_WINDOW + ")"));
        options.addAll(TlsSettings.OPTIONS);
        options.addAll(Connector.OPTIONS);
        OPTIONS = Collections.unmodifiableList(options);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("relp", "relp+tls");
    }

    @Override
    public int defaultPort(String scheme) {
        return DEFAULT_PORT;
    }

    /** imrelp truncates a message longer than rsyslog's {@code maxMessageSize}: stock, 8096 bytes. */
    @Override
    public int defaultMaxSize(String scheme) {
        return 8096;
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Sink create(Destination given) {
        Destination destination = given.withDefaultPort(DEFAULT_PORT);
        if (destination.host().isEmpty()) {
            throw new ConfigurationException(destination + ": no host given; write it as "
                    + destination.scheme() + "://host[:port]");
        }
        int window = destination.intOption("window", DEFAULT_WINDOW, 1, MAX_WINDOW);
        boolean tls = destination.scheme().equals("relp+tls");
        if (!tls) {
            TlsSettings.firstTlsOption(destination).ifPresent(option -> {
                throw new ConfigurationException(destination + ": option " + option + " applies to relp+tls only;"
                        + " write relp+tls://" + destination.hostAndPort());
            });
        }
        Connector connector;
        try {
            connector = Connector.forDestination(destination, tls);
        } catch (ConfigurationException e) {
            // say which destination, as every other configuration error does
            String message = String.valueOf(e.getMessage());
            throw message.contains(destination.toString()) ? e
                    : new ConfigurationException(destination + ": " + message, e);
        }
        return new RelpSink(destination.endpoint(), connector, window,
                Backoff.standard(), software());
    }

    /** The {@code relp_software} offer: name and version, comma-separated as librelp does. */
    static String software() {
        String version = RelpSinkProvider.class.getPackage().getImplementationVersion();
        return "logdrain," + (version != null ? version : "dev");
    }
}
