package dev.logdrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

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
     * Waits until something accepts TCP connections on {@code host:port} (a server that another process starts),
     * trying every 50 ms; false when the time is up, or when {@code stillStarting} turns false, first.
     */
    public static boolean awaitListening(String host, int port, Duration patience, BooleanSupplier stillStarting)
            throws InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        while (stillStarting.getAsBoolean()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException notYet) {
                if (System.nanoTime() - end >= 0) {
                    return false;
                }
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** Waits until something accepts TCP connections on the port of 127.0.0.1; an AssertionError naming it if not. */
    public static void awaitListening(int port, Duration patience, String what) throws InterruptedException {
        if (!awaitListening("127.0.0.1", port, patience, () -> true)) {
            throw new AssertionError(what + " does not listen on port " + port + " after " + patience.toSeconds() + " s");
        }
    }

    /**
     * A port on which nothing listens (for "connection refused" tests). It is free at the moment of the call
     * and never handed out again by this class.
     */
    public static int unused() {
        return find();
    }
}
