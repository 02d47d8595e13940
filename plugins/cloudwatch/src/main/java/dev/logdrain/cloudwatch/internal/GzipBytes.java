package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * Gzip data held in memory, inflated as it is read: one raw {@link Inflater} over the array, straight into the
 * reader's buffer (no input buffer, no stream chain). Reads the format as {@link GzipMembers} does, and as
 * {@code GZIPInputStream} does.
 */
final class GzipBytes extends GzipMembers {

    private final byte[] data;
    private final int end;
    /** The first byte not given to the inflater, or not yet read as header or trailer. */
    private int position;

    /**
     * @param where names the input in error messages
     * @throws InvalidInputException when the data does not start with a gzip header
     */
    GzipBytes(byte[] data, int off, int len, String where, int maxMembers) throws IOException {
        super(where, maxMembers);
        this.data = data;
        this.end = off + len;
        this.position = off;
        start();
    }

    @Override
    void need(int n) throws Truncated {
        if (end - position < n) {
            throw new Truncated();
        }
    }

    @Override
    byte at(int i) {
        return data[position + i];
    }

    @Override
    void skip(int n, CRC32 headerCrc) {
        if (headerCrc != null) {
            headerCrc.update(data, position, n);
        }
        position += n;
    }

    @Override
    int buffered() {
        return end - position;
    }

    @Override
    void giveInput() {
        inflater.setInput(data, position, end - position);
        position = end;
    }

    @Override
    boolean moreInput() {
        return false; // it was given all the data
    }

    @Override
    void takeBack(int unused) {
        position = end - unused;
    }
}
