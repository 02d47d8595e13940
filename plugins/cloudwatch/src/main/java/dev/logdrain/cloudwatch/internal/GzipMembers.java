package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The gzip format as {@link GzipBytes} (data in memory) and {@link GzipStream} (data read from a stream) both
 * read it, the way {@code GZIPInputStream} does: members back to back are inflated one after the other, header
 * flags (extra field, name, comment, header CRC) are honoured, each member's CRC-32 and size are checked, and
 * bytes after the last member that are not a gzip header are ignored. Members are read in a loop (no
 * recursion), at most {@code maxMembers}. The subclasses say only how more bytes are read ({@link #fill()}).
 * Failures are {@link InvalidInputException}s that name the input. Not thread-safe; closing it frees the
 * inflater's native memory at once.
 */
abstract sealed class GzipMembers extends InputStream permits GzipBytes, GzipStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    /** The bytes read so far: those from position to limit are not given to the inflater or read as header yet. */
    final byte[] buffer;
    int position;
    int limit;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final String where;
    private final int maxMembers;
    private int members = 1;
    private boolean eof;

    /** @param where names the input in error messages */
    GzipMembers(byte[] buffer, int position, int limit, String where, int maxMembers) {
        this.buffer = buffer;
        this.position = position;
        this.limit = limit;
        this.where = where;
        this.maxMembers = maxMembers;
    }

    /** Reads more bytes into {@link #buffer}, moving those after the position; false at the end of the data. */
    abstract boolean fill() throws IOException;

    /**
     * Reads the first member's header; the subclass's constructor calls it last.
     *
     * @throws InvalidInputException when the data does not start with a gzip header
     */
    final void start() throws IOException {
        try {
            header();
        } catch (Truncated e) {
            inflater.end();
            throw new InvalidInputException(where + " is truncated gzip: it ends inside the gzip header");
        } catch (NotGzip e) {
            inflater.end();
            throw new InvalidInputException(where + " is not gzip: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            inflater.end();
            throw e;
        }
        giveInput();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (eof) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw corrupt(e.getMessage() != null ? e.getMessage() : "Invalid ZLIB data format");
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                if (!nextMember()) {
                    eof = true;
                    return -1;
                }
            } else if (inflater.needsDictionary()) {
                throw corrupt("it asks for a preset dictionary");
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw truncated();
                }
                giveInput();
            }
        }
    }

    @Override
    public int available() {
        return eof ? 0 : 1;
    }

    @Override
    public void close() {
        eof = true;
        inflater.end();
    }

    /** Checks the trailer of the member just inflated and moves to the next member if there is one. */
    private boolean nextMember() throws IOException {
        position = limit - inflater.getRemaining();
        try {
            need(8);
        } catch (Truncated e) {
            throw truncated();
        }
        if (uint32(0) != crc.getValue() || uint32(4) != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw corrupt("Corrupt GZIP trailer");
        }
        skip(8, null);
        try {
            need(1);
            header();
        } catch (Truncated | NotGzip e) {
            return false; // as GZIPInputStream: anything after the last member that is not a member is ignored
        }
        if (++members > maxMembers) {
            throw new InvalidInputException(where + " is gzip of more than " + maxMembers + " members");
        }
        inflater.reset();
        crc.reset();
        giveInput();
        return true;
    }

    /** Makes sure that at least {@code n} (a few) bytes are there at the position; Truncated if the data ends first. */
    private void need(int n) throws IOException, Truncated {
        while (limit - position < n) {
            if (!fill()) {
                throw new Truncated();
            }
        }
    }

    private byte at(int i) {
        return buffer[position + i];
    }

    /** Moves the position past {@code n} of the bytes that are there, adding them to {@code headerCrc} if any. */
    private void skip(int n, CRC32 headerCrc) {
        if (headerCrc != null) {
            headerCrc.update(buffer, position, n);
        }
        position += n;
    }

    /** Gives the inflater the bytes from the position to the limit. */
    private void giveInput() {
        inflater.setInput(buffer, position, limit - position);
        position = limit;
    }

    /** Moves the position past the member header there. */
    private void header() throws IOException, Truncated, NotGzip {
        need(10);
        if ((at(0) & 0xFF) != 0x1F || (at(1) & 0xFF) != 0x8B) {
            throw new NotGzip("Not in GZIP format");
        }
        if (at(2) != 8) {
            throw new NotGzip("Unsupported compression method");
        }
        int flags = at(3) & 0xFF;
        CRC32 headerCrc = (flags & FHCRC) != 0 ? new CRC32() : null;
        skip(10, headerCrc);
        if ((flags & FEXTRA) != 0) {
            need(2);
            int length = uint16();
            skip(2, headerCrc);
            while (length > 0) {
                need(1);
                int step = Math.min(length, limit - position);
                skip(step, headerCrc);
                length -= step;
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated(headerCrc);
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated(headerCrc);
        }
        if (headerCrc != null) {
            need(2);
            if ((headerCrc.getValue() & 0xFFFF) != uint16()) {
                throw new NotGzip("Corrupt GZIP header");
            }
            skip(2, null);
        }
    }

    private void skipZeroTerminated(CRC32 headerCrc) throws IOException, Truncated {
        while (true) {
            need(1);
            boolean zero = at(0) == 0;
            skip(1, headerCrc);
            if (zero) {
                return;
            }
        }
    }

    private int uint16() {
        return (at(0) & 0xFF) | (at(1) & 0xFF) << 8;
    }

    private long uint32(int i) {
        return (at(i) & 0xFFL) | (at(i + 1) & 0xFFL) << 8 | (at(i + 2) & 0xFFL) << 16 | (at(i + 3) & 0xFFL) << 24;
    }

    private InvalidInputException truncated() {
        return new InvalidInputException(where + " is truncated gzip: the data ends before the gzip stream does");
    }

    private InvalidInputException corrupt(String why) {
        return new InvalidInputException(where + " is corrupt gzip: " + why);
    }

    private static final class Truncated extends Exception {
        Truncated() {
            super(null, null, false, false);
        }
    }

    private static final class NotGzip extends Exception {
        NotGzip(String message) {
            super(message, null, false, false);
        }
    }
}
