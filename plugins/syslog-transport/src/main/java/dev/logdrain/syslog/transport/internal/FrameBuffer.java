package dev.logdrain.syslog.transport.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The framed bytes of one batch, ready to write, and where each event's bytes end. One or two per sink,
 * reused for every batch, so that framing allocates nothing once the buffers have grown.
 */
final class FrameBuffer {

    byte[] bytes = new byte[64 * 1024];
    int length;
    private int[] ends = new int[256];
    private int events;

    void clear() {
        length = 0;
        events = 0;
    }

    /** Starts a batch of {@code count} events. */
    void start(int count) {
        clear();
        if (ends.length < count) {
            ends = new int[Math.max(count, ends.length * 2)];
        }
    }

    void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + extra, bytes.length * 2));
        }
    }

    /** Marks the end of the current event's bytes (its records, for {@code multiline=split}). */
    void endEvent() {
        ends[events++] = length;
    }

    int events() {
        return events;
    }

    int eventStart(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }

    int end(int index) {
        return ends[index];
    }

    /** How many events have at least their first byte before {@code position}. */
    int eventsStartedBefore(long position) {
        if (position <= 0) {
            return 0;
        }
        int low = 0;
        int high = events; // count of ends[j] < position, found by binary search
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

    /** The framed bytes, from the start. */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, length);
    }
}
