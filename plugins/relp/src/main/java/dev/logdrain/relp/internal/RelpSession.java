package dev.logdrain.relp.internal;

import dev.logdrain.spi.Deadline;
import dev.logdrain.net.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One RELP session on one {@link Connection} (plain TCP or TLS, shared with the tcp sinks): the
 * {@code open} handshake, {@code syslog} commands with consecutive transaction numbers, frames read back,
 * and {@code close}. It does not keep track of which transactions are unanswered: that is the caller's
 * window.
 *
 * <p>Frames are collected in a buffer and handed to the connection by {@link #flush}; every read and write
 * is bounded by the deadline it is given (the connection never blocks past it, not even when the server
 * stops reading). Not thread-safe, except {@link #abort()}.
 */
public final class RelpSession {

    /** Largest rsp frame accepted: the answer to {@code open} carries offers, anything else is short. */
    static final int MAX_RESPONSE_DATA = 64 * 1024;
    /** Frames collected beyond this are written out at once, so the buffer stays small. */
    private static final int FLUSH_THRESHOLD = 256 * 1024;

    private final Connection connection;
    private final ConnectionInput input = new ConnectionInput();
    private final FrameOutput output = new FrameOutput();
    private final RelpFrameReader reader;
    private final RelpFrameWriter writer = new RelpFrameWriter();
    private int nextTxnr = 1;
    private long bytesWritten;
    private long lastUsedNanos = System.nanoTime();
    private Offers serverOffers;

    public RelpSession(Connection connection) {
        this.connection = connection;
        this.reader = new RelpFrameReader(input, MAX_RESPONSE_DATA);
    }

    /**
     * Sends {@code open} with our offers and checks the server's answer.
     *
     * @return the server's offers
     * @throws RelpRefusedException  when the server answers with an error or lacks the syslog command
     * @throws RelpProtocolException when the answer is not RELP
     * @throws IOException           when the connection fails
     */
    public Offers open(String software, Deadline deadline) throws IOException {
        byte[] offers = Offers.client(software).getBytes(StandardCharsets.US_ASCII);
        int txnr = append("open", offers, 0, offers.length, deadline);
        flush(deadline);
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
        if (answer.has("relp_version")
                && !answer.values("relp_version").equals(List.of(String.valueOf(Offers.RELP_VERSION)))) {
            throw new RelpRefusedException("the server wants RELP version " + answer.value("relp_version")
                    + "; logdrain speaks version " + Offers.RELP_VERSION);
        }
        serverOffers = answer;
        return answer;
    }

    /** For tests: the transaction number of the next command (to see the wrap after 999999999). */
    void nextTxnr(int txnr) {
        this.nextTxnr = txnr;
    }

    /** The offers the server answered {@code open} with, or null before {@link #open}. */
    public Offers serverOffers() {
        return serverOffers;
    }

    /**
     * Queues one {@code syslog} command and returns its transaction number. It is sent by {@link #flush} at
     * the latest (earlier when many bytes are queued, which may wait for the server up to the deadline).
     */
    public int sendSyslog(byte[] data, int offset, int length, Deadline deadline) throws IOException {
        return append("syslog", data, offset, length, deadline);
    }

    private int append(String command, byte[] data, int offset, int length, Deadline deadline) throws IOException {
        if (output.count > 0 && output.count + length > FLUSH_THRESHOLD) {
            flush(deadline);
        }
        int txnr = nextTxnr;
        writer.write(output, txnr, command, data, offset, length);
        // after 999999999 RELP starts again at 1 (0 is reserved for unsolicited server frames)
        nextTxnr = txnr == RelpFrameWriter.MAX_TXNR ? 1 : txnr + 1;
        return txnr;
    }

    /** Hands every queued frame to the connection, within the deadline. */
    public void flush(Deadline deadline) throws IOException {
        if (output.count == 0) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(output.buffer, 0, output.count);
        try {
            connection.write(bytes, deadline);
        } finally {
            bytesWritten += bytes.position();
            output.count = 0;
        }
        lastUsedNanos = System.nanoTime();
    }

    /**
     * Reads the next frame, waiting no longer than the deadline.
     *
     * @throws SocketTimeoutException when the deadline passes first
     */
    public RelpFrame read(Deadline deadline) throws IOException {
        input.deadline = deadline;
        RelpFrame frame = reader.read();
        lastUsedNanos = System.nanoTime();
        return frame;
    }

    /** Whether (part of) a frame has already been received, so that {@link #read} need not wait for it. */
    public boolean frameArriving() {
        return reader.hasBufferedData();
    }

    /**
     * Checks an idle session before reuse, without waiting: false when the server closed or reset it, or
     * sent something while idle (such as {@code serverclose} before a restart), so that the caller opens a
     * new session instead of sending into a dead one.
     */
    public boolean isAlive() {
        if (connection.isClosed() || reader.hasBufferedData()
                || connection.probe() != Connection.Status.OPEN) {
            return false;
        }
        long received = reader.bytesReceived();
        try {
            read(Deadline.afterMillis(0));
            return false; // any frame from an idle server means we cannot trust the session
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

    /** Bytes handed to the connection so far, framing included. */
    public long bytesWritten() {
        return bytesWritten;
    }

    public Connection connection() {
        return connection;
    }

    /** Closes politely: {@code close}, wait at most {@code grace} for its answer, then close the connection. */
    public void close(Duration grace) {
        try {
            if (!connection.isClosed()) {
                Deadline deadline = Deadline.after(grace);
                output.count = 0; // frames never flushed belong to a failed batch
                int txnr = append("close", new byte[0], 0, 0, deadline);
                flush(deadline);
                while (true) {
                    RelpFrame frame = read(deadline);
                    if (frame.command().equals("serverclose") || frame.txnr() == txnr) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the connection is closed below in any case
        } finally {
            abort();
        }
    }

    /** Closes the connection at once, from any thread. */
    public void abort() {
        connection.close();
    }

    /** The connection as an InputStream for the frame reader, bounded by the current read's deadline. */
    private final class ConnectionInput extends InputStream {
        private Deadline deadline = Deadline.afterMillis(0);

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return connection.read(ByteBuffer.wrap(b, off, len), deadline);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** A growable byte array that frames are encoded into before they go to the connection in one write. */
    private static final class FrameOutput extends OutputStream {
        private byte[] buffer = new byte[64 * 1024];
        private int count;

        @Override
        public void write(int b) {
            ensure(1);
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        private void ensure(int extra) {
            if (count + extra > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(count + extra, buffer.length * 2));
            }
        }
    }
}
