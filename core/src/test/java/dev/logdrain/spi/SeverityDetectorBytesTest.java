package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code severity=auto} over an ASCII event's bytes ({@link LogEvent#messageChars()}, no String) to the
 * String path, on crafted messages (JSON levels, leading tokens, the Node.js runtime's tab-separated lines, the
 * scan limits at their boundaries) and on random ASCII built from their pieces.
 */
class SeverityDetectorBytesTest {

    private static final int FALLBACK = 99;

    private static final String[] PIECES = {"{", "}", "\"", "\\", ":", ",", " ", "\t", "\n", "\r", "[", "]", "level",
            "severity", "log.level", "log", "LEVEL", "error", "ERROR", "warn", "Warning", "info", "debug", "trace",
            "fatal", "critical", "notice", "emerg", "verbose", "informational", "50", "3", "30", "7", "8", "3.5",
            "true", "null", "2026-11-23T20:00:00.123Z", "8f5f1a3e-0000-4000-8000-000000000000", "x", "_", "9", "-",
            "a", "Z"};

    @Test
    void theBytePathAgreesWithTheStringPathOnCraftedMessages() {
        List<String> messages = new ArrayList<>(List.of("", " ", "ERROR", "[ERROR]", "[ERROR", "error: x", "errors",
                "ERROR_X", "Info:", "WARNING!", "  {\"level\":\"error\"}", "{\"level\":50}", "{\"level\":3.5}",
                "{\"log\":{\"level\":\"warn\"}}", "{\"log.level\":\"debug\"}", "{\"msg\":\"\\\"level\\\"\",\"level\":\"err\"}",
                "{\"level\"", "{not json", "2026-11-23T20:00:00.123Z\treq\tERROR\tboom",
                "2026-11-23T20:00:00.123Z\treq\tWARN", "2026-11-23T20:00:00.123Z\treq\tERRORS\tx",
                "[WARNING]\t2026-11-23T20:00:00.123Z\treq\tslow", "1\t2\t3", "1\t\tinfo\t"));
        // the tab-separated line's limits: 40 chars to the first tab, 80 to the second, 9 for the level
        for (int n = 38; n <= 42; n++) {
            messages.add("1" + "x".repeat(n - 1) + "\treq\tERROR\tm");
            messages.add("1\t" + "r".repeat(n + 40) + "\tWARN\tm");
        }
        messages.add("1\tr\t" + "informational".substring(0, 9) + "\t");
        messages.add("1\tr\tinformational\t");
        // the JSON scan stops after 64 KiB
        for (int pad = 65_520; pad <= 65_540; pad += 4) {
            messages.add("{\"p\":\"" + "x".repeat(pad) + "\",\"level\":\"error\"}");
        }
        for (String message : messages) {
            assertAgrees(message);
        }
    }

    @Test
    void theTabSeparatedLineIsFoundWithinItsLimitsOnly() {
        // the timestamp field: up to 40 chars before the first tab; the request id: up to 79 between the tabs
        for (String text : new String[] {"1" + "x".repeat(39) + "\treq\tERROR\tm", "1\t" + "r".repeat(79) + "\tERROR\tm"}) {
            assertThat(SeverityDetector.detect(text, FALLBACK)).as(text).isEqualTo(SeverityDetector.ERR);
            assertAgrees(text);
        }
        for (String text : new String[] {"1" + "x".repeat(40) + "\treq\tERROR\tm", "1\t" + "r".repeat(80) + "\tERROR\tm"}) {
            assertThat(SeverityDetector.detect(text, FALLBACK)).as(text).isEqualTo(FALLBACK);
            assertAgrees(text);
        }
    }

    @Test
    void theBytePathAgreesWithTheStringPathOnRandomAsciiMessages() {
        Random random = new Random(20261202);
        for (int round = 0; round < 50_000; round++) {
            StringBuilder sb = new StringBuilder();
            int pieces = random.nextInt(16);
            for (int i = 0; i < pieces; i++) {
                if (random.nextInt(6) == 0) {
                    sb.append((char) random.nextInt(0x80));
                } else {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
            }
            assertAgrees(sb.toString());
        }
    }

    private static void assertAgrees(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        LogEvent event = LogEvent.ofUtf8("1", 0, bytes, 0, bytes.length, true);
        String text = new LogEvent("1", 0, message).message();
        assertThat(event.messageChars()).isNotInstanceOf(String.class);
        assertThat(SeverityDetector.detect(event, FALLBACK)).as("%s", message)
                .isEqualTo(SeverityDetector.detect(text, FALLBACK));
        for (int from = 0; from <= Math.min(text.length(), 3); from++) {
            assertThat(SeverityDetector.detect(event.messageChars(), from, FALLBACK)).as("%s from %d", message, from)
                    .isEqualTo(SeverityDetector.detect(text, from, FALLBACK));
        }
    }
}
