package dev.logdrain.cloudwatch.internal;

import java.util.Arrays;

/**
 * Arrays of their own for the messages of one payload, which {@link PayloadScanner} keeps as UTF-8 bytes
 * (LogEvent.ofUtf8): the JSON they come from is in a pooled buffer that the next payload overwrites. Messages are
 * copied one after the other into chunks; one that does not fit in what is left of a chunk and is long gets an
 * array of its own, so that at most {@link #OWN_ARRAY_MIN} bytes a chunk go unused. That costs less than the
 * Strings it replaces (each one an object and an array header, and two bytes a char unless Latin-1). The chunks
 * stay alive as long as an event points into them.
 */
final class MessageArena {

    static final int CHUNK = 32 * 1024;
    /** A message at least this long that does not fit in the current chunk gets an array of its own. */
    static final int OWN_ARRAY_MIN = 512;

    private byte[] chunk = new byte[0];
    private int used;
    /** Where the last {@link #copy} put the bytes in the array it returned. */
    private int offset;

    /**
     * Copies {@code src[from, from+length)}; returns the array holding the copy, at {@link #offset()}.
     *
     * @param more at most how many bytes the payload's later messages can need (the JSON after this one:
     *             unescaping only shrinks text), so that a small payload gets a small chunk
     */
    byte[] copy(byte[] src, int from, int length, int more) {
        if (length > chunk.length - used) {
            if (length >= OWN_ARRAY_MIN) {
                offset = 0;
                return Arrays.copyOfRange(src, from, from + length);
            }
            chunk = new byte[(int) Math.min(CHUNK, (long) length + more)];
            used = 0;
        }
        System.arraycopy(src, from, chunk, used, length);
        offset = used;
        used += length;
        return chunk;
    }

    int offset() {
        return offset;
    }
}
