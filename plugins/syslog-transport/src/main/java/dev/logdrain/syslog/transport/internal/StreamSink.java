package dev.logdrain.syslog.transport.internal;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.RecordRules;
import dev.logdrain.spi.Sink;
import dev.logdrain.net.Backoff;
import dev.logdrain.net.Connection;
import dev.logdrain.net.Connector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
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
 *     too, which proves it read everything; a close before the half-close, a reset or a TLS alert fails
 *     the attempt.</li>
 * </ul>
 * A TLS failure that retrying cannot fix (certificate, name, protocol) fails the batch at once.
 *
 * <p>The sink takes a batch in parts as the forwarder formats it ({@link #begin}) and frames and writes each
 * part at once, so that the kernel and the server work on one part while the next is formatted, and the
 * first bytes leave before the last event is formatted. {@link #send} is the same with the whole batch as
 * one part. (A writer thread that framed and wrote parts while the caller formatted was tried: it was no
 * faster on 2 shared cores and lost time to hand-offs when the machine was loaded.)
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

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

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
        if (batch.size() == 0) {
            return DeliveryResult.success(0, 0, 0, 0);
        }
        Transfer transfer = new Transfer(batch.size(), deadline);
        transfer.write(batch);
        return transfer.finish();
    }

    /** Takes the batch in parts: each is framed and written while the caller formats the next. */
    @Override
    public Delivery begin(LogBatch batch, Deadline deadline) {
        return new Transfer(batch.size(), deadline);
    }

    /**
     * One batch on its way. Each part is framed into the journal after the parts before it and written at
     * once; a write that fails reconnects and sends the journal again (the retained batches when they are
     * owed a resend, and this batch so far), with back-off, until the deadline. The batch succeeds when its
     * last part is written and the connection is still open afterwards (or, with {@code confirm=close}, the
     * server closed it in order).
     */
    private final class Transfer implements Delivery {
        private final int count;
        private final Deadline deadline;
        private final long start = System.nanoTime();
        private Connection conn;
        /** Bytes of this batch the current connection has taken. */
        private long batchWritten;
        private int retries;
        private long bytes;
        private int possiblyReceived; // the longest prefix of this batch written by an attempt that failed
        private int resentEarlier;
        private int attempts = 1;
        /** Set when the batch is done, in success or failure. */
        private DeliveryResult outcome;

        Transfer(int count, Deadline deadline) {
            this.count = count;
            this.deadline = deadline;
            conn = connection;
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
            journal.beginBatch(count);
            backoff.reset();
            retries = resendPending && journal.retainedBytes() > 0 ? 1 : 0;
        }

        @Override
        public void write(MessageBatch part) {
            if (outcome != null) {
                return; // the batch failed already: the rest of it fails with it
            }
            framer.append(part, journal);
            transmit(false);
        }

        @Override
        public DeliveryResult finish() {
            if (outcome == null) {
                transmit(true);
            }
            return outcome;
        }

        @Override
        public DeliveryResult abort(String error) {
            if (outcome != null) {
                return outcome.error() == null ? outcome : DeliveryResult.failure(outcome.delivered(),
                        outcome.failed(), outcome.retries(), outcome.bytesSent(), outcome.possibleDuplicates(),
                        error + "; " + outcome.error());
            }
            int given = journal.events();
            if (given == 0) {
                journal.discardBatch();
                outcome = DeliveryResult.failure(0, count, retries, bytes, 0, error);
                return outcome;
            }
            transmit(true); // the parts given were written: see them delivered like a batch of their own
            if (outcome.isSuccess()) {
                outcome = DeliveryResult.failure(given, count - given, outcome.retries(), outcome.bytesSent(),
                        outcome.possibleDuplicates(), error);
            } else {
                outcome = DeliveryResult.failure(0, count, outcome.retries(), outcome.bytesSent(),
                        outcome.possibleDuplicates(), error + "; " + outcome.error());
            }
            return outcome;
        }

        /**
         * Writes what was framed and not yet taken by the connection, reconnecting and resending as needed;
         * with {@code last}, then checks the connection (or confirms with a close) and settles the outcome.
         * Sets {@link #outcome} when the batch fails.
         */
        private void transmit(boolean last) {
            while (true) {
                boolean resend = resendPending && journal.retainedBytes() > 0;
                long from = resend ? journal.start() : journal.batchStart() + batchWritten;
                long reached = from; // stream offset the writes got to
                boolean counted = false;
                try {
                    if (conn == null) {
                        conn = connector.connect(deadline);
                        connection = conn;
                    }
                    if (resend) {
                        resentEarlier = journal.retainedEvents();
                    }
                    List<ByteBuffer> views = journal.from(from);
                    if (views.isEmpty()) {
                        conn.write(NOTHING, deadline); // still fails on a connection closed meanwhile
                    }
                    for (ByteBuffer view : views) {
                        int before = view.position();
                        try {
                            conn.write(view, deadline);
                        } finally {
                            reached += view.position() - before;
                        }
                    }
                    bytes += reached - from;
                    counted = true;
                    batchWritten = journal.batchBytes();
                    resendPending = false;
                    if (!last) {
                        return;
                    }
                    if (confirmClose) {
                        conn.shutdownOutputAndAwaitClose(deadline);
                        drop(conn);
                        conn = null;
                    } else {
                        Connection.Status after = conn.probe();
                        if (after != Connection.Status.OPEN) {
                            String reason = conn.resetReason();
                            throw new IOException(connector.endpoint() + (after == Connection.Status.CLOSED ? " closed"
                                    : reason != null ? " sent " + reason + " and ended" : " reset")
                                    + " the connection while the batch was sent");
                        }
                    }
                    lastWriteNanos = System.nanoTime();
                    if (confirmClose) {
                        journal.clear(); // the server proved it read everything
                    } else {
                        journal.commitBatch();
                    }
                    outcome = DeliveryResult.success(count, retries, bytes, possiblyReceived + resentEarlier);
                    return;
                } catch (SSLHandshakeException e) {
                    // certificate, name, protocol or client certificate: retrying cannot help
                    drop(conn);
                    conn = null;
                    String owed = owedEarlier();
                    journal.discardBatch();
                    outcome = DeliveryResult.failure(0, count, retries, bytes, possiblyReceived, e.getMessage() + owed);
                    return;
                } catch (IOException e) {
                    if (!counted) {
                        bytes += reached - from;
                    }
                    possiblyReceived = Math.max(possiblyReceived, journal.eventsStartedBefore(reached));
                    if (conn != null) {
                        resendPending = true; // the break may have cost unread bytes of earlier batches too
                    }
                    drop(conn);
                    conn = null;
                    batchWritten = 0;
                    if (!backoff.pause(deadline)) {
                        String owed = owedEarlier();
                        journal.discardBatch();
                        outcome = DeliveryResult.failure(0, count, retries, bytes, possiblyReceived,
                                oneLine(e.getMessage()) + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
                                + " in " + (System.nanoTime() - start) / 1_000_000
                                + " ms, no time left before the deadline)" + owed);
                        return;
                    }
                    attempts++;
                    retries++;
                }
            }
        }
    }

    /** Its framer's: line breaks escaped or split for line framing, every record framed alone. */
    @Override
    public RecordRules recordRules() {
        return framer.recordRules();
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
