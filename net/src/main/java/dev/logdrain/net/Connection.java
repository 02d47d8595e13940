package dev.logdrain.net;

import dev.logdrain.spi.Deadline;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * One open TCP or TLS connection, made by a {@link Connector}. The socket is non-blocking and every
 * wait goes through a selector with a time limit, so that no call can outlast the deadline it is given:
 * not a peer that stops reading (a full TCP window), not a handshake that never completes. TLS runs on
 * an {@link SSLEngine}; a large write becomes records of up to 16 KiB gathered into few socket writes. Plain
 * TCP writes a direct buffer to the socket as it is, and copies any other through its own direct buffer.
 *
 * <p>Used by one thread at a time; {@link #close()} may be called from another thread to abort.
 */
public final class Connection implements Closeable {

    /** What a non-blocking look at the connection found. */
    public enum Status {
        /** Nothing says the connection is broken. */
        OPEN,
        /** The peer closed it in order (FIN or TLS close_notify): what it had received, it had read. */
        CLOSED,
        /** The peer reset it, or a TLS alert or other error arrived: bytes sent earlier may be lost. */
        RESET
    }

    static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int PLAIN_BUFFER = 256 * 1024;
    private static final int MAX_UNREAD = 1 << 20;

    private final Selector selector;
    private final SelectionKey key;
    private final SSLEngine engine;
    /** The TLS side (handshake, verdict, unwrapping), or null for plain TCP. */
    private final TlsSession tls;
    final String endpoint;
    private final long writeTimeoutNanos;
    private final Map<String, String> facts = new LinkedHashMap<>();
    ByteBuffer netOut; // bytes for the socket, fill mode
    ByteBuffer netIn;  // TLS bytes from the socket not yet unwrapped, fill mode
    ByteBuffer appIn;  // received application bytes not yet read, fill mode
    boolean inputDone;
    final SocketChannel channel;
    private volatile String resetReason;
    private volatile boolean closed;
    /** Held by every operation, so that a close from another thread never touches the engine meanwhile. */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    Connection(SocketChannel channel, Selector selector, SelectionKey key, SSLEngine engine, String endpoint,
               Duration writeTimeout) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
        this.engine = engine;
        this.tls = engine == null ? null : new TlsSession(this, engine);
        this.endpoint = endpoint;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        if (engine == null) {
            netOut = ByteBuffer.allocateDirect(PLAIN_BUFFER);
            appIn = ByteBuffer.allocate(4096);
        } else {
            SSLSession session = engine.getSession();
            netOut = ByteBuffer.allocateDirect(16 * session.getPacketBufferSize());
            netIn = ByteBuffer.allocateDirect(2 * session.getPacketBufferSize());
            appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        }
    }

    /** {@code host:port} as given (never with secrets), for messages. */
    public String endpoint() {
        return endpoint;
    }

    /** The address actually connected to. */
    public InetSocketAddress remoteAddress() {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    public boolean isTls() {
        return engine != null;
    }

    /**
     * Facts for a human: {@code remote}, {@code local}, {@code connect_ms}, and for TLS {@code protocol},
     * {@code cipher}, {@code peer}, {@code peer_names}, {@code issuer}, {@code not_after},
     * {@code servername}, {@code client_certificate}, {@code handshake_ms}.
     */
    public Map<String, String> facts() {
        return Collections.unmodifiableMap(facts);
    }

    void fact(String name, String value) {
        facts.put(name, value);
    }

    /**
     * Writes every remaining byte of {@code src} (and flushes it to the socket), or throws. Gives up with a
     * {@link SocketTimeoutException} when the deadline passes or when the peer takes no byte for the write
     * timeout. On an exception, {@code src.position()} tells how far the bytes were handed on (not how far
     * the peer read them).
     */
    public void write(ByteBuffer src, Deadline deadline) throws IOException {
        lock.lock();
        try {
            writeLocked(src, deadline);
        } finally {
            lock.unlock();
        }
    }

    private void writeLocked(ByteBuffer src, Deadline deadline) throws IOException {
        ensureOpen();
        if (engine == null && src.isDirect()) { // native memory already: to the socket as it is, no copy
            flush(deadline);
            writeFully(src, deadline);
        } else if (engine == null) {
            while (src.hasRemaining()) {
                int n = Math.min(netOut.remaining(), src.remaining());
                netOut.put(src.slice(src.position(), n));
                src.position(src.position() + n);
                if (!netOut.hasRemaining()) {
                    flush(deadline);
                }
            }
        } else {
            int packet = engine.getSession().getPacketBufferSize();
            while (src.hasRemaining()) {
                if (netOut.remaining() < packet) {
                    flush(deadline);
                }
                SSLEngineResult result = engine.wrap(src, netOut);
                switch (result.getStatus()) {
                    case OK -> tls.afterEngineStep(result, deadline);
                    case BUFFER_OVERFLOW -> {
                        flush(deadline);
                        if (netOut.remaining() < packet) {
                            netOut = grow(netOut, packet);
                        }
                    }
                    case CLOSED -> throw new IOException("the TLS session with " + endpoint + " is closed");
                    default -> throw new IOException("unexpected TLS state " + result.getStatus());
                }
            }
        }
        flush(deadline);
    }

    /**
     * Reads at least one byte into {@code dst}, waiting up to the deadline; returns -1 at the end of input
     * (FIN or close_notify).
     *
     * @throws SocketTimeoutException when nothing arrives by the deadline
     */
    public int read(ByteBuffer dst, Deadline deadline) throws IOException {
        lock.lock();
        try {
            return readLocked(dst, deadline);
        } finally {
            lock.unlock();
        }
    }

    private int readLocked(ByteBuffer dst, Deadline deadline) throws IOException {
        ensureOpen();
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(appIn.remaining(), dst.remaining());
                dst.put(appIn.slice(appIn.position(), n));
                appIn.position(appIn.position() + n);
                appIn.compact();
                return n;
            }
            int n = pump();
            if (n < 0) {
                return -1;
            }
            if (n == 0) {
                long left = deadline.remainingNanos();
                if (left <= 0) {
                    throw new SocketTimeoutException("no answer from " + endpoint + " by the deadline");
                }
                await(SelectionKey.OP_READ, left);
            }
        }
    }

    /**
     * Looks, without blocking, whether the peer closed or reset the connection (or sent an alert). Data
     * that arrived is kept for {@link #read} (up to 1 MiB). Call it before reusing a connection that sat
     * idle: servers close idle connections, and a batch written into a closed connection is lost.
     */
    public Status probe() {
        if (closed) {
            return Status.CLOSED;
        }
        lock.lock();
        try {
            return probeLocked();
        } finally {
            lock.unlock();
        }
    }

    private Status probeLocked() {
        try {
            for (int i = 0; i < 1024; i++) {
                int n = pump();
                if (n < 0) {
                    return Status.CLOSED;
                }
                if (n == 0) {
                    return Status.OPEN;
                }
                if (appIn.position() > MAX_UNREAD) {
                    appIn.clear(); // a syslog server says nothing; do not hoard what a strange one says
                }
            }
            return Status.OPEN;
        } catch (IOException e) {
            String alert = TlsErrors.alertName(e);
            resetReason = alert != null ? "the TLS alert " + alert : null;
            return Status.RESET;
        }
    }

    /**
     * Ends the output (TLS close_notify, then TCP FIN) and waits until the peer closes the connection too,
     * which proves it read everything sent before: a peer closes in order only after reading our end of
     * output, since a close with unread bytes is a reset. Only a close that follows ours counts: a peer that
     * closed (or reset, or sent an alert) before our half-close, such as a server that accepts and closes at
     * once, may have read nothing. Data the peer sends meanwhile is discarded.
     *
     * @throws SocketTimeoutException when the peer does not close by the deadline or the write timeout
     * @throws IOException            when the peer closed first, resets the connection or sends an alert
     */
    public void shutdownOutputAndAwaitClose(Deadline deadline) throws IOException {
        lock.lock();
        try {
            shutdownOutputAndAwaitCloseLocked(deadline);
        } finally {
            lock.unlock();
        }
    }

    private void shutdownOutputAndAwaitCloseLocked(Deadline deadline) throws IOException {
        ensureOpen();
        if (drainForClose(false) < 0) {
            throw new EOFException(endpoint + " closed the connection before logdrain ended the batch with a"
                    + " half-close (confirm=close): nothing proves it read the batch");
        }
        if (engine != null) {
            engine.closeOutbound();
            int packet = engine.getSession().getPacketBufferSize();
            while (!engine.isOutboundDone()) {
                if (netOut.remaining() < packet) {
                    flush(deadline);
                }
                SSLEngineResult result = engine.wrap(EMPTY, netOut);
                if (result.bytesProduced() == 0 && result.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    break;
                }
            }
            flush(deadline);
        }
        channel.shutdownOutput();
        long since = System.nanoTime();
        while (true) {
            int n = drainForClose(true);
            if (n < 0) {
                return;
            }
            if (n > 0) {
                since = System.nanoTime();
                continue;
            }
            long left = Math.min(deadline.remainingNanos(), writeTimeoutNanos - (System.nanoTime() - since));
            if (left <= 0) {
                throw new SocketTimeoutException(endpoint + " did not close the connection after the batch (confirm=close) "
                        + (deadline.isExpired() ? "by the deadline" : "within the write timeout of "
                        + writeTimeoutNanos / 1_000_000 + " ms"));
            }
            await(SelectionKey.OP_READ, left);
        }
    }

    /** One non-blocking read for confirm=close, discarding data; an alert or a reset is an error naming it. */
    private int drainForClose(boolean afterOurs) throws IOException {
        String when = afterOurs ? "after logdrain half-closed it" : "before logdrain half-closed it";
        try {
            int n = pump();
            appIn.clear();
            return n;
        } catch (SSLException e) {
            String alert = TlsErrors.alertName(e);
            if (alert == null && afterOurs && engine != null && engine.isInboundDone()) {
                return -1; // the peer's close_notify came, and the engine complained about what followed it
            }
            throw new SSLException(endpoint + (alert != null ? " sent the TLS alert " + alert : " broke the TLS session ("
                    + VerifyingTrustManager.oneLine(String.valueOf(e.getMessage())) + ")") + " " + when
                    + " (confirm=close): the batch is not confirmed", e);
        } catch (IOException e) {
            throw new IOException(endpoint + " reset the connection " + when + " (confirm=close): the batch is not"
                    + " confirmed", e);
        }
    }

    /**
     * Closes the connection at once: for TLS with a close_notify when it can be sent without waiting (so
     * that the server does not log a truncated session). Safe from any thread, and more than once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (engine != null && tls.handshakeDone() && lock.tryLock()) {
            try {
                engine.closeOutbound();
                netOut.clear();
                engine.wrap(EMPTY, netOut);
                flushQuietly();
            } catch (IOException | RuntimeException ignored) {
                // best effort
            } finally {
                lock.unlock();
            }
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** What {@link #probe} last found to be a {@link Status#RESET}, when it was a TLS alert (for messages), or null. */
    public String resetReason() {
        return resetReason;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Completes the TLS handshake and, if asked, waits for the verdict on a client certificate: {@link TlsSession}. */
    void handshake(Deadline deadline, ClientKeyManager keyManager, boolean haveCert, boolean awaitVerdict)
            throws IOException {
        tls.handshake(deadline, keyManager, haveCert, awaitVerdict);
    }

    /**
     * Without the verdict wait ({@link Connector#withoutClientCertificateVerdictWait}): an alert, close or reset
     * before any record, after the server asked for a client certificate, is its verdict on it (or its absence): an
     * {@link javax.net.ssl.SSLHandshakeException} saying so in one line. Anything else is returned as it is.
     */
    public IOException clientCertificateVerdict(IOException failure) {
        if (tls == null || !tls.verdictPending() || failure instanceof SocketTimeoutException) {
            return failure;
        }
        return tls.verdictFrom(failure);
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * Reads what the socket has without blocking, unwrapping TLS records into {@link #appIn}.
     *
     * @return bytes read from the socket (0: nothing there), or -1 once the input has ended
     */
    int pump() throws IOException {
        if (inputDone) {
            return -1;
        }
        if (engine == null) {
            if (appIn.remaining() < 1024) {
                appIn = grow(appIn, 4096);
            }
            int n = channel.read(appIn);
            if (n < 0) {
                inputDone = true;
            }
            return n;
        }
        if (netIn.remaining() < 1024) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
        }
        int n = channel.read(netIn);
        tls.unwrapAvailable();
        if (engine.isInboundDone()) {
            inputDone = true; // close_notify
            return -1;
        }
        if (n < 0) {
            inputDone = true;
        }
        return n;
    }

    /** Writes all of {@link #netOut} to the socket, within the deadline and the write timeout. */
    void flush(Deadline deadline) throws IOException {
        netOut.flip();
        try {
            writeFully(netOut, deadline);
        } finally {
            netOut.compact();
        }
    }

    private void writeFully(ByteBuffer buffer, Deadline deadline) throws IOException {
        long lastProgress = System.nanoTime();
        while (buffer.hasRemaining()) {
            int n = channel.write(buffer);
            if (n > 0) {
                lastProgress = System.nanoTime();
                continue;
            }
            long left = deadline.remainingNanos();
            if (left <= 0) {
                throw new SocketTimeoutException("writing to " + endpoint
                        + " did not finish by the deadline: the receiver is not taking data");
            }
            long stall = writeTimeoutNanos - (System.nanoTime() - lastProgress);
            if (stall <= 0) {
                throw new SocketTimeoutException("writing to " + endpoint + " stalled: the receiver took no data for "
                        + writeTimeoutNanos / 1_000_000 + " ms (writetimeout)");
            }
            await(SelectionKey.OP_WRITE, Math.min(left, stall));
        }
    }

    void flushQuietly() {
        try {
            netOut.flip();
            channel.write(netOut);
        } catch (IOException | RuntimeException ignored) {
            // best effort: an alert the peer may never see
        } finally {
            netOut.clear();
        }
    }

    void await(int ops, long nanos) throws IOException {
        try {
            key.interestOps(ops);
            selector.select(Math.max(1, (nanos + 999_999) / 1_000_000));
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException | CancelledKeyException e) {
            throw new IOException("the connection to " + endpoint + " was closed");
        }
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while talking to " + endpoint);
        }
        if (closed) {
            throw new IOException("the connection to " + endpoint + " was closed");
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the connection to " + endpoint + " is closed");
        }
    }

    static ByteBuffer grow(ByteBuffer buffer, int extra) {
        int capacity = buffer.capacity() + Math.max(extra, buffer.capacity());
        ByteBuffer bigger = buffer.isDirect() ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        return bigger.put(buffer.flip());
    }
}
