package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.MessageBuffer;

/** Small helpers for byte arrays cut from a scratch {@link MessageBuffer}. */
final class Bytes {

    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Bytes() {
    }

    /** A copy of the buffer's bytes from {@code from} to its end. */
    static byte[] copy(MessageBuffer buffer, int from) {
        byte[] bytes = new byte[buffer.length() - from];
        System.arraycopy(buffer.array(), from, bytes, 0, bytes.length);
        return bytes;
    }
}
