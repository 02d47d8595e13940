package dev.logdrain.cloudwatch.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.base64;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEventWithData;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON that jackson-core would take for UTF-16 or UTF-32 is refused in one line on every path. */
class Utf8JsonTest {

    private static final String PAYLOAD = CloudWatchFixtures.payloadJson("/g", "s",
            CloudWatchFixtures.events("m", 2));

    /** What the fuzzer found (00 00 00 xx: "Invalid UTF-32 character"), and its relatives. */
    private static List<byte[]> notUtf8() {
        return List.of(new byte[] {0, 0, 0, '{', '}'}, new byte[] {'{', 0, 0, 0, '}', 0, 0, 0},
                new byte[] {0, 0, 0x12, 0x34, 0x56}, new byte[] {0x12, 0, 0, 0x34}, new byte[] {0, '{'},
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{'}, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0},
                PAYLOAD.getBytes(UTF_16LE), PAYLOAD.getBytes(UTF_16BE), PAYLOAD.getBytes(Charset.forName("UTF-32")));
    }

    @Test
    void jsonThatIsNotUtf8IsRefusedInOneLineOnEveryPath() throws IOException {
        for (byte[] json : notUtf8()) {
            // gzip data as a file, base64 text, and the Lambda event whose data it is
            for (byte[] input : List.of(gzip(json), base64(gzip(json)).getBytes(UTF_8),
                    lambdaEventWithData(base64(gzip(json))))) {
                String fast = error(() -> new PayloadDecoder(1 << 20).decode(new ByteArrayInputStream(input), "input"));
                String inMemory = error(() -> new PayloadDecoder(1 << 20).decode(input, "input"));
                String streamed = error(() -> PayloadDecoder.streamingOnly(1 << 20)
                        .decode(new ByteArrayInputStream(input), "input"));
                assertThat(fast).isEqualTo(streamed).isEqualTo(inMemory)
                        .matches("(input|awslogs\\.data) is not valid JSON: it starts with bytes [0-9a-f]{2} "
                                + "[0-9a-f]{2}, as UTF-16 or UTF-32 text would; JSON must be UTF-8");
            }
        }
    }

    @Test
    void rawJsonWithANulAfterTheBraceIsRefusedToo() throws IOException {
        byte[] json = {'{', 0, '}', 0};
        assertThat(error(() -> new PayloadDecoder(1 << 20).decode(new ByteArrayInputStream(json), "input")))
                .isEqualTo("input is not valid JSON: it starts with bytes 7b 00, as UTF-16 or UTF-32 text would; "
                        + "JSON must be UTF-8");
    }

    @Test
    void theCliLocatorAndTheKinesisEventReaderRefuseItToo() {
        byte[] utf16 = ("{\"Records\":[]}").getBytes(UTF_16LE);
        assertThatThrownBy(() -> new PayloadLocator(1 << 20).read(new ByteArrayInputStream(utf16), p -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("JSON must be UTF-8");
        assertThatThrownBy(() -> KinesisEvents.read(new ByteArrayInputStream(new byte[] {0, 0, 0, '{', '}'})))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the event is not valid JSON: it starts with bytes 00 00, as UTF-16 or UTF-32 text "
                        + "would; JSON must be UTF-8");
    }

    @Test
    void utf8WithItsByteOrderMarkAndShortInputsStillDecode() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = PAYLOAD.getBytes(UTF_8);
        byte[] withBom = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertThat(new PayloadDecoder(1 << 20).decode(gzip(withBom), "input")).hasSize(1);
        assertThat(PayloadDecoder.streamingOnly(1 << 20).decode(new ByteArrayInputStream(gzip(json)), "input"))
                .hasSize(1);
        assertThat(error(() -> new PayloadDecoder(1 << 20).decode(gzip(new byte[] {'{'}), "input")))
                .startsWith("input is not valid JSON: Unexpected end-of-input");
    }

    private interface Decoding {
        Object run() throws IOException;
    }

    private static String error(Decoding decoding) throws IOException {
        try {
            decoding.run();
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded without error");
    }
}
