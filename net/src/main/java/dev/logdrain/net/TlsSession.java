package dev.logdrain.net;

import dev.logdrain.spi.Deadline;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * The TLS side of a {@link Connection}: the handshake, the wait for the server's verdict on a client certificate,
 * unwrapping the records that arrive, and the engine's steps during a write (tasks, a peer's key update). It works
 * on the connection's buffers and socket, under the connection's lock.
 */
final class TlsSession {

    /** Bounds of the wait for a silent server's verdict on a client certificate: see awaitVerdict. */
    static final Duration VERDICT_MIN_WAIT = Duration.ofMillis(250);
    static final Duration VERDICT_MAX_WAIT = Duration.ofSeconds(2);

    private final Connection c;
    private final SSLEngine engine;
    private long recordsIn;
    private boolean handshakeDone;
    /** The server asked for a client certificate and its verdict was not awaited: see verdictFrom. */
    private boolean verdictNotAwaited;
    private boolean haveCert;
    private long recordsAtHandshake;

    TlsSession(Connection connection, SSLEngine engine) {
        this.c = connection;
        this.engine = engine;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    void handshake(Deadline deadline, ClientKeyManager keyManager, boolean haveCert, boolean awaitVerdict)
            throws IOException {
        this.haveCert = haveCert;
        long start = System.nanoTime();
        long firstFlushNanos = 0;
        long firstAnswerNanos = 0;
        try {
            engine.beginHandshake();
            HandshakeStatus status = engine.getHandshakeStatus();
            while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
                switch (status) {
                    case NEED_WRAP -> {
                        if (c.netOut.remaining() < engine.getSession().getPacketBufferSize()) {
                            c.flush(deadline);
                        }
                        SSLEngineResult result = engine.wrap(Connection.EMPTY, c.netOut);
                        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                            c.flush(deadline);
                            c.netOut = Connection.grow(c.netOut, engine.getSession().getPacketBufferSize());
                        } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                            c.flushQuietly();
                            throw new SSLException("the TLS session was closed during the handshake");
                        }
                        status = result.getHandshakeStatus();
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (c.netOut.position() > 0) {
                            c.flush(deadline); // the server answers only what it received
                            if (firstFlushNanos == 0) {
                                firstFlushNanos = System.nanoTime();
                            }
                        }
                        c.netIn.flip();
                        SSLEngineResult result;
                        try {
                            result = engine.unwrap(c.netIn, c.appIn);
                        } finally {
                            c.netIn.compact();
                        }
                        switch (result.getStatus()) {
                            case OK -> status = result.getHandshakeStatus();
                            case BUFFER_OVERFLOW -> {
                                c.appIn = Connection.grow(c.appIn, engine.getSession().getApplicationBufferSize());
                                status = engine.getHandshakeStatus();
                            }
                            case BUFFER_UNDERFLOW -> {
                                if (!c.netIn.hasRemaining()) {
                                    c.netIn = Connection.grow(c.netIn, engine.getSession().getPacketBufferSize());
                                }
                                int n = c.channel.read(c.netIn);
                                if (n < 0) {
                                    throw new EOFException("the server closed the connection during the TLS handshake");
                                }
                                if (n > 0 && firstAnswerNanos == 0) {
                                    firstAnswerNanos = System.nanoTime();
                                }
                                if (n == 0) {
                                    long left = deadline.remainingNanos();
                                    if (left <= 0) {
                                        throw new SocketTimeoutException("TLS handshake with " + c.endpoint
                                                + " timed out: no answer from the server");
                                    }
                                    c.await(SelectionKey.OP_READ, left);
                                }
                                status = engine.getHandshakeStatus();
                            }
                            case CLOSED -> throw new SSLException("the server closed the TLS session during the handshake");
                        }
                    }
                    case NEED_TASK -> {
                        runTasks();
                        status = engine.getHandshakeStatus();
                    }
                    default -> throw new SSLException("unexpected TLS handshake state " + status);
                }
            }
            c.flush(deadline); // our Finished
        } catch (SSLException e) {
            c.flushQuietly(); // our alert, if the engine queued one
            throw TlsErrors.handshakeFailure(e, c.endpoint, keyManager.serverAsked(engine), haveCert);
        } catch (EOFException e) {
            if (keyManager.serverAsked(engine) && !haveCert) {
                throw TlsErrors.handshakeFailure(e, c.endpoint, true, false);
            }
            throw e;
        }
        handshakeDone = true;
        long handshakeNanos = System.nanoTime() - start;
        SSLSession session = engine.getSession();
        boolean asked = keyManager.serverAsked(engine);
        if (asked && awaitVerdict) {
            // a finished handshake does not prove the server accepted our certificate yet: see awaitVerdict
            c.fact("client_certificate_verdict", awaitVerdict(deadline, firstAnswerNanos - firstFlushNanos, haveCert));
        } else if (asked) {
            verdictNotAwaited = true;
            recordsAtHandshake = recordsIn;
            c.fact("client_certificate_verdict", "not awaited: the protocol's first answer is the verdict");
        }
        keyManager.forget(engine);
        c.fact("protocol", session.getProtocol());
        c.fact("cipher", session.getCipherSuite());
        try {
            Certificate[] peer = session.getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate leaf) {
                c.fact("peer", leaf.getSubjectX500Principal().getName());
                c.fact("peer_names", VerifyingTrustManager.subjectNames(leaf));
                c.fact("issuer", leaf.getIssuerX500Principal().getName());
                c.fact("not_after", leaf.getNotAfter().toInstant().toString());
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException ignored) {
            // cannot happen after a verified handshake
        }
        c.fact("servername", engine.getPeerHost());
        Certificate[] local = session.getLocalCertificates();
        c.fact("client_certificate", local != null && local.length > 0 && local[0] instanceof X509Certificate mine
                ? mine.getSubjectX500Principal().getName() : asked ? "none (the server asked for one)" : "none");
        c.fact("handshake_ms", Long.toString(handshakeNanos / 1_000_000));
    }

    /**
     * Waits for the server's verdict on our client certificate (or its absence) after a handshake in which
     * it asked for one. Under TLS 1.3 the server checks it after our Finished; and some servers (rsyslog gtls)
     * check it in the application after the TLS handshake under either version and refuse with a bare close.
     * An alert, a reset or a close fails the connection. The server's first record (OpenSSL sends its session
     * tickets after its check) counts as acceptance. A server that sends nothing (GnuTLS sends no ticket, and
     * like OpenSSL it answers a KeyUpdate only with its next write, which a syslog server never makes) is
     * taken as accepting after a wait scaled to how fast it answered our ClientHello (a refusal takes about
     * as long): four times that, at least {@link #VERDICT_MIN_WAIT}, at most {@link #VERDICT_MAX_WAIT}.
     *
     * @return the verdict, for the facts
     */
    private String awaitVerdict(Deadline deadline, long answerNanos, boolean haveCert) throws IOException {
        long start = System.nanoTime();
        long wait = Math.min(VERDICT_MAX_WAIT.toNanos(), Math.max(VERDICT_MIN_WAIT.toNanos(), 4 * answerNanos));
        Deadline verdictDeadline = deadline.atMost(Duration.ofNanos(wait));
        long before = recordsIn;
        while (recordsIn == before) {
            int n;
            try {
                n = c.pump();
            } catch (SSLException e) {
                throw TlsErrors.handshakeFailure(e, c.endpoint, true, haveCert);
            } catch (IOException e) {
                throw TlsErrors.handshakeFailure(new SSLHandshakeException("the server reset the connection right after"
                        + " the handshake: " + e.getMessage()), c.endpoint, true, haveCert);
            }
            if (n < 0) {
                throw TlsErrors.handshakeFailure(new SSLHandshakeException(
                        "the server closed the connection right after the handshake"), c.endpoint, true, haveCert);
            }
            if (n == 0) {
                long left = verdictDeadline.remainingNanos();
                if (left <= 0) {
                    return "no alert and no close within " + (System.nanoTime() - start) / 1_000_000
                            + " ms after the handshake: taken as accepted";
                }
                c.await(SelectionKey.OP_READ, left);
            }
        }
        return "accepted: the server's first record after the handshake came after "
                + (System.nanoTime() - start) / 1_000_000 + " ms";
    }

    /** Whether a failure now may be the server's verdict on the client certificate: no record came after it. */
    boolean verdictPending() {
        return verdictNotAwaited && recordsIn == recordsAtHandshake;
    }

    /** A failure before the server's first record after a handshake in which it asked for a client certificate. */
    IOException verdictFrom(IOException failure) {
        if (failure instanceof SSLException tlsFailure) {
            return TlsErrors.handshakeFailure(tlsFailure, c.endpoint, true, haveCert);
        }
        String what = failure instanceof EOFException ? "closed the connection" : "reset the connection";
        SSLHandshakeException e = new SSLHandshakeException("the server " + what + " right after the handshake,"
                + " before its first answer: " + failure.getMessage());
        e.initCause(failure);
        return TlsErrors.handshakeFailure(e, c.endpoint, true, haveCert);
    }

    void unwrapAvailable() throws IOException {
        c.netIn.flip();
        try {
            while (c.netIn.hasRemaining()) {
                if (c.appIn.remaining() < engine.getSession().getApplicationBufferSize()) {
                    c.appIn = Connection.grow(c.appIn, engine.getSession().getApplicationBufferSize());
                }
                SSLEngineResult result = engine.unwrap(c.netIn, c.appIn);
                if (result.bytesConsumed() > 0) {
                    recordsIn++;
                }
                switch (result.getStatus()) {
                    case BUFFER_UNDERFLOW, CLOSED -> {
                        return;
                    }
                    case BUFFER_OVERFLOW -> c.appIn = Connection.grow(c.appIn, engine.getSession().getApplicationBufferSize());
                    case OK -> {
                        HandshakeStatus hs = result.getHandshakeStatus();
                        if (hs == HandshakeStatus.NEED_TASK) {
                            runTasks();
                        } else if (hs == HandshakeStatus.NEED_WRAP) {
                            // e.g. a TLS 1.3 KeyUpdate to answer; it leaves with the next flush
                            engine.wrap(Connection.EMPTY, c.netOut);
                        }
                        if (result.bytesConsumed() == 0 && result.bytesProduced() == 0 && hs != HandshakeStatus.NEED_TASK) {
                            return;
                        }
                    }
                }
            }
        } finally {
            c.netIn.compact();
        }
    }

    void afterEngineStep(SSLEngineResult result, Deadline deadline) throws IOException {
        HandshakeStatus hs = result.getHandshakeStatus();
        if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                && hs != HandshakeStatus.NEED_TASK && hs != HandshakeStatus.NEED_UNWRAP && hs != HandshakeStatus.NEED_WRAP) {
            throw new SSLException("the TLS engine for " + c.endpoint + " made no progress (" + hs + ")");
        }
        if (hs == HandshakeStatus.NEED_TASK) {
            runTasks();
        } else if (hs == HandshakeStatus.NEED_UNWRAP && result.bytesConsumed() == 0) {
            // the peer started a renegotiation or key update: its message must be read first
            if (c.pump() == 0) {
                long left = deadline.remainingNanos();
                if (left <= 0) {
                    throw new SocketTimeoutException("writing to " + c.endpoint + " did not finish by the deadline");
                }
                c.await(SelectionKey.OP_READ, left);
            }
            if (c.inputDone) {
                throw new EOFException(c.endpoint + " closed the connection");
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
