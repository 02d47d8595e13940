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
 * <li>When the probe finds the connection <em>reset</em>, or closed within 10 s of the last write, the server
 *     may have thrown away bytes it had not read (or that were still in flight), which may belong to any of
 *     the last batches: the {@link Journal} keeps the last 8 MiB written (at least the last batch), and
 *     they are sent again before this batch and counted as possible duplicates.</li>
 * <li>A write that fails, or a probe right after the batch that finds the peer gone, makes it reconnect
 *     and resend the journal and the whole batch, with back-off, until the deadline; then the batch
 *     fails (and earlier batches still owed a resend go with the next one).</li>
 * <li>With {@code confirm=close} every batch ends with a half-close and waits for the server to close
 *     too, which proves it read everything.</li>
 * </ul>
 * A TLS failure that retrying cannot fix (certificate, name, protocol) fails the batch at once.
 */
public final class StreamSink implements Sink {

    /** Bytes of earlier batches kept for a resend: more than a server's receive buffer usually holds. */
    static final int RETAIN_BYTES = 8 << 20;

    /**
     * A close in order (FIN) this soon after our last write does not prove the server read that write:
     * bytes still in flight when it closed are answered with a reset that may arrive after the FIN, and a
     * read reports only the FIN. Bytes written longer ago were either read or made the close a reset.
     */
    static final long IN_FLIGHT_NANOS = 10_000_000_000L;

    private final Connector connector;
    private final Framer framer;
    private final boolean confirmClose;
    private final Backoff backoff = Backoff.standard();
    private final Journal journal = new Journal(RETAIN_BYTES);
    private volatile Connection connection;
    /** The retained batches must be sent again: the connection they went out on broke. */
    private boolean resendPending;
    private long lastWriteNanos;
    private final long inFlightNanos;

    public StreamSink(Connector connector, Framer framer, boolean confirmClose) {
        this(connector, framer, confirmClose, IN_FLIGHT_NANOS);
    }

    StreamSink(Connector connector, Framer framer, boolean confirmClose, long inFlightNanos) {
        this.inFlightNanos = inFlightNanos;
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
        Connection conn = connection;
        if (conn != null) {
            Connection.Status status = conn.probe();
            if (status != Connection.Status.OPEN) {
                drop(conn);
                conn = null;
                if (status == Connection.Status.RESET || System.nanoTime() - lastWriteNanos < inFlightNanos) {
                    resendPending = true;
                }
            }
        }
        if (conn == null && !resendPending) {
            journal.clear(); // closed in order (by the server or by us): it read what it had received
        }
        framer.frame(batch, journal);
        backoff.reset();
        int retries = resendPending && journal.retainedBytes() > 0 ? 1 : 0;
        long bytes = 0;
        int possiblyReceived = 0; // the longest prefix of this batch written by an attempt that failed
        int resentEarlier = 0;
        int attempts = 0;
        long start = System.nanoTime();
        while (true) {
            attempts++;
            boolean resend = resendPending && journal.retainedBytes() > 0;
            ByteBuffer view = resend ? journal.all() : journal.batch();
            int from = view.position();
            try {
                if (conn == null) {
                    conn = connector.connect(deadline);
                    connection = conn;
                }
                if (resend) {
                    resentEarlier = journal.retainedEvents();
                }
                conn.write(view, deadline);
                if (confirmClose) {
                    conn.shutdownOutputAndAwaitClose(deadline);
                    drop(conn);
                    conn = null;
                } else {
                    Connection.Status after = conn.probe();
                    if (after != Connection.Status.OPEN) {
                        throw new IOException(connector.endpoint() + (after == Connection.Status.CLOSED ? " closed" : " reset")
                                + " the connection while the batch was sent");
                    }
                }
                bytes += view.position() - from;
                lastWriteNanos = System.nanoTime();
                resendPending = false;
                if (confirmClose) {
                    journal.clear(); // the server proved it read everything
                } else {
                    journal.commitBatch();
                }
                return DeliveryResult.success(count, retries, bytes, possiblyReceived + resentEarlier);
            } catch (SSLHandshakeException e) {
                // certificate, name, protocol or client certificate: retrying cannot help
                drop(conn);
                String owed = owedEarlier();
                journal.discardBatch();
                return DeliveryResult.failure(0, count, retries, bytes, possiblyReceived, e.getMessage() + owed);
            } catch (IOException e) {
                bytes += view.position() - from;
                possiblyReceived = Math.max(possiblyReceived, journal.eventsStartedBefore(view.position()));
                if (conn != null) {
                    resendPending = true; // the break may have cost unread bytes of earlier batches too
                }
                drop(conn);
                conn = null;
                if (!backoff.pause(deadline)) {
                    String owed = owedEarlier();
                    journal.discardBatch();
                    return DeliveryResult.failure(0, count, retries, bytes, possiblyReceived, oneLine(e.getMessage())
                            + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
                            + (System.nanoTime() - start) / 1_000_000 + " ms, no time left before the deadline)" + owed);
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

    /** Closes the connection (from any thread); batches owed a resend stay owed. */
    @Override
    public void close() {
        Connection conn = connection;
        if (conn != null) {
            drop(conn);
        }
    }

    private void drop(Connection conn) {
        if (conn != null) {
            conn.close();
            if (connection == conn) {
                connection = null;
            }
        }
    }

    private String owedEarlier() {
        int owed = resendPending ? journal.retainedEvents() : 0;
        return owed == 0 ? "" : "; " + owed + " events of earlier batches, sent before the connection broke, will be"
                + " sent again with the next batch";
    }

    private static String oneLine(String text) {
        return text == null ? "unknown error" : text.replaceAll("\\s+", " ").strip();
    }
}
