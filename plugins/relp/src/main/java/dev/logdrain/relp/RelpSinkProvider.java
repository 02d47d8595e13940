package dev.logdrain.relp;

import dev.logdrain.relp.internal.Backoff;
import dev.logdrain.relp.internal.Connector;
import dev.logdrain.relp.internal.PlainConnector;
import dev.logdrain.relp.internal.RelpSink;
import dev.logdrain.relp.internal.TlsConnector;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.util.List;
import java.util.Set;

/**
 * {@code relp://host[:port]} and {@code relp+tls://host[:port]}: the Reliable Event Logging Protocol of
 * rsyslog ({@code imrelp}), in which the server acknowledges every message. Default port 2514.
 */
public final class RelpSinkProvider implements SinkProvider {

    public static final int DEFAULT_PORT = 2514;
    public static final int DEFAULT_WINDOW = 128;
    public static final int MAX_WINDOW = 65_535;

    private static final List<String> TLS_OPTIONS = List.of("ca", "cert", "key", "servername");

    @Override
    public Set<String> schemes() {
        return Set.of("relp", "relp+tls");
    }

    @Override
    public int defaultPort(String scheme) {
        return DEFAULT_PORT;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("window", "messages sent before their acknowledgement arrives, 1 to " + MAX_WINDOW
                        + " (default " + DEFAULT_WINDOW + ")"),
                OptionSpec.of("ca", "relp+tls: PEM file of the CAs to trust (default: the JDK's trust store)"),
                OptionSpec.of("cert", "relp+tls: PEM client certificate (chain) for mutual TLS, with key"),
                OptionSpec.of("key", "relp+tls: PEM private key (PKCS#8) of the client certificate"),
                OptionSpec.of("servername", "relp+tls: name to verify and send as SNI when it differs from the host"));
    }

    @Override
    public Sink create(Destination destination) {
        if (destination.host().isEmpty()) {
            throw new ConfigurationException(destination + ": no host given; write it as "
                    + destination.scheme() + "://host[:port]");
        }
        int port = destination.port() > 0 ? destination.port() : DEFAULT_PORT;
        int window = destination.intOption("window", DEFAULT_WINDOW, 1, MAX_WINDOW);
        boolean tls = destination.scheme().equals("relp+tls");
        Connector connector;
        if (tls) {
            connector = TlsConnector.create(destination, port);
        } else {
            for (String option : TLS_OPTIONS) {
                if (destination.option(option).isPresent()) {
                    throw new ConfigurationException(destination + ": option " + option
                            + " applies to relp+tls only; use relp+tls://" + destination.hostAndPort());
                }
            }
            connector = new PlainConnector(destination.host(), port);
        }
        return new RelpSink(redactedName(destination, port), connector, window, new Backoff(100, 5_000),
                software());
    }

    /** {@code relp://host:port}: enough to tell destinations apart, nothing secret. */
    private static String redactedName(Destination destination, int port) {
        return destination.withDefaultPort(port).scheme() + "://" + destination.withDefaultPort(port).hostAndPort();
    }

    /** The {@code relp_software} offer: name and version, comma-separated as librelp does. */
    static String software() {
        String version = RelpSinkProvider.class.getPackage().getImplementationVersion();
        return "logdrain," + (version != null ? version : "dev");
    }
}
