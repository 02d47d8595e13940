package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    @SuppressWarnings("unchecked")
    void parsesServerLines() {
        Map<String, Object> m = Json.parseObject(
                "{\"pri\":\"14\", \"msg\":\"a\\nb \\\"q\\\" \\u00e9 \\ud83d\\ude00\\t\\\\\", \"n\": -1.5e2, \"l\": [1, true, null]}");
        assertThat(m.get("pri")).isEqualTo("14");
        assertThat(m.get("msg")).isEqualTo("a\nb \"q\" é \uD83D\uDE00\t\\");
        assertThat(m.get("n")).isEqualTo(-150.0);
        assertThat((List<Object>) m.get("l")).containsExactly(1L, true, null);
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Json.parseObject("{\"a\":}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parseObject("{\"a\":\"b\"} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receivedMessageHelpers() {
        ReceivedMessage m = new ReceivedMessage(165, "h", "a", "-", "-", "-",
                "2024-01-02T03:04:05.123+01:00", "\uFEFFhi", "raw", Input.TCP);
        assertThat(m.facility()).isEqualTo(20);
        assertThat(m.severity()).isEqualTo(5);
        assertThat(m.instant()).isEqualTo(java.time.Instant.parse("2024-01-02T02:04:05.123Z"));
        assertThat(m.msgWithoutBom()).isEqualTo("hi");
    }

    @Test
    void freePortsAreDistinct() {
        int a = FreePorts.find();
        int b = FreePorts.find();
        assertThat(a).isNotEqualTo(b).isBetween(1, 65535);
    }
}
