package dev.logdrain.relp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes RELP frames from a stream, strictly: at most nine digits of TXNR and DATALEN, a command of
 * 1 to 32 letters, single spaces, the LF trailer, and no more data than {@code maxDataLength}. Anything
 * else is a {@link RelpProtocolException} quoting what was read, so a non-RELP peer (say a plain syslog
 * port or an HTTP server) is named as such rather than hanging the session.
 *
 * <p>Reads through its own buffer; {@link #hasBufferedData()} tells whether a frame may be decoded
 * without touching the stream. Not thread-safe.
 */
public final class RelpFrameReader {

    private final InputStream in;
    private final int maxDataLength;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private long bytesReceived;

    public RelpFrameReader(InputStream in, int maxDataLength) {
        this.in = in;
        this.maxDataLength = maxDataLength;
    }

    /**
     * Bytes read from the stream so far. When a read times out and this did not change, no frame was begun
     * and reading may simply be tried again; otherwise the frame is lost and so is the session.
     */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Whether bytes already read from the stream are waiting to be decoded. */
    public boolean hasBufferedData() {
        return pos < limit;
    }

    /**
     * Reads the next frame, blocking as the stream blocks (socket timeouts pass through as they are).
     *
     * @throws EOFException          when the stream ends between frames or inside one
     * @throws RelpProtocolException when the bytes are not a RELP frame
     */
    public RelpFrame read() throws IOException {
        int txnr = readNumber("TXNR", true);
        String command = readCommand();
        int length = readNumber("DATALEN", false);
        if (length > maxDataLength) {
            throw new RelpProtocolException("RELP frame " + txnr + " " + command + " announces " + length
                    + " bytes of data, more than the " + maxDataLength + " accepted");
        }
        int separator = readByte();
        byte[] data;
        if (length == 0) {
            data = new byte[0];
            // "0" is followed directly by the trailer; tolerate "0 " + LF, which some peers send
            expectTrailer(separator == ' ' ? readByte() : separator, txnr, command);
        } else {
            if (separator != ' ') {
                throw new RelpProtocolException("RELP frame " + txnr + " " + command
                        + ": expected a space after DATALEN, found " + describe(separator));
            }
            data = new byte[length];
            int filled = 0;
            while (filled < length) {
                if (pos == limit) {
                    fill();
                }
                int n = Math.min(length - filled, limit - pos);
                System.arraycopy(buffer, pos, data, filled, n);
                pos += n;
                filled += n;
            }
            expectTrailer(readByte(), txnr, command);
        }
        return new RelpFrame(txnr, command, data);
    }

    private void expectTrailer(int b, int txnr, String command) throws RelpProtocolException {
        if (b != '\n') {
            throw new RelpProtocolException("RELP frame " + txnr + " " + command
                    + " does not end with a line feed (found " + describe(b) + ")");
        }
    }

    /** Reads digits: TXNR up to its space; DATALEN up to the first non-digit, which is left unread. */
    private int readNumber(String field, boolean isTxnr) throws IOException {
        int value = 0;
        int digits = 0;
        while (true) {
            int b = isTxnr && digits == 0 ? readFirstByte() : readByte();
            if (b >= '0' && b <= '9') {
                if (++digits > 9) {
                    throw new RelpProtocolException("not a RELP peer: " + field + " has more than 9 digits");
                }
                value = value * 10 + (b - '0');
            } else if (digits == 0) {
                throw new RelpProtocolException("not a RELP peer: expected the digits of " + field + ", found "
                        + describe(b) + context());
            } else if (!isTxnr) {
                pos--; // the caller checks what ends DATALEN: a space before data, or LF when it is 0
                return value;
            } else if (b == ' ') {
                return value;
            } else {
                throw new RelpProtocolException("not a RELP peer: expected a space after " + field
                        + ", found " + describe(b) + context());
            }
        }
    }

    private String readCommand() throws IOException {
        StringBuilder command = new StringBuilder(12);
        while (true) {
            int b = readByte();
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
                if (command.length() == 32) {
                    throw new RelpProtocolException("not a RELP peer: command longer than 32 letters");
                }
                command.append((char) b);
            } else if (b == ' ' && command.length() > 0) {
                return command.toString();
            } else {
                throw new RelpProtocolException("not a RELP peer: expected a command, found " + describe(b)
                        + context());
            }
        }
    }

    /** The first byte of a frame: a clean end of stream here is an EOF between frames. */
    private int readFirstByte() throws IOException {
        if (pos == limit && !tryFill()) {
            throw new EOFException("connection closed by the server");
        }
        return buffer[pos++] & 0xFF;
    }

    private int readByte() throws IOException {
        if (pos == limit) {
            fill();
        }
        return buffer[pos++] & 0xFF;
    }

    private void fill() throws IOException {
        if (!tryFill()) {
            throw new EOFException("connection closed by the server in the middle of a RELP frame");
        }
    }

    private boolean tryFill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        bytesReceived += n;
        return true;
    }

    /** Up to 40 bytes around the error, printable, to show what the peer speaks. */
    private String context() {
        int from = Math.max(0, pos - 20);
        int to = Math.min(limit, pos + 20);
        String text = new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder(" near '");
        for (char c : text.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? c : '.');
        }
        return sb.append('\'').toString();
    }

    private static String describe(int b) {
        if (b == '\n') {
            return "a line feed";
        }
        if (b >= 0x21 && b < 0x7F) {
            return "'" + (char) b + "'";
        }
        return String.format("byte 0x%02x", b);
    }
}
