package dev.logdrain.syslog.format;

import static dev.logdrain.syslog.format.Formatting.ecs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fields=} into [fields@32473 ...] and {@code {json.NAME}} in header templates. */
class JsonFieldsTest {

    private static List<String> format(String url, String... messages) {
        return Formatting.formatBytes(url, ecs(messages)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void fields_becomeAStructuredDataElement_inTheOrderGiven_escaped() {
        List<String> lines = format("memory://x?fields=level,request_id,missing&appname={json.service}",
                "{\"request_id\":\"r-1\",\"level\":\"error\",\"service\":\"billing\",\"msg\":\"a]\\\"b\"}",
                "{\"level\":\"info\",\"request_id\":\"quote\\\" and ]\"}",
                "not json",
                "{\"nested\":{\"level\":\"x\"},\"n\":[1,{\"a\":2}],\"level\":30}");

        assertThat(lines.get(0)).contains(" billing " + Formatting.TASK
                + " - [fields@32473 level=\"error\" request_id=\"r-1\"] {\"request_id\"");
        assertThat(lines.get(0)).startsWith("<11>1 "); // severity=auto, the default, read "error"
        assertThat(lines.get(1)).contains("/ecs/orders - " + Formatting.TASK) // no service field: NILVALUE
                .contains("[fields@32473 level=\"info\" request_id=\"quote\\\" and \\]\"] ");
        assertThat(lines.get(2)).contains(" - - not json");
        assertThat(lines.get(3)).contains("[fields@32473 level=\"30\"] ");
    }

    @Test
    void fieldValues_withLineBreaksOrControls_cannotForgeARecord() {
        List<String> lines = format("memory://x?fields=msg", "{\"msg\":\"a\\n<14>1 forged\\u0000\"}");

        assertThat(lines.get(0)).contains("[fields@32473 msg=\"a <14>1 forged \"]").doesNotContain("\n");
    }

    @Test
    void fieldsWithSdMetaAndStatic_comeLast() {
        List<String> lines = format("memory://x?fields=level&sd=meta&sd.static=[a@1 b=\"c\"]", "{\"level\":\"warn\"}");

        assertThat(lines.get(0)).contains("[a@1 b=\"c\"][logdrain@32473 id=").contains("][fields@32473 level=\"warn\"] ");
    }

    @Test
    void badFieldNames_areRefused() {
        assertThatThrownBy(() -> Formatting.formatter("memory://x?fields=a,,b"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("option fields='a,,b': '' is not a structured data parameter name");
        assertThatThrownBy(() -> Formatting.formatter("memory://x?fields=a,a")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> Formatting.formatter("memory://x?fields=a%3Db")).hasMessageContaining("'a=b'");
    }
}
