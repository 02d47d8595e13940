package dev.logdrain.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * An in-JVM TCP server on 127.0.0.1 for transport fault tests: it records every byte of every connection
 * and can misbehave on purpose.
 *
 * <pre>{@code
 * try (TcpTestServer server = TcpTestServer.builder().resetAfterBytes(100).faultyConnections(1).start()) {
 *     // first connection is reset after 100 bytes, later ones behave
 *     ...
 *     assertThat(server.awaitFrames(10, Duration.ofSeconds(30))).hasSize(10);
 * }
 * }</pre>
 *
 * <p>Faults (per connection, counted from the connection's first byte):
 * {@link Builder#closeAfterBytes(long)} (orderly close, FIN), {@link Builder#resetAfterBytes(long)} (RST),
 * {@link Builder#stopReadingAfterBytes(long)} (stays open but never reads again, so the client's writes
 * eventually block). At run time: {@link #pauseReading()} / {@link #resumeReading()},
 * {@link #dropConnections(boolean)}, and {@link #close()} then {@link #restart()} on the same port.
 *
 * <p>Received data can be read as raw bytes, as RFC 6587 octet-counted frames ({@link #frames()}) or as
 * LF-terminated lines ({@link #lines()}); an incomplete frame or line at the end of a connection is not
 * returned by those two.
 */
public final class TcpTestServer implements AutoCloseable {
    private final Builder config;
    private final int port;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean paused;
    private Thread acceptor;

    private TcpTestServer(Builder config, int port) {
        this.config = config;
        this.port = port;
    }

    /** A well-behaved server that reads and records everything. */
    public static TcpTestServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Number of connections accepted so far (since the first start). */
    public int connectionCount() {
        return connections.size();
    }

    /** Bytes received on each connection, in the order the connections were accepted. */
    public List<byte[]> receivedPerConnection() {
        List<byte[]> out = new ArrayList<>();
        for (Connection c : connections) {
            out.add(c.bytes());
        }
        return out;
    }

    /** All bytes received, connections concatenated in the order they were accepted. */
    public byte[] received() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] b : receivedPerConnection()) {
            all.writeBytes(b);
        }
        return all.toByteArray();
    }

    /** Total number of bytes received. */
    public long byteCount() {
        long n = 0;
        for (Connection c : connections) {
            n += c.size();
        }
        return n;
    }

    /**
     * Complete octet-counted frames ({@code LEN SP MSG}) of every connection, as UTF-8 strings. Throws
     * IllegalStateException if a connection's bytes are not octet-counted framing.
     */
    public List<String> frames() {
        List<String> out = new ArrayList<>();
        int index = 0;
        for (byte[] b : receivedPerConnection()) {
            int i = 0;
            while (i < b.length) {
                int sp = i;
                while (sp < b.length && b[sp] >= '0' && b[sp] <= '9') {
                    sp++;
                }
                if (sp == b.length) {
                    break; // incomplete length
                }
                if (sp == i || b[sp] != ' ' || sp - i > 9) {
                    throw new IllegalStateException("connection " + index + ": not octet-counted at byte " + i
                            + ": " + new String(b, i, Math.min(40, b.length - i), StandardCharsets.UTF_8));
                }
                int len = Integer.parseInt(new String(b, i, sp - i, StandardCharsets.US_ASCII));
                if (sp + 1 + len > b.length) {
                    break; // incomplete frame
                }
                out.add(new String(b, sp + 1, len, StandardCharsets.UTF_8));
                i = sp + 1 + len;
            }
            index++;
        }
        return out;
    }

    /** Complete LF-terminated lines of every connection (without the LF; a CR before it is kept). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (byte[] b : receivedPerConnection()) {
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n') {
                    out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
        }
        return out;
    }

    /** Waits until at least {@code count} complete frames arrived; AssertionError on timeout. */
    public List<String> awaitFrames(int count, Duration timeout) {
        return await(this::frames, count, timeout, "octet-counted frames");
    }

    /** Waits until at least {@code count} complete lines arrived; AssertionError on timeout. */
    public List<String> awaitLines(int count, Duration timeout) {
        return await(this::lines, count, timeout, "lines");
    }

    /** Waits until at least {@code count} bytes arrived; AssertionError on timeout. */
    public void awaitBytes(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (byteCount() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("received " + byteCount() + " of " + count + " bytes within " + timeout);
            }
            SyslogServer.pause(10);
        }
    }

    /** Waits until at least {@code count} connections were accepted; AssertionError on timeout. */
    public void awaitConnections(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connectionCount() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("accepted " + connectionCount() + " of " + count + " connections within "
                        + timeout);
            }
            SyslogServer.pause(10);
        }
    }

    private static List<String> await(Supplier<List<String>> what, int count, Duration timeout, String name) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> now = what.get();
            if (now.size() >= count) {
                return now;
            }
            if (System.nanoTime() - deadline > 0) {
                List<String> tail = now.subList(Math.max(0, now.size() - 10), now.size());
                throw new AssertionError("received " + now.size() + " of " + count + " " + name + " within "
                        + timeout + "; last ones: " + tail);
            }
            SyslogServer.pause(10);
        }
    }

    /** Stops reading on every connection (new ones too) until {@link #resumeReading()}. */
    public void pauseReading() {
        paused = true;
    }

    public void resumeReading() {
        paused = false;
    }

    /** Closes every open connection now (orderly, or with RST if {@code reset}); keeps accepting new ones. */
    public void dropConnections(boolean reset) {
        for (Connection c : connections) {
            c.shut(reset);
        }
    }

    /** True while the server accepts connections. */
    public boolean isRunning() {
        ServerSocket s = server;
        return s != null && !s.isClosed();
    }

    /** Stops accepting and closes every connection (orderly); recorded data stays readable. */
    @Override
    public synchronized void close() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        dropConnections(false);
        if (acceptor != null) {
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Listens again on the same port (after {@link #close()}); recorded data is kept. */
    public synchronized void restart() {
        if (isRunning()) {
            return;
        }
        long deadline = System.nanoTime() + SyslogServer.START_TIMEOUT.toNanos();
        while (true) {
            try {
                listen(port);
                return;
            } catch (UncheckedIOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                SyslogServer.pause(100);
            }
        }
    }

    private void listen(int bindPort) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            if (config.receiveBufferSize > 0) {
                s.setReceiveBufferSize(config.receiveBufferSize);
            }
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), bindPort), 200);
            server = s;
            acceptor = new Thread(() -> acceptLoop(s), "tcp-test-server-accept-" + s.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + bindPort, e);
        }
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                int index = connections.size();
                boolean faulty = config.faultyConnections < 0 || index < config.faultyConnections;
                Connection c = new Connection(socket, faulty);
                connections.add(c);
                Thread t = new Thread(c::run, "tcp-test-server-conn-" + index);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private enum Fault { NONE, CLOSE, RESET, STOP_READING }

    private final class Connection {
        private final Socket socket;
        private final boolean faulty;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Connection(Socket socket, boolean faulty) {
            this.socket = socket;
            this.faulty = faulty;
        }

        synchronized byte[] bytes() {
            return data.toByteArray();
        }

        synchronized long size() {
            return data.size();
        }

        void shut(boolean reset) {
            try {
                if (reset) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        void run() {
            Fault fault = faulty ? config.fault : Fault.NONE;
            long limit = fault == Fault.NONE ? Long.MAX_VALUE : config.faultAfter;
            byte[] buf = new byte[8192];
            try (socket) {
                InputStream in = socket.getInputStream();
                long seen = 0;
                while (seen < limit) {
                    while (paused && !socket.isClosed()) {
                        SyslogServer.pause(5);
                    }
                    int n = in.read(buf, 0, (int) Math.min(buf.length, limit - seen));
                    if (n < 0) {
                        return;
                    }
                    synchronized (this) {
                        data.write(buf, 0, n);
                    }
                    seen += n;
                }
                switch (fault) {
                    case CLOSE -> shut(false);
                    case RESET -> shut(true);
                    case STOP_READING -> {
                        while (!socket.isClosed() && isRunning()) {
                            SyslogServer.pause(20);
                        }
                    }
                    default -> { }
                }
            } catch (SocketException closed) {
                // dropped by the test or reset by the client
            } catch (IOException e) {
                // the client went away
            }
        }
    }

    /** Configures a {@link TcpTestServer}. */
    public static final class Builder {
        private Fault fault = Fault.NONE;
        private long faultAfter;
        private int faultyConnections = -1;
        private int receiveBufferSize;
        private int port;

        private Builder() {
        }

        /** Close each connection (FIN) once it has received {@code n} bytes (0: right after accepting). */
        public Builder closeAfterBytes(long n) {
            fault = Fault.CLOSE;
            faultAfter = n;
            return this;
        }

        /** Reset each connection (RST) once it has received {@code n} bytes (0: right after accepting). */
        public Builder resetAfterBytes(long n) {
            fault = Fault.RESET;
            faultAfter = n;
            return this;
        }

        /** Stop reading each connection after {@code n} bytes (0: never read); it stays open. */
        public Builder stopReadingAfterBytes(long n) {
            fault = Fault.STOP_READING;
            faultAfter = n;
            return this;
        }

        /** Apply the fault to the first {@code k} connections only; later ones behave (default: all). */
        public Builder faultyConnections(int k) {
            faultyConnections = k;
            return this;
        }

        /** Socket receive buffer size (small values make a non-reading server block clients sooner). */
        public Builder receiveBufferSize(int bytes) {
            receiveBufferSize = bytes;
            return this;
        }

        /** Listen on this port instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public TcpTestServer start() {
            int p = port > 0 ? port : FreePorts.find();
            TcpTestServer s = new TcpTestServer(this, p);
            s.listen(p);
            return s;
        }
    }
}
