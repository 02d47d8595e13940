package dev.logdrain.syslog.format;

import static dev.logdrain.syslog.format.Formatting.TASK;
import static dev.logdrain.syslog.format.Formatting.ecs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.testing.MemorySinkProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** maxsize is the core's job: a 300 KB message goes through the real Forwarder and is cut on a character boundary. */
class MaxSizeThroughForwarderTest {

    @Test
    void largeMessageIsCutOnAUtf8BoundaryAndCounted() {
        // 3-byte characters, so that 2048 bytes would fall inside one
        String big = "注".repeat(100_000); // 300,000 bytes
        String header = "<14>1 2026-11-23T20:00:00.123Z /ecs/orders web " + TASK + " - - ";
        int headerBytes = header.length();
        List<byte[]> got = forward("memory://max5424?maxsize=2048", ecs(big, "small"), 1);
        assertThat(got).hasSize(2);
        byte[] cut = got.get(0);
        int expectedLength = headerBytes + (2048 - headerBytes) / 3 * 3;
        assertThat(cut.length).isEqualTo(expectedLength).isLessThanOrEqualTo(2048);
        String text = new String(cut, StandardCharsets.UTF_8);
        assertThat(text).startsWith(header).doesNotContain("\ufffd");
        assertThat(text.substring(header.length())).matches("注+");
        assertThat(new String(got.get(1), StandardCharsets.UTF_8)).isEqualTo(header + "small");
    }

    @Test
    void messageBelowMaxSizeIsKeptWhole() {
        String big = "x".repeat(300 * 1024);
        List<byte[]> got = forward("memory://whole?maxsize=400000&format=rfc3164", ecs(big), 0);
        assertThat(got.get(0)).hasSize(("<14>Nov 23 20:00:00 ecs_orders web[" + TASK + "]: ").length() + big.length());
    }

    @Test
    void convoxMessagesAreCutToo() {
        List<byte[]> got = forward("memory://maxconvox?maxsize=64&format=convox", ecs("web:R/c " + "é".repeat(100)), 1);
        assertThat(got.get(0).length).isLessThanOrEqualTo(64);
        assertThat(new String(got.get(0), StandardCharsets.UTF_8)).startsWith("<22>1 2026-11-23T20:00:00Z /ecs/orders web:R c - - é")
                .doesNotContain("\ufffd");
    }

    private static List<byte[]> forward(String url, dev.logdrain.spi.LogBatch batch, int expectedCut) {
        String name = url.substring("memory://".length(), url.indexOf('?'));
        try (PluginRegistry registry = PluginRegistry.builtIns();
             Forwarder forwarder = Forwarder.fromUrls(registry, List.of(url))) {
            ForwardReport report = forwarder.forward(batch, Deadline.after(Duration.ofSeconds(30)));
            assertThat(report.isSuccess()).isTrue();
            assertThat(report.destinations().get(0).truncated()).isEqualTo(expectedCut);
        }
        return MemorySinkProvider.receivedBytes(name);
    }
}
