package dev.logdrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds free ports on 127.0.0.1. A port is free for TCP and UDP at the moment it is handed out and is
 * never handed out twice in one JVM, so parallel tests do not collide with each other. Another process may
 * still take it before the server binds it; {@link Rsyslog} and {@link SyslogNg} detect that and retry.
 */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port that is currently free for both TCP and UDP on 127.0.0.1. */
    public static synchronized int find() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(lo, 0));
                int port = tcp.getLocalPort();
                if (HANDED_OUT.contains(port)) {
                    continue;
                }
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, port))) {
                    HANDED_OUT.add(port);
                    return port;
                } catch (IOException udpTaken) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind any port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no free port found on 127.0.0.1");
    }

    /**
     * A port on which nothing listens (for "connection refused" tests). It is free at the moment of the call
     * and never handed out again by this class.
     */
    public static int unused() {
        return find();
    }
}
