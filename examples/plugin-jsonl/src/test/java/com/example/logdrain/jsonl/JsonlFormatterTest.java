package com.example.logdrain.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlFormatterTest {

    private final Formatter formatter = new JsonlFormatterProvider().create(Destination.parse("stdout://?format=jsonl"));

    private String format(LogBatch batch, LogEvent event) {
        MessageBuffer out = new MessageBuffer();
        formatter.format(batch, event, out);
        return new String(Arrays.copyOf(out.array(), out.length()), StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsOneJsonObject() {
        LogEvent event = new LogEvent("3719", 1_700_000_000_123L, "hello\n");
        LogBatch batch = LogBatch.of("/aws/lambda/app", "2024/01/01/[$LATEST]abc", List.of(event));

        assertThat(format(batch, event)).isEqualTo("{\"id\":\"3719\",\"timestamp\":\"2023-11-14T22:13:20.123Z\","
                + "\"group\":\"/aws/lambda/app\",\"stream\":\"2024/01/01/[$LATEST]abc\",\"message\":\"hello\"}");
    }

    @Test
    void theTimestampAlwaysHasMilliseconds() {
        LogEvent event = new LogEvent("1", 0, "m");

        assertThat(format(LogBatch.of("g", "s", List.of(event)), event)).contains("\"timestamp\":\"1970-01-01T00:00:00.000Z\"");
    }

    @Test
    void anyMessageIsEscapedOntoOneLineAndReadsBackTheSame() {
        String message = "say \"hi\" \\ to\nline two\r\n\ttab \u0001\u001f\u2028 é€😀";
        LogEvent event = new LogEvent("id\"1", 42, message);
        LogBatch batch = LogBatch.of("g\n", "s\\", List.of(event));

        String line = format(batch, event);

        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
        JsonObject parsed = Json.parse(line).asObject();
        assertThat(parsed.names()).containsExactly("id", "timestamp", "group", "stream", "message");
        assertThat(parsed.getString("message", null)).isEqualTo(message);
        assertThat(parsed.getString("id", null)).isEqualTo("id\"1");
        assertThat(parsed.getString("group", null)).isEqualTo("g\n");
        assertThat(parsed.getString("stream", null)).isEqualTo("s\\");
    }
}
