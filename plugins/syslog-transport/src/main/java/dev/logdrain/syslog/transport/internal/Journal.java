package dev.logdrain.syslog.transport.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The framed bytes a sink wrote on its connection and cannot yet call read: the batch being sent, after the
 * batches sent before it that are retained for a resend. Plain TCP tells nothing about what the server
 * read; when the server resets the connection it has thrown away what it had not read, which may be any
 * of the last few batches (up to its receive buffer). So the most recent batches, at least
 * {@code retainBytes} of them (and at least the last one), are kept, in order with the current batch, so
 * that "everything since the first unproven byte" can be written again ({@link #from}).
 *
 * <p>The bytes are one stream, addressed by offsets that only grow (until {@link #clear()}), kept in chunks of
 * direct memory: the framer frames each record once into the chunk it is written to the socket from (no copy
 * into the connection's buffer), and the journal keeps the chunks as they are; a chunk whose bytes all lie
 * before the oldest retained batch is recycled for the bytes to come. Nothing is moved or copied to retain.
 * One per sink, reused for every batch: framing allocates nothing once the chunks are there.
 */
final class Journal {

    /** Bytes of one chunk; a record longer than this gets a chunk of its own (on the heap, not recycled). */
    static final int CHUNK_BYTES = 1 << 20;

    /** A piece of the stream: {@code buffer[0, position)} holds stream bytes {@code start} on. */
    private static final class Chunk {
        final ByteBuffer buffer;
        long start;

        Chunk(ByteBuffer buffer, long start) {
            this.buffer = buffer;
            this.start = start;
        }

        long end() {
            return start + buffer.position();
        }
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    /** The last of {@link #chunks} (the one framed into), or null when there is none. */
    private Chunk tail;
    /** Chunks to reuse, at most {@link #maxFree}. */
    private final ArrayDeque<Chunk> free = new ArrayDeque<>();
    private final int maxFree;
    private long head;       // first retained byte
    private long batchStart; // first byte of the current batch
    private long[] ends = new long[256];
    private int events;
    private final ArrayDeque<long[]> retained = new ArrayDeque<>(); // {start, end, events} of earlier batches
    private final int retainBytes;

    Journal(int retainBytes) {
        this.retainBytes = retainBytes;
        this.maxFree = retainBytes / CHUNK_BYTES + 2;
    }

    /** Starts a batch of {@code count} events after the retained ones. */
    void beginBatch(int count) {
        truncate(batchStart); // drops a batch begun but neither committed nor discarded
        events = 0;
        if (ends.length < count) {
            ends = new long[Math.max(count, ends.length * 2)];
        }
    }

    /**
     * Where the framer writes next: a buffer with room for {@code extra} more bytes at its position, which it
     * advances past what it writes (those bytes join the current batch).
     */
    ByteBuffer room(int extra) {
        Chunk last = tail;
        if (last != null && last.buffer.remaining() >= extra) {
            return last.buffer;
        }
        long start = length();
        Chunk next = extra <= CHUNK_BYTES ? free.pollFirst() : null;
        if (next == null) {
            int capacity = Math.max(extra, CHUNK_BYTES);
            next = new Chunk(extra <= CHUNK_BYTES ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity),
                    start);
        }
        next.start = start;
        chunks.addLast(next);
        tail = next;
        return next.buffer;
    }

    /** Stream offset after the last byte. */
    long length() {
        Chunk last = tail;
        return last == null ? batchStart : last.start + last.buffer.position();
    }

    /** Marks the end of the current event's bytes (its records, for {@code multiline=split}). */
    void endEvent() {
        if (events == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        ends[events++] = length();
    }

    /** Events in the current batch. */
    int events() {
        return events;
    }

    /** Stream offset where event {@code index} of the current batch ends. */
    long eventEnd(int index) {
        return ends[index];
    }

    /** Stream offset of the first retained byte (of the current batch when none is retained). */
    long start() {
        return head;
    }

    /** Stream offset of the current batch's first byte. */
    long batchStart() {
        return batchStart;
    }

    /** Bytes of the current batch so far. */
    long batchBytes() {
        return length() - batchStart;
    }

    /**
     * The bytes from stream offset {@code offset} (at least {@link #start()}) to the end, as views to write in
     * order: each view's position tells how far a write got.
     */
    List<ByteBuffer> from(long offset) {
        List<ByteBuffer> views = new ArrayList<>(2);
        for (Chunk c : chunks) {
            if (c.end() > offset) {
                ByteBuffer view = c.buffer.duplicate().flip();
                view.position((int) Math.max(0, offset - c.start));
                views.add(view);
            }
        }
        return views;
    }

    /** The retained batches and the current one. */
    List<ByteBuffer> all() {
        return from(head);
    }

    /** Events in the retained batches (not the current one). */
    int retainedEvents() {
        int n = 0;
        for (long[] batch : retained) {
            n += (int) batch[2];
        }
        return n;
    }

    long retainedBytes() {
        return batchStart - head;
    }

    /** Bytes of memory the chunks in use and the free ones hold. */
    long capacity() {
        long n = 0;
        for (Chunk c : chunks) {
            n += c.buffer.capacity();
        }
        for (Chunk c : free) {
            n += c.buffer.capacity();
        }
        return n;
    }

    /**
     * How many events of the current batch had a byte written when a write of {@link #from} stopped at
     * stream offset {@code position}.
     */
    int eventsStartedBefore(long position) {
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
        long end = length();
        retained.addLast(new long[] {batchStart, end, events});
        long total = end - head;
        while (retained.size() > 1 && total - size(retained.peekFirst()) >= retainBytes) {
            total -= size(retained.removeFirst());
            head = retained.peekFirst()[0];
        }
        while (chunks.size() > 1 && chunks.peekFirst().end() <= head) {
            recycle(chunks.removeFirst());
        }
        batchStart = end;
        events = 0;
    }

    /** The current batch failed and goes back to the caller: forget it, keep the retained ones. */
    void discardBatch() {
        truncate(batchStart);
        events = 0;
    }

    /** Forgets everything (the server proved it read it, or the sink was closed). */
    void clear() {
        while (!chunks.isEmpty()) {
            recycle(chunks.removeFirst());
        }
        tail = null;
        head = 0;
        batchStart = 0;
        events = 0;
        retained.clear();
    }

    /** Drops the bytes from stream offset {@code end} on. */
    private void truncate(long end) {
        while (!chunks.isEmpty() && chunks.peekLast().start >= end) {
            recycle(chunks.removeLast());
        }
        Chunk last = chunks.peekLast();
        tail = last;
        if (last != null && last.end() > end) {
            last.buffer.position((int) (end - last.start));
        }
    }

    private void recycle(Chunk chunk) {
        chunk.buffer.clear();
        if (chunk.buffer.isDirect() && free.size() < maxFree) {
            free.addLast(chunk);
        }
    }

    private static long size(long[] batch) {
        return batch[1] - batch[0];
    }
}
