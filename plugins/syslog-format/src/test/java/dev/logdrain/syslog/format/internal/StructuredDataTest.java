package dev.logdrain.syslog.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.MessageBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StructuredDataTest {

    private static String canonical(String text) {
        return new String(StructuredData.parseStatic(text, "w", Set.of()), StandardCharsets.UTF_8);
    }

    @Test
    void canonicalForm() {
        assertThat(canonical("[a@1]")).isEqualTo("[a@1]");
        assertThat(canonical("  [a@1   x=\"1\"  y=\"\" ]  [origin ip=\"10.0.0.1\"] "))
                .isEqualTo("[a@1 x=\"1\" y=\"\"][origin ip=\"10.0.0.1\"]");
        // escapes are kept, a bare ']' in a value gets its backslash, other backslashes become '\\'
        assertThat(canonical("[a@1 v=\"q\\\" b\\\\ c\\] d] e\\n\"]")).isEqualTo("[a@1 v=\"q\\\" b\\\\ c\\] d\\] e\\\\n\"]");
        assertThat(canonical("[a@1 v=\"流 😀\"]")).isEqualTo("[a@1 v=\"流 😀\"]");
        String name32 = "n".repeat(30) + "@1";
        assertThat(canonical("[" + name32 + " " + "p".repeat(32) + "=\"\"]")).hasSize(32 + 32 + 6);
    }

    @Test
    void namesAreChecked() {
        assertThatThrownBy(() -> canonical("[]")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("expected a SD-ID at character 2 but found ']'");
        assertThatThrownBy(() -> canonical("[a@1 =\"x\"]")).hasMessageContaining("expected a PARAM-NAME");
        assertThatThrownBy(() -> canonical("[a@1 " + "p".repeat(33) + "=\"\"]"))
                .hasMessageContaining("the PARAM-NAME at character 6 has 33 characters");
        assertThatThrownBy(() -> canonical("[a\"b]")).hasMessageContaining("expected a space or ']' at character 3");
        assertThatThrownBy(() -> canonical("[ä@1]")).hasMessageContaining("found U+00E4");
        assertThatThrownBy(() -> canonical("[a@1 x=\"1\"")).hasMessageContaining("lacks its closing ']'");
    }

    @Test
    void paramValueEscaping() {
        MessageBuffer out = new MessageBuffer();
        StructuredData.writeParamValue(out, "a\"b\\c]d[e=f流");
        assertThat(new String(out.array(), 0, out.length(), StandardCharsets.UTF_8)).isEqualTo("a\\\"b\\\\c\\]d[e=f流");
    }

    @Test
    void aControlCharacterInAParamValueIsRefused() {
        // found by StructuredDataFuzzTest: a raw line break here ends the record early under LF framing
        for (String value : new String[] {"a\nb", "a\rb", "a\u0000b", "\u007f"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> StructuredData.parseStatic("[id@1 p=\"" + value + "\"]", "w", java.util.Set.of()))
                    .isInstanceOf(dev.logdrain.spi.ConfigurationException.class)
                    .hasMessageContaining("control character").hasMessageNotContaining("\n");
        }
    }
}
