package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Gzip data read from a stream, inflated as it is read: {@link GzipBytes} for data that is not in memory. It
 * replaces {@code GZIPInputStream}, which calls itself once per member (10,000 empty members overflow the
 * stack) and stops after a member when the stream has no bytes {@code available()} at that moment (a pipe):
 * here members are read in a loop until the data ends, at most {@code maxMembers} of them. Header flags are
 * honoured, each member's CRC-32 and size are checked, and bytes after the last member that are not a gzip
 * header are ignored, as {@code GZIPInputStream} does. Failures are {@link InvalidInputException}s that name
 * the input; closing it frees the inflater's native memory (the stream it reads stays open).
 */
public final class GzipStream extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final String where;
    private final int maxMembers;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[64 * 1024];
    /** The bytes of {@link #buffer} not given to the inflater yet: [position, limit). */
    private int position;
    private int limit;
    private int members = 1;
    private boolean eof;

    /**
     * Reads the first member's header.
     *
     * @param where names the input in error messages
     * @throws InvalidInputException when the data does not start with a gzip header
     */
    public GzipStream(InputStream in, String where, int maxMembers) throws IOException {
        this.in = in;
        this.where = where;
        this.maxMembers = maxMembers;
        try {
            header(true);
        } catch (IOException | RuntimeException e) {
            inflater.end();
            throw e;
        }
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
                position = limit - inflater.getRemaining();
                if (!nextMember()) {
                    eof = true;
                    return -1;
                }
            } else if (inflater.needsDictionary()) {
                throw corrupt("it asks for a preset dictionary");
            } else if (inflater.needsInput()) {
                position = limit;
                if (!fill()) {
                    throw truncated();
                }
                inflater.setInput(buffer, position, limit - position);
                position = limit;
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
        if (!need(8)) {
            throw truncated();
        }
        if (uint32(position) != crc.getValue() || uint32(position + 4) != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw corrupt("Corrupt GZIP trailer");
        }
        position += 8;
        if (!header(false)) {
            return false;
        }
        if (++members > maxMembers) {
            throw new InvalidInputException(where + " is gzip of more than " + maxMembers + " members");
        }
        return true;
    }

    /**
     * Reads a member header and gives the inflater what follows it. For a later member (not {@code first}):
     * false when the data ends or what follows is not a gzip header (ignored, as GZIPInputStream does).
     */
    private boolean header(boolean first) throws IOException {
        if (!first && !need(1)) {
            return false;
        }
        // the header is parsed from the buffer; it is short, except for the name, comment and extra field
        HeaderReader h = new HeaderReader();
        try {
            h.need(10);
            if ((h.at(0) & 0xFF) != 0x1F || (h.at(1) & 0xFF) != 0x8B) {
                throw new NotGzip("Not in GZIP format");
            }
            if (h.at(2) != 8) {
                throw new NotGzip("Unsupported compression method");
            }
            int flags = h.at(3) & 0xFF;
            h.skip(10);
            if ((flags & FEXTRA) != 0) {
                h.need(2);
                int length = (h.at(0) & 0xFF) | (h.at(1) & 0xFF) << 8;
                h.skip(2);
                h.skipBytes(length);
            }
            if ((flags & FNAME) != 0) {
                h.skipZeroTerminated();
            }
            if ((flags & FCOMMENT) != 0) {
                h.skipZeroTerminated();
            }
            if ((flags & FHCRC) != 0) {
                h.need(2);
                int expected = (h.at(0) & 0xFF) | (h.at(1) & 0xFF) << 8;
                if ((h.crc.getValue() & 0xFFFF) != expected) {
                    throw new NotGzip("Corrupt GZIP header");
                }
                h.skip(2);
            }
        } catch (NotGzip e) {
            if (first) {
                throw new InvalidInputException(where + " is not gzip: " + e.getMessage());
            }
            return false;
        } catch (Truncated e) {
            if (first) {
                throw new InvalidInputException(where + " is truncated gzip: it ends inside the gzip header");
            }
            return false;
        }
        inflater.reset();
        crc.reset();
        inflater.setInput(buffer, position, limit - position);
        position = limit;
        return true;
    }

    /** Reads through the header at {@link #position}, keeping a CRC of what it passes for FHCRC. */
    private final class HeaderReader {
        final CRC32 crc = new CRC32();

        byte at(int i) {
            return buffer[position + i];
        }

        void need(int n) throws IOException, Truncated {
            if (!GzipStream.this.need(n)) {
                throw new Truncated();
            }
        }

        void skip(int n) {
            crc.update(buffer, position, n);
            position += n;
        }

        void skipBytes(int n) throws IOException, Truncated {
            while (n > 0) {
                need(1);
                int step = Math.min(n, limit - position);
                skip(step);
                n -= step;
            }
        }

        void skipZeroTerminated() throws IOException, Truncated {
            while (true) {
                need(1);
                boolean end = buffer[position] == 0;
                skip(1);
                if (end) {
                    return;
                }
            }
        }
    }

    /** Whether at least n (at most a few dozen) bytes are buffered at {@link #position}, reading more if needed. */
    private boolean need(int n) throws IOException {
        while (limit - position < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
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

    private long uint32(int p) {
        byte[] b = buffer;
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
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
