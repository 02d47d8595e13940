package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Gzip data read from a stream, inflated as it is read: {@link GzipBytes} for data that is not in memory. It
 * replaces {@code GZIPInputStream}, which calls itself once per member (10,000 empty members overflow the
 * stack) and stops after a member when the stream has no bytes {@code available()} at that moment (a pipe):
 * here members are read in a loop until the data ends (see {@link GzipMembers}). Closing it frees the
 * inflater's native memory; the stream it reads stays open.
 */
public final class GzipStream extends GzipMembers {

    private final InputStream in;

    /**
     * Reads the first member's header.
     *
     * @param where names the input in error messages
     * @throws InvalidInputException when the data does not start with a gzip header
     */
    public GzipStream(InputStream in, String where, int maxMembers) throws IOException {
        super(new byte[64 * 1024], 0, 0, where, maxMembers);
        this.in = in;
        start();
    }

    /** Moves the unread bytes to the front and reads more after them. */
    @Override
    boolean fill() throws IOException {
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
