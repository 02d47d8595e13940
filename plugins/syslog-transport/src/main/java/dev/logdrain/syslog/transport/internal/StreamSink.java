package dev.logdrain.syslog.transport.internal;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;
import dev.logdrain.syslog.transport.net.Backoff;
import dev.logdrain.syslog.transport.net.Connection;
import dev.logdrain.syslog.transport.net.Connector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

/**
 * Syslog over TCP or TLS. Plain TCP acknowledges nothing, so this sink works from what it can observe:
 * <ul>
 * <li>A reused connection is probed (a non-blocking read) before a batch: a peer that closed it while it
 *     sat idle costs a reconnect, not the batch.</li>
 * <li>When the probe finds the connection <em>reset</em> (not closed in order), the server discarded bytes
 *     it had not read, which can only be the previous batch: that batch is sent again before this one
 *     and counted as possible duplicates.</li>
 * <li>A write that fails, or a probe right after the batch that finds the peer gone, makes it reconnect
 *     and resend the whole batch, with back-off, until the deadline; then the batch fails.</li>
 * <li>With {@code confirm=close} every batch ends with a half-close and waits for the server to close
 *     too, which proves it read everything.</li>
 * </ul>
 * A TLS failure that retrying cannot fix (certificate, name, protocol) fails the batch at once.
 */
public final class StreamSink implements Sink {

    private final Connector connector;
    private final Framer framer;
    private final boolean confirmClose;
    private final Backoff backoff = Backoff.standard();
    private volatile Connection connection;
    private FrameBuffer current = new FrameBuffer();
    /** The last batch written on {@link #connection} and not yet known to be read; empty when none. */
    private FrameBuffer previous = new FrameBuffer();

    public StreamSink(Connector connector, Framer framer, boolean confirmClose) {
        this.connector = connector;
        this.framer = framer;
        this.confirmClose = confirmClose;
    }

    @Override
    public DeliveryResult send(MessageBatch batch, Deadline deadline) {
        int count = batch.size();
        if (count == 0) {
            return DeliveryResult.success(0, 0, 0, 0);
        }
        FrameBuffer carried = null;
        Connection conn = connection;
        if (conn != null) {
            Connection.Status status = conn.probe();
            if (status != Connection.Status.OPEN) {
                drop(conn);
                conn = null;
                if (status == Connection.Status.RESET && previous.events() > 0) {
                    carried = previous;
                }
            }
        }
        if (carried == null) {
            previous.clear();
        }
        framer.frame(batch, current);
        backoff.reset();
        int retries = carried != null ? 1 : 0;
        long bytes = 0;
        int possiblyReceived = 0; // the longest prefix of this batch written by an attempt that failed
        int attempts = 0;
        long start = System.nanoTime();
        while (true) {
            attempts++;
            ByteBuffer carriedView = carried == null ? null : carried.view();
            ByteBuffer view = current.view();
            try {
                if (conn == null) {
                    conn = connector.connect(deadline);
                    connection = conn;
                }
                if (carriedView != null) {
                    conn.write(carriedView, deadline);
                }
                conn.write(view, deadline);
                if (confirmClose) {
                    conn.shutdownOutputAndAwaitClose(deadline);
                    drop(conn);
                } else {
                    Connection.Status after = conn.probe();
                    if (after != Connection.Status.OPEN) {
                        throw new IOException(connector.endpoint() + (after == Connection.Status.CLOSED ? " closed" : " reset")
                                + " the connection while the batch was sent");
                    }
                }
                bytes += written(carriedView) + view.position();
                int duplicates = possiblyReceived + (carried == null ? 0 : carried.events());
                FrameBuffer sent = current; // now the unconfirmed batch of this connection
                current = previous;
                previous = sent;
                if (confirmClose) {
                    previous.clear(); // confirmed: nothing to resend later
                }
                return DeliveryResult.success(count, retries, bytes, duplicates);
            } catch (SSLHandshakeException e) {
                // certificate, name, protocol or client certificate: retrying cannot help
                drop(conn);
                previous.clear();
                return DeliveryResult.failure(0, count, retries, bytes, possiblyReceived, e.getMessage()
                        + lostPrevious(carried));
            } catch (IOException e) {
                bytes += written(carriedView) + view.position();
                possiblyReceived = Math.max(possiblyReceived, current.eventsStartedBefore(view.position()));
                drop(conn);
                conn = null;
                if (!backoff.pause(deadline)) {
                    previous.clear();
                    return DeliveryResult.failure(0, count, retries, bytes, possiblyReceived, oneLine(e.getMessage())
                            + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
                            + (System.nanoTime() - start) / 1_000_000 + " ms, no time left before the deadline)"
                            + lostPrevious(carried));
                }
                retries++;
            }
        }
    }

    @Override
    public Map<String, String> connect(Deadline deadline) throws IOException {
        close();
        Connection conn = connector.connect(deadline);
        connection = conn;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("endpoint", connector.endpoint());
        facts.put("transport", connector.isTls() ? "tls" : "tcp");
        facts.put("framing", framer.framing().option());
        facts.putAll(conn.facts());
        return facts;
    }

    @Override
    public void close() {
        Connection conn = connection;
        if (conn != null) {
            drop(conn);
        }
        previous.clear();
    }

    private void drop(Connection conn) {
        if (conn != null) {
            conn.close();
            if (connection == conn) {
                connection = null;
            }
        }
    }

    private static long written(ByteBuffer view) {
        return view == null ? 0 : view.position();
    }

    private static String lostPrevious(FrameBuffer carried) {
        return carried == null ? "" : "; the " + carried.events() + " events of the previous batch, sent before the server"
                + " reset the connection, may be lost too";
    }

    private static String oneLine(String text) {
        return text == null ? "unknown error" : text.replaceAll("\\s+", " ").strip();
    }
}
