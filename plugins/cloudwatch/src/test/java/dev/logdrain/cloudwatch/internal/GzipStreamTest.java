package dev.logdrain.cloudwatch.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The streaming gunzip against the JDK's GZIPInputStream where that one works, and where it does not. */
class GzipStreamTest {

    @Test
    void readsWhatGzipInputStreamReads() throws IOException {
        byte[] a = "first member ".repeat(5000).getBytes(UTF_8);
        byte[] b = "second".getBytes(UTF_8);
        byte[] flagged = flagged(gzip(a));
        for (byte[] input : List.of(gzip(a), concat(gzip(a), gzip(b)), flagged, concat(flagged, gzip(b)),
                concat(gzip(b), "trailing bytes that are not gzip".getBytes(UTF_8)), concat(gzip(b), new byte[] {0x1F}),
                gzip(new byte[0]))) {
            assertThat(gunzip(input)).isEqualTo(new GZIPInputStream(new ByteArrayInputStream(input)).readAllBytes());
        }
    }

    @Test
    void readsEveryMemberFromAPipeAndTenThousandEmptyOnesWithoutRecursion() throws IOException {
        byte[] input = concat(CloudWatchFixtures.emptyGzipMembers(10_000), concat(gzip("a".getBytes(UTF_8)),
                gzip("b".getBytes(UTF_8))));
        try (InputStream in = new GzipStream(new Pipe(input), "input", 1_000_000)) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("ab");
        }
        // (JDK 17's GZIPInputStream stops after the first member of such a pipe, and overflows the stack on the
        // empty members: behaviours of the JDK, not asserted here)
    }

    @Test
    void failuresAreOneLineNamingTheInput() {
        byte[] plain = gzip("some text to compress".repeat(100).getBytes(UTF_8));
        byte[] badTrailer = plain.clone();
        badTrailer[plain.length - 6] ^= 1;
        byte[] corrupt = plain.clone();
        corrupt[12] ^= (byte) 0xFF;
        assertThat(error("not gzip, not at all".getBytes(UTF_8))).isEqualTo("data is not gzip: Not in GZIP format");
        assertThat(error(Arrays.copyOf(plain, 6))).isEqualTo("data is truncated gzip: it ends inside the gzip header");
        assertThat(error(Arrays.copyOf(plain, plain.length - 3)))
                .isEqualTo("data is truncated gzip: the data ends before the gzip stream does");
        assertThat(error(badTrailer)).isEqualTo("data is corrupt gzip: Corrupt GZIP trailer");
        assertThat(error(corrupt)).startsWith("data is corrupt gzip: ");
        assertThat(error(CloudWatchFixtures.emptyGzipMembers(11), 10)).isEqualTo("data is gzip of more than 10 members");
    }

    private static String error(byte[] input) {
        return error(input, 1_000_000);
    }

    private static String error(byte[] input, int maxMembers) {
        try (InputStream in = new GzipStream(new ByteArrayInputStream(input), "data", maxMembers)) {
            in.readAllBytes();
        } catch (InvalidInputException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error");
    }

    private static byte[] gunzip(byte[] input) throws IOException {
        try (InputStream in = new GzipStream(new Pipe(input), "input", 1_000_000)) {
            return in.readAllBytes();
        }
    }

    /** The member with FEXTRA, FNAME, FCOMMENT and FHCRC set. */
    private static byte[] flagged(byte[] plain) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x1F, (byte) 0x8B, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 0xFF});
        header.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
        header.writeBytes("name.json\0".getBytes(UTF_8));
        header.writeBytes("a comment\0".getBytes(UTF_8));
        CRC32 crc = new CRC32();
        crc.update(header.toByteArray());
        header.write((int) crc.getValue() & 0xFF);
        header.write((int) (crc.getValue() >> 8) & 0xFF);
        header.write(plain, 10, plain.length - 10);
        return header.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** Like a pipe: short reads, and nothing ever available(). */
    private static final class Pipe extends ByteArrayInputStream {
        Pipe(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 5));
        }

        @Override
        public synchronized int available() {
            return 0;
        }
    }
}
