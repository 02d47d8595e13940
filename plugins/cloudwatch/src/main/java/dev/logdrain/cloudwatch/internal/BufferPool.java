package dev.logdrain.cloudwatch.internal;

import java.lang.ref.SoftReference;

/**
 * The buffers each thread used last, one pool for inputs and one for inflated JSON: a Lambda function or the CLI
 * decodes one payload after another, and reusing the arrays saves allocating and zeroing megabytes per payload.
 * Each is held by a soft reference, so memory pressure frees it.
 */
final class BufferPool {

    /** Buffers larger than this are not kept. */
    private final int maxKept;
    private final ThreadLocal<SoftReference<byte[]>> held = new ThreadLocal<>();

    BufferPool(int maxKept) {
        this.maxKept = maxKept;
    }

    /**
     * A buffer of at least {@code size} bytes: the one this thread used last if it is large enough, saving the
     * allocation and zeroing of megabytes per payload when a Lambda function or the CLI decodes one payload
     * after another. It is held by a soft reference, so memory pressure frees it, and taken out while in use
     * (a payload nested in a payload gets its own). Null when there is none (size 0).
     */
    byte[] borrow(int size) {
        SoftReference<byte[]> ref = held.get();
        byte[] buffer = ref == null ? null : ref.get();
        if (buffer != null && buffer.length >= size) {
            held.remove();
            return buffer;
        }
        return size == 0 ? null : new byte[size];
    }

    void giveBack(byte[] buffer) {
        if (buffer.length <= maxKept) {
            SoftReference<byte[]> ref = held.get();
            byte[] kept = ref == null ? null : ref.get();
            if (kept == null || kept.length < buffer.length) {
                held.set(new SoftReference<>(buffer));
            }
        }
    }
}
