package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Octet counting written with one 8-byte store, held to the plain {@code LEN SP MSG} it must equal. */
class FramingTest {

    private static final int[] LENGTHS = {0, 1, 9, 10, 11, 99, 100, 255, 999, 1000, 9999, 10_000, 65_535, 99_999,
        100_000, 999_999, 1_000_000, 9_999_999, 10_000_000, 12_345_678};

    @Test
    void octetCountingIsTheDecimalLengthASpaceAndTheBytes() {
        for (int length : LENGTHS) {
            byte[] record = new byte[length + 6];
            Arrays.fill(record, (byte) 'x');
            record[3] = 'a';
            record[length + 2] = 'z'; // the record is [3, length + 3)
            byte[] expected = concat((length + " ").getBytes(StandardCharsets.US_ASCII),
                    Arrays.copyOfRange(record, 3, length + 3));
            for (ByteBuffer dst : new ByteBuffer[] {
                ByteBuffer.allocate(5 + Framing.OCTET_COUNTING.maxFramedLength(length)),
                ByteBuffer.allocateDirect(5 + Framing.OCTET_COUNTING.maxFramedLength(length)),
                ByteBuffer.allocate(5 + Framing.OCTET_COUNTING.maxFramedLength(length)).order(ByteOrder.LITTLE_ENDIAN),
                ByteBuffer.allocate(5 + expected.length)}) { // less room than asked for: no 8-byte store past it
                dst.position(5);
                Framing.OCTET_COUNTING.frame(record, 3, length + 3, dst);
                byte[] written = new byte[dst.position() - 5];
                dst.get(5, written);
                assertThat(written).as("length %d, %s", length, dst).isEqualTo(expected);
            }
        }
    }

    @Test
    void theArrayFormReturnsTheEndOfTheFrame() {
        byte[] dst = new byte[64];
        int end = Framing.OCTET_COUNTING.frame("hello".getBytes(StandardCharsets.US_ASCII), 0, 5, dst, 2);
        assertThat(end).isEqualTo(9);
        assertThat(new String(dst, 2, end - 2, StandardCharsets.US_ASCII)).isEqualTo("5 hello");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
