package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Gzip data held in memory, inflated as it is read: one raw {@link Inflater} over the array, straight into the
 * reader's buffer (no input buffer, no stream chain). Behaves as {@code GZIPInputStream} does: members back to
 * back are read one after the other, header flags (extra field, name, comment, header CRC) are honoured, each
 * member's CRC-32 and size are checked, and bytes after the last member that are not a gzip header are
 * ignored. Members are read in a loop (no recursion), at most {@code maxMembers}. Failures are
 * {@link InvalidInputException}s that name the input. Not thread-safe; closing it frees
 * the inflater's native memory at once.
 */
final class GzipBytes extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final byte[] data;
    private final int end;
    private final String where;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final int maxMembers;
    private int members = 1;
    private boolean eof;

    /**
     * @param where names the input in error messages
     * @throws InvalidInputException when the data does not start with a gzip header
     */
    GzipBytes(byte[] data, int off, int len, String where, int maxMembers) {
        this.data = data;
        this.maxMembers = maxMembers;
        this.end = off + len;
        this.where = where;
        int body;
        try {
            body = header(off);
        } catch (Truncated e) {
            inflater.end();
            throw new InvalidInputException(where + " is truncated gzip: it ends inside the gzip header");
        } catch (NotGzip e) {
            inflater.end();
            throw new InvalidInputException(where + " is not gzip: " + e.getMessage());
        }
        inflater.setInput(data, body, end - body);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
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
                throw new InvalidInputException(where + " is truncated gzip: the data ends before the gzip stream does");
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
    private boolean nextMember() {
        int trailer = end - inflater.getRemaining();
        if (end - trailer < 8) {
            throw new InvalidInputException(where + " is truncated gzip: the data ends before the gzip stream does");
        }
        if (uint32(trailer) != crc.getValue() || uint32(trailer + 4) != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw corrupt("Corrupt GZIP trailer");
        }
        int next = trailer + 8;
        if (next >= end) {
            return false;
        }
        int body;
        try {
            body = header(next);
        } catch (Truncated | NotGzip e) {
            return false; // as GZIPInputStream: anything after the last member that is not a member is ignored
        }
        if (++members > maxMembers) {
            throw new InvalidInputException(where + " is gzip of more than " + maxMembers + " members");
        }
        inflater.reset();
        crc.reset();
        inflater.setInput(data, body, end - body);
        return true;
    }

    /** The offset of the deflate data after the member header at {@code p}. */
    private int header(int p) throws Truncated, NotGzip {
        int start = p;
        need(p, 10);
        if ((data[p] & 0xFF) != 0x1F || (data[p + 1] & 0xFF) != 0x8B) {
            throw new NotGzip("Not in GZIP format");
        }
        if (data[p + 2] != 8) {
            throw new NotGzip("Unsupported compression method");
        }
        int flags = data[p + 3] & 0xFF;
        p += 10;
        if ((flags & FEXTRA) != 0) {
            need(p, 2);
            int length = (data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8;
            p += 2;
            need(p, length);
            p += length;
        }
        if ((flags & FNAME) != 0) {
            p = afterZero(p);
        }
        if ((flags & FCOMMENT) != 0) {
            p = afterZero(p);
        }
        if ((flags & FHCRC) != 0) {
            need(p, 2);
            CRC32 headerCrc = new CRC32();
            headerCrc.update(data, start, p - start);
            if ((headerCrc.getValue() & 0xFFFF) != ((data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8)) {
                throw new NotGzip("Corrupt GZIP header");
            }
            p += 2;
        }
        return p;
    }

    private int afterZero(int p) throws Truncated {
        while (p < end) {
            if (data[p++] == 0) {
                return p;
            }
        }
        throw new Truncated();
    }

    private void need(int p, int n) throws Truncated {
        if (end - p < n) {
            throw new Truncated();
        }
    }

    private long uint32(int p) {
        return (data[p] & 0xFFL) | (data[p + 1] & 0xFFL) << 8 | (data[p + 2] & 0xFFL) << 16 | (data[p + 3] & 0xFFL) << 24;
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
