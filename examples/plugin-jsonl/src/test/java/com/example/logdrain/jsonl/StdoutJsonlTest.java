package com.example.logdrain.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code stdout://?format=jsonl} prints the bytes a transport would frame: one valid JSON document a line,
 * whatever the message holds. Runs the forwarder in a JVM of its own, as the CLI does, because the sink writes
 * to the process's standard output itself.
 */
class StdoutJsonlTest {

    static final List<String> MESSAGES = List.of(
            "plain", "say \"hi\"", "back\\slash and \\n not a break", "two\nlines", "crlf\r\nend",
            "<13>1 - evil - - - forged", "tab\tand \u0001 control", "é€😀", "{\"nested\":\"json\"}",
            "y".repeat(50_000));

    @Test
    void everyLineIsValidJsonAndHoldsTheMessage() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PrintJsonl.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();

        List<String> lines = List.of(out.split("\n", -1));
        assertThat(lines).hasSize(MESSAGES.size() + 1).last().isEqualTo("");
        ObjectMapper jackson = new ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : lines.subList(0, MESSAGES.size())) {
            JsonNode node = jackson.readTree(line);
            assertThat(node.get("group").asText()).isEqualTo("/aws/lambda/app");
            messages.add(node.get("message").asText());
        }
        assertThat(messages).isEqualTo(MESSAGES);
    }

    /** Forwards {@link #MESSAGES} to {@code stdout://?format=jsonl}; exits 1 when the report shows a failure. */
    public static final class PrintJsonl {
        public static void main(String[] args) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0; i < MESSAGES.size(); i++) {
                events.add(new LogEvent(Integer.toString(i), 1_700_000_000_000L + i, MESSAGES.get(i)));
            }
            try (PluginRegistry registry = PluginRegistry.builtIns();
                 Forwarder forwarder = Forwarder.fromUrls(registry, List.of("stdout://?format=jsonl"))) {
                ForwardReport report = forwarder.forward(LogBatch.of("/aws/lambda/app", "s", events),
                        Deadline.after(Duration.ofSeconds(60)));
                System.exit(report.isSuccess() ? 0 : 1);
            }
        }
    }
}
