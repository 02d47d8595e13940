package dev.logdrain.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 that delays each direction by a one-way latency, standing in for a network with
 * that round trip where the kernel has no {@code netem}. Per connection and direction, one thread reads
 * chunks and stamps each with the time it was read; another writes each chunk when its own time plus the
 * latency has come, in order, so chunks are not held behind each other's delay (only behind bytes read
 * before them). An end of input is forwarded as a half-close ({@code shutdownOutput}) at its due time, a
 * reset as a reset (linger 0). Bandwidth is unlimited.
 *
 * <p>What it cannot do: the TCP handshake with the proxy is completed by the kernel at once, so a client's
 * {@code connect} costs no round trip here (callers add one per connection, see {@link #connections()}); and
 * each leg is loopback, so congestion control, Nagle and delayed ACKs act on the legs, not across the delay.
 */
public final class DelayProxy extends LoopbackServer {

    private static final byte[] END = new byte[0];
    private static final byte[] RESET = new byte[0];

    private final InetSocketAddress upstream;
    private final long oneWayNanos;
    private final AtomicInteger connections = new AtomicInteger();
    private final boolean quickAck;
    /** When set, every chunk read is noted here. */
    private volatile java.util.Queue<Hop> trace;

    /**
     * One chunk the proxy read: connection number (from 1), direction ({@code true}: client to server), when it
     * was read (System.nanoTime), its size (0 for an end of input, -1 for a reset).
     */
    public record Hop(int connection, boolean up, long readNanos, int bytes) {
    }

    /** Forwards every connection to {@code upstreamPort} on loopback, {@code oneWayMillis} late each way. */
    public DelayProxy(int upstreamPort, double oneWayMillis) throws IOException {
        this(upstreamPort, oneWayMillis, false);
    }

    /**
     * With {@code quickAck}, the proxy's sockets acknowledge every segment at once (Linux {@code TCP_QUICKACK},
     * set again after every read) instead of delaying the ACK: to tell whether a sender's Nagle algorithm,
     * which holds small segments until the previous one is acknowledged, is what a figure waits for.
     */
    public DelayProxy(int upstreamPort, double oneWayMillis, boolean quickAck) throws IOException {
        super(new ServerSocket());
        this.quickAck = quickAck;
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.oneWayNanos = (long) (oneWayMillis * 1e6);
        start("delay-proxy-accept");
    }

    /** Starts noting every chunk read (see {@link Hop}). */
    public void startTrace() {
        trace = new java.util.concurrent.ConcurrentLinkedQueue<>();
    }

    /** Stops noting and returns what was noted, in the order read. */
    public List<Hop> stopTrace() {
        java.util.Queue<Hop> t = trace;
        trace = null;
        List<Hop> hops = t == null ? List.of() : new java.util.ArrayList<>(t);
        hops.sort(java.util.Comparator.comparingLong(Hop::readNanos));
        return hops;
    }

    public long oneWayNanos() {
        return oneWayNanos;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    void accepted(Socket client) throws IOException {
        int number = connections.incrementAndGet();
        Socket target = new Socket();
        target.connect(upstream, 5_000);
        for (Socket s : new Socket[] {client, target}) {
            s.setTcpNoDelay(true); // the proxy adds latency only, no coalescing of its own
            sockets.add(s);
        }
        relay(client, target, number, true);
        relay(target, client, number, false);
    }

    /** One direction: a reader stamping chunks and a writer sending each at its due time. */
    private void relay(Socket from, Socket to, int number, boolean up) throws IOException {
        String name = up ? "up" : "down";
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon("delay-proxy-read-" + name, () -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                int n;
                quickAck(from);
                while ((n = in.read(buffer)) > 0) {
                    quickAck(from);
                    long now = System.nanoTime();
                    note(number, up, now, n);
                    queue.add(new Chunk(now + oneWayNanos, Arrays.copyOf(buffer, n)));
                }
                long now = System.nanoTime();
                note(number, up, now, 0);
                queue.add(new Chunk(now + oneWayNanos, END));
            } catch (IOException e) {
                long now = System.nanoTime();
                note(number, up, now, -1);
                queue.add(new Chunk(now + oneWayNanos, RESET));
            }
        });
        daemon("delay-proxy-write-" + name, () -> {
            try {
                while (true) {
                    Chunk c = queue.poll(1, TimeUnit.SECONDS);
                    if (c == null) {
                        if (closed) {
                            return;
                        }
                        continue;
                    }
                    long wait;
                    while ((wait = c.due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (c.data == END) {
                        synchronized (this) {
                            to.shutdownOutput();
                        }
                        closeIfDone(from, to);
                        return;
                    }
                    if (c.data == RESET) {
                        to.setSoLinger(true, 0);
                        to.close();
                        from.close();
                        return;
                    }
                    out.write(c.data);
                }
            } catch (IOException e) {
                // the receiving side is gone: make the sending side see it as a reset
                try {
                    from.setSoLinger(true, 0);
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void quickAck(Socket socket) throws IOException {
        if (quickAck) {
            socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
        }
    }

    private void note(int number, boolean up, long nanos, int bytes) {
        java.util.Queue<Hop> t = trace;
        if (t != null) {
            t.add(new Hop(number, up, nanos, bytes));
        }
    }

    /** Both directions ended in order: close the pair. */
    private synchronized void closeIfDone(Socket from, Socket to) throws IOException {
        if (from.isOutputShutdown() && to.isOutputShutdown()) {
            from.close();
            to.close();
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private record Chunk(long due, byte[] data) {
    }
}
