package dev.logdrain.syslog.transport;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import dev.logdrain.syslog.transport.internal.UdpSink;
import dev.logdrain.net.Connector;
import java.util.Set;

/** Syslog over UDP ({@code udp://}, port 514): one datagram per message, at most 2048 bytes by default. */
public final class UdpSinkProvider implements SinkProvider {

    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65507;

    @Override
    public Set<String> schemes() {
        return Set.of("udp");
    }

    @Override
    public int defaultPort(String scheme) {
        return 514;
    }

    @Override
    public int defaultMaxSize(String scheme) {
        return 2048;
    }

    @Override
    public Sink create(Destination destination) {
        if (destination.host().isEmpty()) {
            throw new ConfigurationException(destination + ": the URL has no host");
        }
        if (destination.port() < 1) {
            throw new ConfigurationException(destination + ": the URL has no port");
        }
        Connector.checkZone(destination);
        destination.intOption("maxsize", 2048, 64, MAX_DATAGRAM); // a datagram cannot carry more
        return new UdpSink(destination.host(), destination.port());
    }
}
