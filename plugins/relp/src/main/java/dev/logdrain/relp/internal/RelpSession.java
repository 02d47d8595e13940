package dev.logdrain.relp.internal;

import dev.logdrain.spi.Deadline;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One RELP session on one connected socket (plain or TLS): the {@code open} handshake, {@code syslog}
 * commands with consecutive transaction numbers, frames read back, and {@code close}. It does not keep
 * track of which transactions are unanswered: that is the caller's window.
 *
 * <p>Every blocking read is bounded by the deadline it is given (the socket read timeout is set from it).
 * Writes go through a buffer and are sent by {@link #flush()}; a write blocked by a server that stopped
 * reading is ended by closing the socket ({@link #abort()}), which the caller's watchdog does at the
 * deadline. Not thread-safe, except {@link #abort()}.
 */
public final class RelpSession implements Closeable {

    /** Largest rsp frame accepted: the answer to {@code open} carries offers, anything else is short. */
    static final int MAX_RESPONSE_DATA = 64 * 1024;

    private final Socket socket;
    private final InputStream socketIn;
    private final OutputStream out;
    private final RelpFrameReader reader;
    private final RelpFrameWriter writer = new RelpFrameWriter();
    private int nextTxnr = 1;
    private long bytesWritten;
    private long lastUsedNanos = System.nanoTime();
    private Offers serverOffers;

    public RelpSession(Socket socket) throws IOException {
        this.socket = socket;
        this.socketIn = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.reader = new RelpFrameReader(socketIn, MAX_RESPONSE_DATA);
    }

    /**
     * Sends {@code open} with our offers and checks the server's answer.
     *
     * @return the server's offers
     * @throws RelpRefusedException when the server answers with an error or lacks the syslog command
     * @throws IOException          when the connection fails or the answer is not RELP
     */
    public Offers open(String software, Deadline deadline) throws IOException {
        byte[] offers = Offers.client(software).getBytes(StandardCharsets.US_ASCII);
        int txnr = send("open", offers, 0, offers.length);
        flush();
        RelpFrame frame = read(deadline);
        if (frame.command().equals("serverclose")) {
            throw new ServerClosedException();
        }
        if (!frame.command().equals("rsp") || frame.txnr() != txnr) {
            throw new RelpProtocolException("expected the answer to 'open' (rsp " + txnr + "), got '" + frame + "'");
        }
        RelpResponse response = RelpResponse.parse(frame.data());
        if (!response.isOk()) {
            throw new RelpRefusedException("the server refused the RELP session: " + response.statusLine());
        }
        Offers answer = Offers.parse(response.data());
        if (!answer.values("commands").contains("syslog")) {
            throw new RelpRefusedException("the server does not accept syslog messages over RELP (it offers commands="
                    + answer.value("commands") + ")");
        }
        if (answer.has("relp_version") && !answer.values("relp_version").equals(
                java.util.List.of(String.valueOf(Offers.RELP_VERSION)))) {
            throw new RelpRefusedException("the server wants RELP version " + answer.value("relp_version")
                    + "; logdrain speaks version " + Offers.RELP_VERSION);
        }
        serverOffers = answer;
        return answer;
    }

    /** The offers the server answered {@code open} with, or null before {@link #open}. */
    public Offers serverOffers() {
        return serverOffers;
    }

    /** Queues one {@code syslog} command; returns its transaction number. Sent by {@link #flush()} at the latest. */
    public int sendSyslog(byte[] data, int offset, int length) throws IOException {
        return send("syslog", data, offset, length);
    }

    private int send(String command, byte[] data, int offset, int length) throws IOException {
        int txnr = nextTxnr;
        bytesWritten += writer.write(out, txnr, command, data, offset, length);
        // after 999999999 RELP starts again at 1 (0 is reserved for unsolicited server frames)
        nextTxnr = txnr == RelpFrameWriter.MAX_TXNR ? 1 : txnr + 1;
        return txnr;
    }

    public void flush() throws IOException {
        out.flush();
        lastUsedNanos = System.nanoTime();
    }

    /**
     * Reads the next frame, waiting no longer than the deadline.
     *
     * @throws SocketTimeoutException when the deadline passes first
     */
    public RelpFrame read(Deadline deadline) throws IOException {
        while (true) {
            if (deadline.isExpired()) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout(deadline.socketTimeoutMillis());
            long received = reader.bytesReceived();
            try {
                RelpFrame frame = reader.read();
                lastUsedNanos = System.nanoTime();
                return frame;
            } catch (SocketTimeoutException e) {
                // the timeout is rounded to whole milliseconds: only a passed deadline ends the wait,
                // unless part of a frame came in (the reader cannot resume inside a frame)
                if (deadline.remainingMillis() > 1 && received == reader.bytesReceived()) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** Whether a frame has (at least partly) arrived, so that {@link #read} will not wait for the server. */
    public boolean frameArriving() throws IOException {
        return reader.hasBufferedData() || socketIn.available() > 0;
    }

    /**
     * Checks an idle session before reuse: false when the server closed it or announced {@code serverclose}
     * (a server restart, an idle timeout), so that the caller reconnects instead of sending into a dead
     * connection. Waits at most a millisecond.
     */
    public boolean isAlive() {
        if (socket.isClosed()) {
            return false;
        }
        if (reader.hasBufferedData()) {
            return false;
        }
        long received = reader.bytesReceived();
        try {
            socket.setSoTimeout(1);
            reader.read();
            // anything from an idle server (serverclose, or a stray frame) means we cannot trust the session
            return false;
        } catch (SocketTimeoutException e) {
            return received == reader.bytesReceived();
        } catch (IOException e) {
            return false;
        }
    }

    /** Nanoseconds (System.nanoTime) of the last completed write or read. */
    public long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Bytes of frames written so far, framing included. */
    public long bytesWritten() {
        return bytesWritten;
    }

    public Socket socket() {
        return socket;
    }

    /** Closes politely: {@code close}, wait at most {@code grace} for its answer, then close the socket. */
    public void close(Duration grace) {
        try {
            if (!socket.isClosed()) {
                int txnr = send("close", new byte[0], 0, 0);
                flush();
                Deadline deadline = Deadline.after(grace);
                while (true) {
                    RelpFrame frame = read(deadline);
                    if (frame.command().equals("serverclose") || frame.txnr() == txnr) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the socket is closed below in any case
        } finally {
            abort();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(1));
    }

    /** Closes the socket at once, from any thread; a blocked read or write fails. */
    public void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
