package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * Gzip data read from a stream, inflated as it is read: {@link GzipBytes} for data that is not in memory. It
 * replaces {@code GZIPInputStream}, which calls itself once per member (10,000 empty members overflow the
 * stack) and stops after a member when the stream has no bytes {@code available()} at that moment (a pipe):
 * here members are read in a loop until the data ends (see {@link GzipMembers}). Closing it frees the
 * inflater's native memory; the stream it reads stays open.
 */
public final class GzipStream extends GzipMembers {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    /** The bytes of {@link #buffer} not given to the inflater yet, or not yet read as header or trailer. */
    private int position;
    private int limit;

    /**
     * Reads the first member's header.
     *
     * @param where names the input in error messages
     * @throws InvalidInputException when the data does not start with a gzip header
     */
    public GzipStream(InputStream in, String where, int maxMembers) throws IOException {
        super(where, maxMembers);
        this.in = in;
        start();
    }

    /** Reads until n (at most a few dozen) bytes are buffered at the position. */
    @Override
    void need(int n) throws IOException, Truncated {
        while (limit - position < n) {
            if (!fill()) {
                throw new Truncated();
            }
        }
    }

    @Override
    byte at(int i) {
        return buffer[position + i];
    }

    @Override
    void skip(int n, CRC32 headerCrc) {
        if (headerCrc != null) {
            headerCrc.update(buffer, position, n);
        }
        position += n;
    }

    @Override
    int buffered() {
        return limit - position;
    }

    @Override
    void giveInput() {
        inflater.setInput(buffer, position, limit - position);
        position = limit;
    }

    @Override
    boolean moreInput() throws IOException {
        if (!fill()) {
            return false;
        }
        giveInput();
        return true;
    }

    @Override
    void takeBack(int unused) {
        position = limit - unused;
    }

    /** Moves the unread bytes to the front and reads more after them; false at the end of the data. */
    private boolean fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int r = in.read(buffer, limit, buffer.length - limit);
        if (r < 0) {
            return false;
        }
        limit += r;
        return true;
    }
}
