package dev.logdrain.relp.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes RELP frames: {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}. The data is written as it is:
 * RELP counts octets, so a line feed inside a message cannot end the frame early.
 */
public final class RelpFrameWriter {

    /** RELP limits TXNR and DATALEN to nine digits. */
    public static final int MAX_TXNR = 999_999_999;
    public static final int MAX_DATA_LENGTH = 999_999_999;

    private final byte[] header = new byte[9 + 1 + 32 + 1 + 9 + 1];

    /**
     * Writes one frame.
     *
     * @return the number of bytes written
     */
    public int write(OutputStream out, int txnr, String command, byte[] data, int offset, int length)
            throws IOException {
        if (txnr < 0 || txnr > MAX_TXNR) {
            throw new IllegalArgumentException("txnr out of range: " + txnr);
        }
        if (length < 0 || length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("data length out of range: " + length);
        }
        if (command.isEmpty() || command.length() > 32) {
            throw new IllegalArgumentException("bad command: " + command);
        }
        int pos = writeDecimal(txnr, 0);
        header[pos++] = ' ';
        for (int i = 0; i < command.length(); i++) {
            header[pos++] = (byte) command.charAt(i);
        }
        header[pos++] = ' ';
        pos = writeDecimal(length, pos);
        if (length > 0) {
            header[pos++] = ' ';
            out.write(header, 0, pos);
            out.write(data, offset, length);
            out.write('\n');
            return pos + length + 1;
        }
        header[pos++] = '\n';
        out.write(header, 0, pos);
        return pos;
    }

    private int writeDecimal(int value, int pos) {
        if (value == 0) {
            header[pos] = '0';
            return pos + 1;
        }
        int digits = 0;
        for (int v = value; v > 0; v /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int v = value, i = end; v > 0; v /= 10) {
            header[--i] = (byte) ('0' + v % 10);
        }
        return end;
    }
}
