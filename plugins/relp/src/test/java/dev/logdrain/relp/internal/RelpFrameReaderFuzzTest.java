package dev.logdrain.relp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RELP frame reader given any bytes from a server, arriving in any pieces. Properties: frames, then an
 * {@link EOFException} or a {@link RelpProtocolException} and nothing else; every frame within the limits
 * (TXNR and DATALEN of 9 digits at most, data no longer than the maximum, a command of 1 to 32 letters);
 * and the same frames and the same error whether the bytes arrive at once or a few at a time. Regression
 * inputs: {@code RelpFrameReaderFuzzTestInputs/frames/}; fuzz with bench/fuzz.
 */
class RelpFrameReaderFuzzTest {

    private static final int MAX_DATA = 1024;

    @FuzzTest
    void frames(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int piece = 1 + (input[0] & 0x0F);
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);

        List<String> whole = readAll(new ByteArrayInputStream(stream));
        List<String> pieces = readAll(new Trickle(stream, piece));

        assertThat(pieces).isEqualTo(whole);
    }

    /** Every frame as text, then the error that ended the stream (its class and message without context). */
    private static List<String> readAll(InputStream in) throws IOException {
        RelpFrameReader reader = new RelpFrameReader(in, MAX_DATA);
        List<String> out = new ArrayList<>();
        while (true) {
            RelpFrame frame;
            try {
                frame = reader.read();
            } catch (EOFException | RelpProtocolException e) {
                String message = String.valueOf(e.getMessage());
                int near = message.indexOf(" near '");
                out.add(e.getClass().getSimpleName() + ": " + (near < 0 ? message : message.substring(0, near)));
                assertThat(message).doesNotContain("\n");
                return out;
            }
            assertThat(frame.txnr()).isBetween(0, 999_999_999);
            assertThat(frame.command()).matches("[A-Za-z]{1,32}");
            assertThat(frame.data().length).isLessThanOrEqualTo(MAX_DATA);
            out.add(frame.txnr() + " " + frame.command() + " " + Arrays.toString(frame.data()));
        }
    }

    /** Gives at most {@code piece} bytes per read, as a slow network does. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int piece;
        private int pos;

        Trickle(byte[] data, int piece) {
            this.data = data;
            this.piece = piece;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, piece), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
