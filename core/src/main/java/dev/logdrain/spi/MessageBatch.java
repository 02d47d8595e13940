package dev.logdrain.spi;

/**
 * The formatted messages of one {@link LogBatch} for one destination, back to back in one byte array.
 * Message {@code i} was rendered from {@code origin().events().get(i)}. Messages carry no framing:
 * framing (octet counting, line feeds) is the Sink's job. The array is owned by the caller and valid
 * only during {@link Sink#send}.
 */
public final class MessageBatch {

    private final LogBatch origin;
    private final byte[] data;
    private final int[] ends;
    private final int size;

    /**
     * @param origin the batch the messages were formatted from
     * @param data   the messages back to back
     * @param ends   {@code ends[i]} is the offset after message {@code i}
     * @param size   number of messages
     */
    public MessageBatch(LogBatch origin, byte[] data, int[] ends, int size) {
        if (size > ends.length) {
            throw new IllegalArgumentException("size " + size + " > ends " + ends.length);
        }
        this.origin = origin;
        this.data = data;
        this.ends = ends;
        this.size = size;
    }

    public LogBatch origin() {
        return origin;
    }

    public int size() {
        return size;
    }

    /** The shared array holding every message. */
    public byte[] data() {
        return data;
    }

    public int offset(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }

    public int length(int index) {
        return ends[index] - offset(index);
    }

    /** Total bytes of all messages, without framing. */
    public long totalBytes() {
        return size == 0 ? 0 : ends[size - 1];
    }

    /** A copy of one message (for tests and slow paths). */
    public byte[] copyOf(int index) {
        byte[] copy = new byte[length(index)];
        System.arraycopy(data, offset(index), copy, 0, copy.length);
        return copy;
    }
}
