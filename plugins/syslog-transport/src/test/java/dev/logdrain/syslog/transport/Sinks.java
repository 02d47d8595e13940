package dev.logdrain.syslog.transport;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;

/** Creates sinks from URLs the way the core does: parse, fill the default port, create. */
public final class Sinks {

    private Sinks() {
    }

    public static Sink create(String url) {
        Destination destination = Destination.parse(url);
        SinkProvider provider = destination.scheme().equals("udp") ? new UdpSinkProvider() : new TcpSinkProvider();
        return provider.create(destination.withDefaultPort(provider.defaultPort(destination.scheme())));
    }
}
