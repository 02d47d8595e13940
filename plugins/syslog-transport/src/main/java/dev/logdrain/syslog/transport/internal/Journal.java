package dev.logdrain.syslog.transport.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The framed bytes a sink wrote on its connection and cannot yet call read: the batch being sent, after the
 * batches sent before it that are retained for a resend. Plain TCP tells nothing about what the server
 * read; when the server resets the connection it has thrown away what it had not read, which may be any
 * of the last few batches (up to its receive buffer). So the most recent batches, at least
 * {@code retainBytes} of them (and at least the last one), are kept, back to back with the current
 * batch, so that "everything since the first unproven byte" is one contiguous write.
 *
 * <p>One per sink, reused for every batch: framing allocates nothing once the array has grown.
 */
final class Journal {

    byte[] bytes = new byte[64 * 1024];
    /** End of the data; the framer appends here. */
    int length;
    private int head;       // first retained byte
    private int batchStart; // first byte of the current batch
    private int[] ends = new int[256];
    private int events;
    private final ArrayDeque<int[]> retained = new ArrayDeque<>(); // {start, end, events} of earlier batches
    private final int retainBytes;

    Journal(int retainBytes) {
        this.retainBytes = retainBytes;
    }

    /** Starts a batch of {@code count} events after the retained ones. */
    void beginBatch(int count) {
        length = batchStart; // drops a batch begun but neither committed nor discarded
        events = 0;
        if (ends.length < count) {
            ends = new int[Math.max(count, ends.length * 2)];
        }
    }

    /** Room for {@code extra} more bytes at {@link #length}. */
    void ensure(int extra) {
        if (length + extra <= bytes.length) {
            return;
        }
        if (head > 0) { // reclaim the bytes of batches no longer retained
            int shift = head;
            System.arraycopy(bytes, head, bytes, 0, length - head);
            length -= shift;
            batchStart -= shift;
            head = 0;
            for (int i = 0; i < events; i++) {
                ends[i] -= shift;
            }
            for (int[] batch : retained) {
                batch[0] -= shift;
                batch[1] -= shift;
            }
        }
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + extra, bytes.length * 2));
        }
    }

    /** Marks the end of the current event's bytes (its records, for {@code multiline=split}). */
    void endEvent() {
        if (events == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        ends[events++] = length;
    }

    /** Events in the current batch. */
    int events() {
        return events;
    }

    /** Start of event {@code index} of the current batch, as an offset in {@link #bytes}. */
    int eventStart(int index) {
        return index == 0 ? batchStart : ends[index - 1];
    }

    int eventEnd(int index) {
        return ends[index];
    }

    /** The current batch's bytes. */
    ByteBuffer batch() {
        return ByteBuffer.wrap(bytes, batchStart, length - batchStart);
    }

    /** The current batch's bytes from {@code offset} on (an offset in the batch, see {@link #batchBytes()}). */
    ByteBuffer batchFrom(int offset) {
        return ByteBuffer.wrap(bytes, batchStart + offset, length - batchStart - offset);
    }

    /** Bytes of the current batch so far. */
    int batchBytes() {
        return length - batchStart;
    }

    /** The retained batches and the current one, back to back. */
    ByteBuffer all() {
        return ByteBuffer.wrap(bytes, head, length - head);
    }

    /** Events in the retained batches (not the current one). */
    int retainedEvents() {
        int n = 0;
        for (int[] batch : retained) {
            n += batch[2];
        }
        return n;
    }

    int retainedBytes() {
        return batchStart - head;
    }

    /**
     * How many events of the current batch had a byte written when a write over {@link #all()} stopped at
     * {@code position} (a buffer position, i.e. an offset in {@link #bytes}).
     */
    int eventsStartedBefore(int position) {
        if (position <= batchStart) {
            return 0;
        }
        int low = 0;
        int high = events; // count of ends[j] < position
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ends[mid] < position) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return Math.min(events, low + 1);
    }

    /** The current batch was written: retain it, and forget the oldest batches beyond the limit. */
    void commitBatch() {
        retained.addLast(new int[] {batchStart, length, events});
        int total = length - head;
        while (retained.size() > 1 && total - size(retained.peekFirst()) >= retainBytes) {
            total -= size(retained.removeFirst());
            head = retained.peekFirst()[0];
        }
        batchStart = length;
        events = 0;
    }

    /** The current batch failed and goes back to the caller: forget it, keep the retained ones. */
    void discardBatch() {
        length = batchStart;
        events = 0;
    }

    /** Forgets everything (the server proved it read it, or the sink was closed). */
    void clear() {
        head = 0;
        length = 0;
        batchStart = 0;
        events = 0;
        retained.clear();
    }

    private static int size(int[] batch) {
        return batch[1] - batch[0];
    }
}
