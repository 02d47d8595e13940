package dev.logdrain.spi;

/**
 * The formatted messages of one {@link LogBatch} for one destination, back to back in one byte array.
 * Message {@code i} was rendered from {@code origin().events().get(first() + i)}: {@link #first()} is 0
 * for a whole batch given to {@link Sink#send}, and the index of the part's first event for a part given
 * to {@link Sink.Delivery#write}. Messages carry no framing: framing (octet counting, line feeds) is the
 * Sink's job. The array is owned by the caller and valid only during the call it is given to.
 *
 * <p>A message may consist of several records (a message split to fit {@code maxsize}, or one record per
 * line with {@code multiline=split}), back to back: only for a sink whose {@link RecordRules#manyRecords()}
 * says it reads {@link #records(int)}; every other sink gets one record per message.
 */
public final class MessageBatch {

    private final LogBatch origin;
    private final int first;
    private final byte[] data;
    private final int[] ends;
    private final int size;
    /** Null (one record per message), or the end of every record, and per message the index of its first. */
    private final int[] recordEnds;
    private final int[] firstRecord;

    /**
     * @param origin the batch the messages were formatted from
     * @param data   the messages back to back
     * @param ends   {@code ends[i]} is the offset after message {@code i}
     * @param size   number of messages
     */
    public MessageBatch(LogBatch origin, byte[] data, int[] ends, int size) {
        this(origin, 0, data, ends, size);
    }

    /**
     * A part of a batch: messages rendered from {@code origin.events()} {@code first} to
     * {@code first + size - 1}, with {@code ends} relative to the start of {@code data}.
     */
    public MessageBatch(LogBatch origin, int first, byte[] data, int[] ends, int size) {
        this(origin, first, data, ends, size, null, null);
    }

    /**
     * A batch or part whose messages may be several records each: the records of message {@code i} are
     * {@code firstRecord[i]} to {@code firstRecord[i + 1] - 1}, and record {@code r} ends at {@code recordEnds[r]}
     * (the last record of a message ends where the message does).
     */
    public MessageBatch(LogBatch origin, int first, byte[] data, int[] ends, int size, int[] recordEnds,
                        int[] firstRecord) {
        if ((recordEnds == null) != (firstRecord == null) || firstRecord != null && firstRecord.length <= size) {
            throw new IllegalArgumentException("records need recordEnds and firstRecord[size + 1]");
        }
        if (size > ends.length) {
            throw new IllegalArgumentException("size " + size + " > ends " + ends.length);
        }
        if (first < 0) {
            throw new IllegalArgumentException("first " + first + " < 0");
        }
        this.origin = origin;
        this.first = first;
        this.data = data;
        this.ends = ends;
        this.size = size;
        this.recordEnds = recordEnds;
        this.firstRecord = firstRecord;
    }

    public LogBatch origin() {
        return origin;
    }

    /** Index in {@code origin().events()} of the event message 0 was rendered from. */
    public int first() {
        return first;
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

    /** How many records message {@code index} consists of (1 unless it was split). */
    public int records(int index) {
        return firstRecord == null ? 1 : firstRecord[index + 1] - firstRecord[index];
    }

    /** True when every message is one record (none was split), so that message {@code i} is its only record. */
    public boolean oneRecordEach() {
        return firstRecord == null || firstRecord[size] - firstRecord[0] == size; // every message has a record
    }

    /** Where record {@code record} (0 to {@link #records(int)} - 1) of message {@code index} starts. */
    public int recordOffset(int index, int record) {
        return record == 0 ? offset(index) : recordEnds[firstRecord[index] + record - 1];
    }

    public int recordLength(int index, int record) {
        int end = firstRecord == null ? ends[index] : recordEnds[firstRecord[index] + record];
        return end - recordOffset(index, record);
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
