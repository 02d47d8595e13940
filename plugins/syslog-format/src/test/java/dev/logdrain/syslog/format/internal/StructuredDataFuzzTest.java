package dev.logdrain.syslog.format.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.logdrain.spi.ConfigurationException;
import java.util.Set;

/**
 * {@code sd.static} given any text. Properties: a one-line {@link ConfigurationException} that does not
 * repeat the text (it may be a token), or canonical SD-ELEMENTs that parse again to themselves and that a
 * receiver reads as SD: starting with '[', ending with ']', no raw control character. Regression inputs:
 * {@code StructuredDataFuzzTestInputs/sdStatic/}; fuzz with bench/fuzz.
 */
class StructuredDataFuzzTest {

    @FuzzTest
    void sdStatic(byte[] input) {
        String text = new String(input, UTF_8);
        byte[] canonical;
        try {
            canonical = StructuredData.parseStatic(text, "tcp://h:514", Set.of(StructuredData.META_ID));
        } catch (ConfigurationException e) {
            assertThat(e.getMessage()).startsWith("tcp://h:514: option sd.static: ").doesNotContain("\n")
                    .doesNotContain("\r");
            if (text.length() >= 16) {
                assertThat(e.getMessage()).doesNotContain(text);
            }
            return;
        }
        String sd = new String(canonical, UTF_8);
        assertThat(sd).startsWith("[").endsWith("]");
        assertThat(StructuredData.parseStatic(sd, "", Set.of())).isEqualTo(canonical);
        for (int i = 0; i < sd.length(); i++) {
            assertThat(sd.charAt(i) >= 0x20 || sd.charAt(i) == '\t').as("character %d of %s", i, sd).isTrue();
        }
    }
}
