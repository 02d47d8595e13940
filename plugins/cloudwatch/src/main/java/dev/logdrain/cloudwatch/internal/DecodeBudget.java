package dev.logdrain.cloudwatch.internal;

import dev.logdrain.cloudwatch.DecodeLimits;
import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;

/**
 * What one input may still make the decoder hold, against its {@link DecodeLimits}: the JSON bytes decoded (so that
 * a gzip bomb fails fast) and the log events. One per input, shared by the fast path and the Jackson reader.
 */
final class DecodeBudget {

    private final DecodeLimits limits;
    private final long maxBytes;
    private long jsonBytes;
    /** Log events decoded from this input so far, against {@link DecodeLimits#maxEvents()}. */
    private int eventCount;

    DecodeBudget(DecodeLimits limits) {
        this.limits = limits;
        this.maxBytes = limits.maxDecodedBytes();
    }

    DecodeLimits limits() {
        return limits;
    }

    /** JSON bytes that may still be decoded. */
    long bytesLeft() {
        return maxBytes - jsonBytes;
    }

    /** Log events that may still be decoded. */
    int eventsLeft() {
        return limits.maxEvents() - eventCount;
    }

    /** Counts events decoded; false (counted all the same) when that is more than the limit. */
    boolean addEvents(int n) {
        eventCount += n;
        return eventCount <= limits.maxEvents();
    }

    /** {@code in}, its bytes counted against the cap; the first {@code counted} were counted already. */
    InputStream counting(InputStream in, String where, long counted) {
        return new Limit(in, where, counted);
    }

    /** Counts the JSON bytes of this input and stops at the cap. */
    private final class Limit extends java.io.FilterInputStream {
        private final String where;

        /** How many bytes at the start of the stream were counted already. */
        private long counted;

        Limit(InputStream in, String where, long counted) {
            super(in);
            this.where = where;
            this.counted = counted;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count(r);
            }
            return r;
        }

        private void count(int n) {
            long already = Math.min(counted, n);
            counted -= already;
            if (n > already) {
                DecodeBudget.this.count(n - already, where);
            }
        }
    }

    /** Counts JSON bytes of this input against the cap. */
    void count(long n, String where) {
        jsonBytes += n;
        if (jsonBytes > maxBytes) {
            throw new InvalidInputException(where + ": the decoded payload is larger than the limit of "
                    + DecodeLimits.size(maxBytes) + (limits.decodedBytesFromHeap() ? " (a gzip bomb? a sixth of the heap, "
                    + limits.heapNote() + ")" : " (a gzip bomb, or raise the limit)"));
        }
    }
}
