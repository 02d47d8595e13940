package dev.logdrain.cloudwatch;

/**
 * How much one input may make the decoder hold, so that no input, however hostile, exhausts the heap: a
 * gzip bomb, one huge string, millions of tiny events. Derived from the heap the JVM has
 * ({@link #forThisJvm}), so that a 128 MB Lambda function survives every input and a larger one takes
 * larger payloads. An input past a limit fails with an {@code InvalidInputException} that names the limit.
 *
 * @param maxDecodedBytes JSON bytes decoded from one input (after base64 and gzip): a sixth of the heap at
 *                        most (delivering it needs the decoded events and the sink's resend journal besides
 *                        the JSON: at a quarter a payload of identical lines ran out of memory while sending in
 *                        a 106 MiB heap), and never more than the configured cap
 * @param maxStringBytes  one JSON string (a log message): a sixteenth of the heap, at least 1 MiB (CloudWatch
 *                        Logs takes events of up to 1 MB)
 * @param maxEvents       log events of one input: a quarter of the heap at {@link #EVENT_COST} bytes each
 * @param maxNesting      JSON containers inside one another
 * @param maxGzipMembers  gzip members back to back (each may be empty)
 * @param heapBytes       the heap the limits were derived from
 */
public record DecodeLimits(long maxDecodedBytes, int maxStringBytes, int maxEvents, int maxNesting,
                           int maxGzipMembers, long heapBytes) {

    /** The heap a decoded event costs beyond its text: the event, its id string, the list slot. */
    public static final int EVENT_COST = 256;

    /** Deeper than any payload or wrapper; JSON parsing needs no stack for it, so this is about sanity. */
    public static final int MAX_NESTING = 100;

    /** A Firehose S3 object holds one member per record; an empty member is 20 bytes. */
    public static final int MAX_GZIP_MEMBERS = 1_000_000;

    private static final long MIB = 1024 * 1024;

    public DecodeLimits {
        if (maxDecodedBytes <= 0 || maxStringBytes <= 0 || maxEvents <= 0 || maxNesting <= 0 || maxGzipMembers <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The limits for this JVM's heap ({@code Runtime.maxMemory()}), the decoded bytes capped at {@code cap}. */
    public static DecodeLimits forThisJvm(long cap) {
        return forHeap(Runtime.getRuntime().maxMemory(), cap);
    }

    /** The limits for a heap of {@code heapBytes}, the decoded bytes capped at {@code cap}. */
    public static DecodeLimits forHeap(long heapBytes, long cap) {
        if (cap <= 0 || heapBytes <= 0) {
            throw new IllegalArgumentException("cap " + cap + ", heap " + heapBytes);
        }
        long quarter = heapBytes / 4;
        long sixth = heapBytes / 6;
        int maxString = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(MIB, heapBytes / 16));
        int maxEvents = (int) Math.max(1000, Math.min(Integer.MAX_VALUE, quarter / EVENT_COST));
        return new DecodeLimits(Math.max(1, Math.min(cap, sixth)), maxString, maxEvents, MAX_NESTING,
                MAX_GZIP_MEMBERS, heapBytes);
    }

    /** The same limits with another cap on decoded bytes (for tests and benchmarks). */
    public DecodeLimits withMaxDecodedBytes(long bytes) {
        return new DecodeLimits(bytes, maxStringBytes, maxEvents, maxNesting, maxGzipMembers, heapBytes);
    }

    /** Whether the decoded-bytes limit is the heap's (not the configured cap): error messages say so. */
    public boolean decodedBytesFromHeap() {
        return maxDecodedBytes == heapBytes / 6;
    }

    /** Why a heap-derived limit is what it is, for the end of an error message. */
    public String heapNote() {
        return "the most this JVM's heap of " + size(heapBytes) + " allows; give it more memory";
    }

    /** A size as people write it: 64 MiB, 23.7 MiB, 512 KiB, or bytes. */
    public static String size(long bytes) {
        if (bytes >= MIB) {
            return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(java.util.Locale.ROOT, "%.1f MiB",
                    bytes / (double) MIB);
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
