package dev.logdrain.relp.internal;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;
import dev.logdrain.net.Backoff;
import dev.logdrain.net.Connection;
import dev.logdrain.net.Connector;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

/**
 * Delivers batches over RELP with a window of unacknowledged messages. A batch is delivered when every
 * message in it has been answered {@code 200}. When the session breaks (connection lost, {@code serverclose},
 * garbage from the server), it reconnects within the deadline and resends exactly the messages that were
 * not answered yet, in their order; those that were already on the wire may reach the server twice (their
 * answer may have been lost), and are counted as possible duplicates. A message answered with an error
 * (e.g. {@code 500}) is not resent: the batch fails with the server's answer in its error.
 *
 * <p>The session is kept open between batches and checked before reuse when it has been idle. Every wait is
 * bounded by the batch's deadline, since the shared {@link Connection} never blocks past the deadline it is
 * given. A TLS failure that retrying cannot fix (certificate, name, client certificate) fails the batch at
 * once, as does a server that refuses the session or does not speak RELP.
 */
public final class RelpSink implements Sink {

    /** How long {@link #close()} waits for the server to answer {@code close}. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    /** A session idle for longer is checked before reuse (the server may have closed it meanwhile). */
    static final long IDLE_CHECK_NANOS = Duration.ofMillis(200).toNanos();
    /**
     * A session idle for longer may have been dropped silently on the way (a NAT or load balancer forgets
     * idle flows without telling either end): its first answer is awaited for {@link #FIRST_ANSWER_WAIT}
     * only, then the session is replaced and the unanswered messages resent, instead of waiting for an
     * answer that cannot come until the deadline.
     */
    static final Duration STALE_AFTER = Duration.ofSeconds(30);
    static final Duration FIRST_ANSWER_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Connector connector;
    private final int window;
    private final Backoff backoff;
    private final String software;
    private Duration staleAfter = STALE_AFTER;
    private Duration firstAnswerWait = FIRST_ANSWER_WAIT;

    private volatile RelpSession session;

    /**
     * @param name      the destination as users may see it (redacted), used in every error
     * @param connector opens plain or TLS connections
     * @param window    the most messages sent and not yet answered at any time
     * @param backoff   pauses between connection attempts (reset by every session that gets an answer)
     * @param software  what we announce as {@code relp_software}
     */
    public RelpSink(String name, Connector connector, int window, Backoff backoff, String software) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.name = name;
        // the answer to open is the server's verdict on a client certificate: no separate wait for it
        this.connector = connector.withoutClientCertificateVerdictWait();
        this.window = window;
        this.backoff = backoff;
        this.software = software;
    }

    /** For tests: shorter times for the check of a session reused after a long idle time. */
    RelpSink staleSessionTimes(Duration after, Duration firstAnswer) {
        this.staleAfter = after;
        this.firstAnswerWait = firstAnswer;
        return this;
    }

    @Override
    public DeliveryResult send(MessageBatch messages, Deadline deadline) {
        if (messages.size() == 0) {
            return DeliveryResult.success(0, 0, 0, 0);
        }
        return new BatchWindow(messages, deadline).run();
    }

    @Override
    public Map<String, String> connect(Deadline deadline) throws IOException {
        long start = System.nanoTime();
        if (session != null && !session.isAlive()) {
            dropSession();
        }
        if (session == null) {
            try {
                openSession(deadline);
            } catch (IOException e) {
                throw new IOException(name + ": " + describe(e), e);
            }
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("endpoint", connector.endpoint());
        facts.put("transport", connector.isTls() ? "relp over tls" : "relp over tcp");
        facts.putAll(session.connection().facts());
        Offers offers = session.serverOffers();
        facts.put("relp_version", offers.value("relp_version"));
        facts.put("relp_software", offers.value("relp_software"));
        facts.put("commands", offers.value("commands"));
        facts.put("window", String.valueOf(window));
        facts.put("session_ms", String.valueOf((System.nanoTime() - start) / 1_000_000));
        return facts;
    }

    @Override
    public void close() {
        RelpSession s = session;
        session = null;
        if (s != null) {
            s.close(CLOSE_GRACE);
        }
    }

    private void openSession(Deadline deadline) throws IOException {
        Connection connection = connector.connect(deadline);
        RelpSession opened = new RelpSession(connection);
        try {
            opened.open(software, deadline);
        } catch (RelpRefusedException | RelpProtocolException e) {
            opened.abort();
            throw e;
        } catch (IOException e) {
            opened.abort();
            IOException verdict = connection.clientCertificateVerdict(e);
            if (verdict instanceof SSLHandshakeException refused) {
                throw refused;
            }
            String hint = hintForLostSession(connection);
            throw hint == null ? e : new IOException(describe(e) + "; " + hint, e);
        } catch (RuntimeException e) {
            opened.abort();
            throw e;
        }
        session = opened;
    }

    /**
     * rsyslog's imrelp (GnuTLS) may accept the TLS handshake and drop the connection only when it judges the
     * client certificate it asked for; say so rather than just "connection closed".
     */
    private static String hintForLostSession(Connection connection) {
        String clientCertificate = connection.facts().get("client_certificate");
        if (clientCertificate == null) {
            return null;
        }
        return clientCertificate.startsWith("none")
                ? "the server closed the session after the TLS handshake; it may require a client certificate"
                        + " (options cert and key)"
                : "the server closed the session after the TLS handshake; it may not accept the client certificate "
                        + clientCertificate;
    }

    private void dropSession() {
        RelpSession s = session;
        session = null;
        if (s != null) {
            s.abort();
        }
    }

    /** One line for a failure, without a stack trace; never contains message content. */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof EOFException) {
            return message != null ? message : "connection closed by the server";
        }
        if (e instanceof SocketTimeoutException) {
            return message != null && !message.isBlank() ? message : "timed out";
        }
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ').replace('\r', ' ');
    }

    /** The state of one batch: which messages are waiting, on the wire, answered. */
    private final class BatchWindow {
        private final MessageBatch batch;
        private final Deadline deadline;
        private final int count;
        /** Messages not sent yet (or to be resent), in order: {@code pending[from..to)}. */
        private int[] pending;
        private int from;
        private int to;
        /** Messages sent and not answered: transaction number to message index, in sending order. */
        private final LinkedHashMap<Integer, Integer> inFlight = new LinkedHashMap<>();
        private int acknowledged;
        private int refused;
        private String firstRefusal;
        private int retries;
        private int possibleDuplicates;
        private long bytesSent;
        private int failedAttempts;
        private boolean everConnected;
        private String lastError;
        /** Set while the first answer of a session reused after a long idle time is awaited: its idle millis. */
        private long staleIdleMillis = -1;

        BatchWindow(MessageBatch batch, Deadline deadline) {
            this.batch = batch;
            this.deadline = deadline;
            this.count = batch.size();
            this.pending = new int[count];
            for (int i = 0; i < count; i++) {
                pending[i] = i;
            }
            this.to = count;
        }

        DeliveryResult run() {
            if (session != null && System.nanoTime() - session.lastUsedNanos() > IDLE_CHECK_NANOS
                    && !session.isAlive()) {
                dropSession();
            }
            if (session != null) {
                everConnected = true;
                long idleNanos = System.nanoTime() - session.lastUsedNanos();
                if (idleNanos > staleAfter.toNanos()) {
                    staleIdleMillis = idleNanos / 1_000_000;
                }
            }
            backoff.reset();
            // failures since the last session that got an answer: they make us pause before trying again
            int consecutiveFailures = 0;
            boolean afterFailure = false;
            while (from < to || !inFlight.isEmpty()) {
                if (session == null) {
                    if (consecutiveFailures > 0 && !backoff.pause(deadline)) {
                        break;
                    }
                    if (deadline.isExpired()) {
                        break;
                    }
                    if (afterFailure) {
                        retries++;
                    }
                    try {
                        openSession(deadline);
                        everConnected = true;
                    } catch (RelpRefusedException | RelpProtocolException e) {
                        // the server refuses us, or it is no RELP server: trying again will not help
                        return finish(describe(e));
                    } catch (SSLHandshakeException e) {
                        // certificate, name, protocol or client certificate: retrying cannot help
                        return finish(describe(e));
                    } catch (IOException e) {
                        if (deadline.isExpired()) {
                            break;
                        }
                        failedAttempts++;
                        lastError = describe(e);
                        consecutiveFailures++;
                        afterFailure = true;
                        continue;
                    }
                }
                RelpSession s = session;
                long before = s.bytesWritten();
                int answeredBefore = acknowledged + refused;
                try {
                    pump(s);
                    bytesSent += s.bytesWritten() - before;
                } catch (IOException e) {
                    bytesSent += s.bytesWritten() - before;
                    dropSession();
                    if (!(e instanceof SocketTimeoutException)) {
                        lastError = describe(e);
                    }
                    if (deadline.isExpired()) {
                        break;
                    }
                    sessionBroke();
                    // reconnect at once after a session that worked; a session that breaks before answering
                    // anything must not make us reconnect in a tight loop
                    if (acknowledged + refused > answeredBefore) {
                        consecutiveFailures = 0;
                        backoff.reset();
                    } else {
                        consecutiveFailures++;
                    }
                    afterFailure = true;
                }
            }
            if (from < to || !inFlight.isEmpty()) {
                // the deadline passed: what is on the wire now has an unknown fate
                dropSession();
                return finish(timeoutError());
            }
            return finish(null);
        }

        /** Sends while the window has room, reads answers, until every message is answered. */
        private void pump(RelpSession s) throws IOException {
            byte[] data = batch.data();
            while (from < to || !inFlight.isEmpty()) {
                while (from < to && inFlight.size() < window) {
                    int index = pending[from];
                    int txnr = s.sendSyslog(data, batch.offset(index), batch.length(index), deadline);
                    from++;
                    inFlight.put(txnr, index);
                    if (s.frameArriving()) {
                        handle(read(s));
                    }
                }
                s.flush(deadline);
                if (inFlight.isEmpty()) {
                    break;
                }
                handle(read(s));
                while (!inFlight.isEmpty() && s.frameArriving()) {
                    handle(read(s));
                }
            }
        }

        private RelpFrame read(RelpSession s) throws IOException {
            if (staleIdleMillis < 0) {
                return s.read(deadline);
            }
            try {
                RelpFrame frame = s.read(deadline.atMost(firstAnswerWait));
                staleIdleMillis = -1;
                return frame;
            } catch (SocketTimeoutException e) {
                if (deadline.isExpired()) {
                    throw e;
                }
                long idle = staleIdleMillis;
                staleIdleMillis = -1; // the next session is a new one
                throw new IOException("no answer within " + firstAnswerWait.toMillis() + " ms on a session that had"
                        + " been idle for " + idle / 1000 + " s (dropped on the way?)");
            }
        }

        private void handle(RelpFrame frame) throws IOException {
            switch (frame.command()) {
                case "rsp" -> {
                    Integer index = inFlight.remove(frame.txnr());
                    if (index == null) {
                        throw new RelpProtocolException("the server answered transaction " + frame.txnr()
                                + ", which is not waiting for an answer");
                    }
                    RelpResponse response = RelpResponse.parse(frame.data());
                    if (response.isOk()) {
                        acknowledged++;
                    } else {
                        refused++;
                        if (firstRefusal == null) {
                            firstRefusal = (response.isEmpty() ? "an empty answer" : "'" + response.statusLine() + "'")
                                    + " (first for message " + index + ")";
                        }
                    }
                }
                case "serverclose" -> throw new ServerClosedException();
                default -> throw new RelpProtocolException("unexpected RELP command '" + frame.command()
                        + "' from the server");
            }
        }

        /** Puts the unanswered messages back in front of the unsent ones, in their original order. */
        private void sessionBroke() {
            staleIdleMillis = -1;
            possibleDuplicates += inFlight.size();
            int[] requeued = new int[inFlight.size() + (to - from)];
            int n = 0;
            for (int index : inFlight.values()) {
                requeued[n++] = index;
            }
            System.arraycopy(pending, from, requeued, n, to - from);
            inFlight.clear();
            pending = requeued;
            from = 0;
            to = requeued.length;
        }

        private String timeoutError() {
            int unanswered = count - acknowledged - refused;
            if (!everConnected) {
                return "cannot deliver to " + name + ": " + (lastError != null ? lastError : "no time left to connect")
                        + attemptsText();
            }
            return "no acknowledgement from " + name + " within the deadline for " + unanswered + " of " + count
                    + " messages" + (lastError != null ? " (last error: " + lastError + attemptsText() + ")" : "");
        }

        private String attemptsText() {
            return failedAttempts > 1 ? "; " + failedAttempts + " connection attempts failed" : "";
        }

        private DeliveryResult finish(String error) {
            String message = error;
            if (refused > 0) {
                String refusal = name + " refused " + refused + " of " + count + " messages with " + firstRefusal;
                message = message == null ? refusal : refusal + "; " + message;
            } else if (message != null && !message.contains(name)) {
                message = name + ": " + message;
            }
            if (message == null) {
                return DeliveryResult.success(acknowledged, retries, bytesSent, possibleDuplicates);
            }
            return DeliveryResult.failure(acknowledged, count - acknowledged, retries, bytesSent, possibleDuplicates,
                    message);
        }
    }
}
