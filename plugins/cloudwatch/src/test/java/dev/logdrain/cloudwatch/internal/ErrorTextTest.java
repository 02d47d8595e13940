package dev.logdrain.cloudwatch.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A value an error quotes is one line and bounded, whatever the input wrote into it. */
class ErrorTextTest {

    @Test
    void quotedValuesAreOneLineAndBounded() {
        assertThat(ErrorText.quoted("DATA_MES/01/01/[$LATEST]ab \u00e9\n")).isEqualTo("'DATA_MES/01/01/[$LATEST]ab \u00e9\\n'");
        assertThat(ErrorText.quoted("a\r\nb\tc\u0000d\u2028e\u2029f\u0085g\u202eh\ud800"))
                .isEqualTo("'a\\r\\nb\\tc\\u0000d\\u2028e\\u2029f\\u0085g\\u202eh\\ud800'");
        assertThat(ErrorText.quoted("\ud83d\ude00")).isEqualTo("'\ud83d\ude00'");
        assertThat(ErrorText.quoted("x".repeat(1000))).isEqualTo("'" + "x".repeat(60) + "...'");
        // escapes count: a run of NULs is as bounded as plain text (the fuzzer's Unrecognized token '\u0000...')
        assertThat(ErrorText.oneLine("\u0000".repeat(1000), 300)).hasSizeLessThan(310).endsWith("...");
    }

    @Test
    void anUnknownMessageTypeIsQuotedOnOneLine() throws IOException {
        String json = "{\"messageType\":\"DATA\\nMESSAGE <13>1 - FORGED\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"logEvents\":[]}";
        for (PayloadDecoder decoder : new PayloadDecoder[] {new PayloadDecoder(1 << 20),
                PayloadDecoder.streamingOnly(1 << 20)}) {
            assertThatThrownBy(() -> decoder.decode(new ByteArrayInputStream(gzip(json.getBytes(UTF_8))), "input"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("input: unknown messageType 'DATA\\nMESSAGE <13>1 - FORGED' (expected DATA_MESSAGE "
                            + "or CONTROL_MESSAGE)");
        }
    }

    @Test
    void aDuplicateKeyIsQuotedOnOneLine() {
        String json = "{\"messageType\":\"DATA_MESSAGE\",\"a\\nb\":1,\"a\\nb\":2}";
        assertThatThrownBy(() -> new PayloadDecoder(1 << 20).decode(gzip(json.getBytes(UTF_8)), "input"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("input: duplicate key 'a\\nb' in a JSON object");
        assertThatThrownBy(() -> new PayloadLocator(1 << 20).read(new ByteArrayInputStream(json.getBytes(UTF_8)),
                p -> { })).isInstanceOf(InvalidInputException.class).hasMessageContaining("duplicate key 'a\\nb'");
    }

    @Test
    void aBadSizeOptionIsQuotedOnOneLine() {
        assertThatThrownBy(() -> CloudWatchPayloads.parseSize("12\nFORGED", "maxbytes"))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("maxbytes='12\\nFORGED' is not a size");
    }
}
