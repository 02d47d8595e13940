package dev.logdrain.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@code severity=auto} given any message. Properties: no exception; a syslog severity (0-7) or the
 * fallback; the same answer wherever the message starts in the string it is read from. Regression inputs:
 * {@code SeverityDetectorFuzzTestInputs/detect/}; fuzz with bench/fuzz.
 */
class SeverityDetectorFuzzTest {

    private static final int FALLBACK = 99;

    @FuzzTest
    void detect(byte[] input) {
        // the first byte says how many of the next bytes are a prefix the detector must skip
        int prefixLength = input.length == 0 ? 0 : Math.min((input[0] & 0xFF) % 9, input.length - 1);
        String prefix = new String(input, Math.min(1, input.length), prefixLength, UTF_8);
        String message = input.length == 0 ? "" : new String(input, 1 + prefixLength, input.length - 1 - prefixLength, UTF_8);

        int severity = SeverityDetector.detect(message, FALLBACK);

        assertThat(severity == FALLBACK || (severity >= 0 && severity <= 7)).as("severity %d", severity).isTrue();
        assertThat(SeverityDetector.detect(prefix + message, prefix.length(), FALLBACK)).isEqualTo(severity);
    }
}
