package dev.logdrain.syslog.transport;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Framing;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import dev.logdrain.syslog.transport.internal.Framer;
import dev.logdrain.syslog.transport.internal.StreamSink;
import dev.logdrain.net.Connector;
import dev.logdrain.net.TlsSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Syslog over TCP ({@code tcp://}, {@code syslog://}, port 514) and TLS ({@code tcp+tls://}, {@code tls://},
 * {@code syslog+tls://}, port 6514), octet-counted by default (RFC 6587, RFC 5425).
 */
public final class TcpSinkProvider implements SinkProvider {

    public static final Set<String> TLS_SCHEMES = Set.of("tcp+tls", "tls", "syslog+tls");
    public static final Set<String> TCP_SCHEMES = Set.of("tcp", "syslog");

    private static final List<OptionSpec> OPTIONS;

    static {
        List<OptionSpec> options = new ArrayList<>(List.of(
                OptionSpec.of("framing", "octet-counting (default, unless the format prefers another: lf for format=convox), lf, or crlf"),
                OptionSpec.of("multiline", "with lf/crlf framing: escape (line breaks become \\n, default) or split"
                        + " (one record per line, each with the message's header)"),
                OptionSpec.of("confirm", "none (default) or close: end every batch with a half-close and wait for the"
                        + " server to close, proving it read everything (one connection per batch)")));
        options.addAll(TlsSettings.OPTIONS);
        options.addAll(Connector.OPTIONS);
        OPTIONS = Collections.unmodifiableList(options);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("tcp", "syslog", "tcp+tls", "tls", "syslog+tls");
    }

    @Override
    public int defaultPort(String scheme) {
        return TLS_SCHEMES.contains(scheme) ? 6514 : 514;
    }

    /**
     * Stock rsyslog (8.2302, no {@code maxMessageSize} set) takes 8096 bytes per frame, the octet count aside, and
     * parses what follows as a message of its own; stock syslog-ng takes 65536. At this default no stock receiver
     * splits a record of ours (RFC 5425 asks receivers for at least 8192).
     */
    public static final int DEFAULT_MAX_SIZE = 8096;

    @Override
    public int defaultMaxSize(String scheme) {
        return DEFAULT_MAX_SIZE;
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Sink create(Destination destination) {
        return create(destination, Optional.empty());
    }

    @Override
    public Sink create(Destination destination, Optional<Framing> preferredFraming) {
        boolean tls = TLS_SCHEMES.contains(destination.scheme());
        if (!tls) {
            TlsSettings.firstTlsOption(destination).ifPresent(option -> {
                throw new ConfigurationException(destination + ": option " + option + " needs a TLS scheme"
                        + " (tcp+tls://, tls:// or syslog+tls://)");
            });
        }
        String defaultFraming = preferredFraming.orElse(Framing.OCTET_COUNTING).option();
        Framing framing = Framing.fromOption(destination.choiceOption("framing", defaultFraming,
                Set.of("octet-counting", "lf", "crlf"))).orElseThrow();
        String multiline = destination.choiceOption("multiline", "escape", Set.of("escape", "split"));
        if (framing == Framing.OCTET_COUNTING && destination.option("multiline").isPresent()) {
            throw new ConfigurationException(destination + ": option multiline applies only to framing=lf or"
                    + " framing=crlf (octet counting carries line breaks as they are)");
        }
        boolean confirmClose = "close".equals(destination.choiceOption("confirm", "none", Set.of("none", "close")));
        Connector connector = Connector.forDestination(destination, tls);
        return new StreamSink(connector, new Framer(framing,
                "split".equals(multiline) ? Framer.Multiline.SPLIT : Framer.Multiline.ESCAPE), confirmClose);
    }
}
