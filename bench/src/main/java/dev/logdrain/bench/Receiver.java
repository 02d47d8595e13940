package dev.logdrain.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * An in-process syslog receiver on a loopback port that reads every connection into a 64 KiB buffer and
 * only counts the bytes: the cheapest possible server, so that the client side is what is measured.
 * Plain TCP, or TLS with the bench server certificate.
 */
public final class Receiver extends LoopbackServer {

    private final AtomicLong bytes = new AtomicLong();
    private volatile long target;
    private volatile Thread waiter;
    /** When set, the first bytes received are kept here (the cold-start probe compares them). */
    private volatile java.io.ByteArrayOutputStream capture;

    private Receiver(ServerSocket server) throws IOException {
        super(server);
        server.setReceiveBufferSize(1 << 20); // before binding: a listening socket's buffer sets the window scale
        start("bench-receiver");
    }

    public static Receiver tcp() throws IOException {
        return new Receiver(new ServerSocket());
    }

    public static Receiver tls(SSLContext context) throws IOException {
        return new Receiver(context.getServerSocketFactory().createServerSocket());
    }

    /** TLS that requires a client certificate signed by the bench CA. */
    public static Receiver tlsMutual() throws IOException {
        SSLServerSocket server = (SSLServerSocket) Certs.get().mutualServerContext().getServerSocketFactory()
                .createServerSocket();
        server.setNeedClientAuth(true);
        return new Receiver(server);
    }

    public static Receiver of(boolean tls) throws IOException {
        return tls ? tls(Certs.get().serverContext()) : tcp();
    }

    public long bytes() {
        return bytes.get();
    }

    /** Keeps a copy of everything received from now on (small amounts only). */
    public void capture() {
        capture = new java.io.ByteArrayOutputStream();
    }

    public byte[] captured() {
        java.io.ByteArrayOutputStream c = capture;
        synchronized (this) {
            return c == null ? new byte[0] : c.toByteArray();
        }
    }

    /**
     * Waits until at least {@code total} bytes have arrived (woken by the reading thread, no polling delay).
     *
     * @throws IllegalStateException when they have not arrived within {@code timeoutMillis}
     */
    public void awaitBytes(long total, long timeoutMillis) {
        if (bytes.get() >= total) {
            return;
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        target = total;
        waiter = Thread.currentThread();
        try {
            while (bytes.get() < total) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the receiver got " + bytes.get() + " bytes, expected " + total);
                }
                LockSupport.parkNanos(this, Math.min(left, 10_000_000L));
            }
        } finally {
            waiter = null;
        }
    }

    /** Waits until no byte has arrived for {@code quietMillis}; returns the count. */
    public long awaitQuiet(long quietMillis) throws InterruptedException {
        long last = -1;
        long now = bytes.get();
        while (now != last) {
            last = now;
            Thread.sleep(quietMillis);
            now = bytes.get();
        }
        return now;
    }

    @Override
    void accepted(Socket socket) {
        sockets.add(socket);
        daemon("bench-receiver-conn", () -> read(socket));
    }

    private void read(Socket socket) {
        byte[] buffer = new byte[64 * 1024];
        try (socket; InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                java.io.ByteArrayOutputStream c = capture;
                if (c != null) {
                    synchronized (this) {
                        c.write(buffer, 0, n);
                    }
                }
                long total = bytes.addAndGet(n);
                Thread w = waiter;
                if (w != null && total >= target) {
                    LockSupport.unpark(w);
                }
            }
        } catch (IOException e) {
            // the client went away; counted bytes stay counted
        } finally {
            sockets.remove(socket);
        }
    }
}
