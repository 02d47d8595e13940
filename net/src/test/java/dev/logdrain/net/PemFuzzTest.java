package dev.logdrain.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.logdrain.spi.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The PEM reader given any file content: blocks, base64, DER of keys and certificates. Property: a one-line
 * {@link ConfigurationException} or a result, nothing else (no ArrayIndexOutOfBounds from a DER length, no
 * JDK parser exception leaking). Regression inputs: {@code PemFuzzTestInputs/pemFile/}; fuzz with bench/fuzz.
 */
class PemFuzzTest {

    private static final Path FILE = Path.of("fuzzed.pem");

    @FuzzTest
    void pemFile(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        List<Pem.Block> blocks;
        try {
            blocks = Pem.parse(text, FILE, "cert");
        } catch (ConfigurationException e) {
            assertOneLine(e);
            return;
        }
        try {
            assertThat(Pem.certificates(blocks, FILE, "cert")).isNotEmpty();
        } catch (ConfigurationException e) {
            assertOneLine(e);
        }
        try {
            assertThat(Pem.privateKey(blocks, FILE, "key")).isNotNull();
        } catch (ConfigurationException e) {
            assertOneLine(e);
            assertThat(e.getMessage()).doesNotContain(FILE.toString()); // the key's path is never shown
        }
    }

    private static void assertOneLine(ConfigurationException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }
}
