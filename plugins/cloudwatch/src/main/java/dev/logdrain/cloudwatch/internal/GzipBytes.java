package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.util.zip.Inflater;

/**
 * Gzip data held in memory, inflated as it is read: one raw {@link Inflater} over the array, straight into the
 * reader's buffer (no input buffer, no stream chain). Reads the format as {@link GzipMembers} does, and as
 * {@code GZIPInputStream} does.
 */
final class GzipBytes extends GzipMembers {

    /**
     * @param where names the input in error messages
     * @throws InvalidInputException when the data does not start with a gzip header
     */
    GzipBytes(byte[] data, int off, int len, String where, int maxMembers) throws IOException {
        super(data, off, off + len, where, maxMembers);
        start();
    }

    @Override
    boolean fill() {
        return false; // all the data is there from the start
    }
}
