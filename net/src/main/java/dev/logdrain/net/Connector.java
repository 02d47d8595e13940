package dev.logdrain.net;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;

/**
 * Opens TCP or TLS {@link Connection}s to one host and port. Every {@link #connect} resolves the host name
 * again (so a server that moved is found; the JVM caches answers for 30 s by default), tries each address
 * in turn, and bounds name lookup, TCP connect and TLS handshake by the connect timeout and the deadline.
 * Thread-safe and cheap to keep; it holds no connection.
 *
 * <p>Options read from a destination: {@code connecttimeout}, {@code writetimeout} (see {@link #OPTIONS})
 * and, for TLS, those of {@link TlsSettings}.
 */
public final class Connector {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    /** The timeout options, for a provider's {@code options()}. */
    public static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.of("connecttimeout", "longest wait for a TCP connect, and again for a TLS handshake (e.g. 5s,"
                    + " 500ms; default 10s)"),
            OptionSpec.of("writetimeout", "longest wait for the server to take more bytes, or to close with"
                    + " confirm=close (default 30s)"));

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");
    private static final ExecutorService RESOLVER = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "logdrain-dns");
        thread.setDaemon(true);
        return thread;
    });

    private final String host;
    private final int port;
    private final TlsSettings tls;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private final String endpoint;
    private final boolean awaitVerdict;

    /**
     * @param tls null for plain TCP
     */
    public Connector(String host, int port, TlsSettings tls, Duration connectTimeout, Duration writeTimeout) {
        this(host, port, tls, connectTimeout, writeTimeout, true);
    }

    private Connector(String host, int port, TlsSettings tls, Duration connectTimeout, Duration writeTimeout,
                      boolean awaitVerdict) {
        this.host = Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        this.port = port;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.writeTimeout = writeTimeout;
        this.endpoint = Destination.hostAndPort(host, port);
        this.awaitVerdict = awaitVerdict;
    }

    /**
     * This connector without the wait for the server's verdict on a client certificate after the TLS handshake
     * (see {@link Connection#clientCertificateVerdict}): for a protocol whose first exchange awaits an answer
     * anyway (RELP's {@code open}), which then is the verdict, so the wait would only cost time (up to a round
     * trip, or its whole limit with a server that sends nothing first, as GnuTLS does). The caller must pass a
     * failure of that first answer through {@link Connection#clientCertificateVerdict}.
     */
    public Connector withoutClientCertificateVerdictWait() {
        return new Connector(host, port, tls, connectTimeout, writeTimeout, false);
    }

    /**
     * The connector for a destination (whose port is filled in), reading the timeout options and, when
     * {@code useTls}, the TLS options (which loads their files).
     *
     * @throws ConfigurationException for a missing host, a bad timeout, or a TLS option that cannot work
     */
    public static Connector forDestination(Destination destination, boolean useTls) {
        if (destination.host().isEmpty()) {
            throw new ConfigurationException(destination + ": the URL has no host");
        }
        if (destination.port() < 1) {
            throw new ConfigurationException(destination + ": the URL has no port");
        }
        checkZone(destination);
        Duration connect = duration(destination, "connecttimeout", DEFAULT_CONNECT_TIMEOUT);
        Duration write = duration(destination, "writetimeout", DEFAULT_WRITE_TIMEOUT);
        TlsSettings tls = useTls ? TlsSettings.fromDestination(destination) : null;
        return new Connector(destination.host(), destination.port(), tls, connect, write);
    }

    /**
     * Refuses at start-up the zone of a scoped IPv6 address ({@code [fe80::1%25eth0]}) that names no network
     * interface of this machine: the JDK would fail every connect with "no such interface".
     *
     * @throws ConfigurationException naming the zone
     */
    public static void checkZone(Destination destination) {
        String zone = destination.zone().orElse(null);
        if (zone == null || zone.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return; // a numeric zone is a scope id, taken as it is
        }
        boolean exists;
        try {
            exists = java.net.NetworkInterface.getByName(zone) != null;
        } catch (java.net.SocketException e) {
            exists = false;
        }
        if (!exists) {
            throw new ConfigurationException(destination + ": the IPv6 zone '" + zone
                    + "' is not a network interface of this machine (see ip -6 addr)");
        }
    }

    /**
     * A duration option: a whole number of milliseconds, or a number with the unit {@code ms}, {@code s} or
     * {@code m}; from 1 ms to 1 hour.
     */
    public static Duration duration(Destination destination, String option, Duration defaultValue) {
        String value = destination.option(option).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            Duration d = switch (unit) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofMillis(n);
            };
            if (!d.isZero() && d.compareTo(Duration.ofHours(1)) <= 0) {
                return d;
            }
        }
        throw new ConfigurationException(destination + ": option " + option + "='" + destination.shownOption(option)
                + "' must be a duration from 1ms to 60m, such as 500ms, 5s or 2m");
    }

    /** {@code host:port} (IPv6 in brackets), for messages; never contains secrets. */
    public String endpoint() {
        return endpoint;
    }

    public boolean isTls() {
        return tls != null;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * Resolves the host, connects, and for TLS completes the handshake and verifies the server.
     *
     * @throws javax.net.ssl.SSLHandshakeException when TLS fails for a reason that retrying will not fix
     *                                            (certificate, name, protocol, client certificate); its
     *                                            message says which check failed, in one line
     * @throws IOException                        for anything else (refused, timed out, unknown host, reset)
     */
    public Connection connect(Deadline deadline) throws IOException {
        long start = System.nanoTime();
        Deadline connectDeadline = deadline.atMost(connectTimeout);
        InetAddress[] addresses = resolve(connectDeadline);
        IOException last = null;
        for (InetAddress address : addresses) {
            if (connectDeadline.isExpired()) {
                break;
            }
            InetSocketAddress target = new InetSocketAddress(address, port);
            SocketChannel channel = SocketChannel.open();
            Selector selector = null;
            Connection connection = null;
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                selector = Selector.open();
                SelectionKey key = channel.register(selector, 0);
                if (!channel.connect(target)) {
                    key.interestOps(SelectionKey.OP_CONNECT);
                    while (!channel.finishConnect()) {
                        long left = connectDeadline.remainingNanos();
                        if (left <= 0) {
                            throw new SocketTimeoutException("connect to " + endpoint + " (" + address.getHostAddress()
                                    + ") timed out after " + (System.nanoTime() - start) / 1_000_000 + " ms");
                        }
                        selector.select(Math.max(1, (left + 999_999) / 1_000_000));
                        selector.selectedKeys().clear();
                        if (Thread.interrupted()) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException("interrupted while connecting to " + endpoint);
                        }
                    }
                }
                long connectedNanos = System.nanoTime() - start;
                SSLEngine engine = tls == null ? null : tls.newEngine(host, port);
                connection = new Connection(channel, selector, key, engine, endpoint, writeTimeout);
                connection.fact("remote", format((InetSocketAddress) channel.getRemoteAddress()));
                connection.fact("local", format((InetSocketAddress) channel.getLocalAddress()));
                connection.fact("connect_ms", Long.toString(connectedNanos / 1_000_000));
                if (tls != null) {
                    connection.handshake(deadline.atMost(connectTimeout), tls.keyManager(), tls.hasClientCertificate(),
                            awaitVerdict);
                }
                return connection;
            } catch (javax.net.ssl.SSLHandshakeException e) {
                close(connection, channel, selector);
                throw e;
            } catch (ConnectException e) {
                close(connection, channel, selector);
                last = new ConnectException("connect to " + endpoint + " (" + address.getHostAddress()
                        + ") refused: no server is listening there");
            } catch (NoRouteToHostException e) {
                close(connection, channel, selector);
                last = new NoRouteToHostException("no route to " + endpoint + " (" + address.getHostAddress() + ")");
            } catch (IOException | RuntimeException e) {
                close(connection, channel, selector);
                if (e instanceof InterruptedIOException interrupted) {
                    throw interrupted;
                }
                last = e instanceof IOException io && io.getMessage() != null && io.getMessage().contains(endpoint)
                        ? io : new IOException("connect to " + endpoint + " (" + address.getHostAddress() + ") failed: "
                        + VerifyingTrustManager.oneLine(String.valueOf(e.getMessage())), e);
            }
        }
        if (last == null) {
            last = new SocketTimeoutException("connect to " + endpoint + " timed out after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        throw last;
    }

    @Override
    public String toString() {
        return "Connector[" + endpoint + (tls != null ? ", " + tls : ", plain TCP") + "]";
    }

    private InetAddress[] resolve(Deadline deadline) throws IOException {
        return resolve(host, deadline);
    }

    /**
     * Resolves a host name (or parses an IP literal) without caching beyond the JVM's own, giving up at the
     * deadline even when the system resolver hangs.
     */
    public static InetAddress[] resolve(String host, Deadline deadline) throws IOException {
        if (TlsSettings.isIpLiteral(host)) {
            return InetAddress.getAllByName(host); // a literal: no lookup
        }
        Future<InetAddress[]> lookup = RESOLVER.submit(() -> InetAddress.getAllByName(host));
        try {
            return lookup.get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new SocketTimeoutException("resolving the host name " + host + " timed out");
        } catch (ExecutionException e) {
            throw new UnknownHostException("cannot resolve the host name " + host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while resolving " + host);
        }
    }

    private static void close(Connection connection, SocketChannel channel, Selector selector) {
        if (connection != null) {
            connection.close();
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    static String format(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        return Destination.hostAndPort(address.getAddress().getHostAddress(), address.getPort());
    }
}
