package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The helpers every host, sink and format shares instead of writing them again. */
class DestinationHelpersTest {

    @Test
    void withOptionAddsOrReplacesWithoutTouchingTheRest() {
        Destination d = Destination.parse("tcp://user:pw@h:514?format=rfc3164&token=T0K");

        Destination added = d.withOption("severity", "warning");
        assertThat(added.options()).containsExactly(java.util.Map.entry("format", "rfc3164"),
                java.util.Map.entry("token", "T0K"), java.util.Map.entry("severity", "warning"));
        assertThat(added.toString()).isEqualTo("tcp://***@h:514?format=rfc3164&token=***&severity=warning");
        assertThat(d.withOption("format", "convox").option("format")).contains("convox");
        assertThat(d.options()).doesNotContainKey("severity"); // a copy
        // a value that would need escaping in a URL is kept as it is, never parsed as more options
        assertThat(d.withOption("severity", "x&format=evil").option("format")).contains("rfc3164");
    }

    @Test
    void endpointIsSchemeHostAndPortWithoutSecrets() {
        assertThat(Destination.parse("relp+tls://admin:hunter2@[::1]:2514?key=/k.pem").endpoint())
                .isEqualTo("relp+tls://[::1]:2514");
        assertThat(Destination.parse("stdout://").endpoint()).isEqualTo("stdout://");
    }

    @Test
    void hostAndPortBracketsIpv6Once() {
        assertThat(Destination.hostAndPort("::1", 514)).isEqualTo("[::1]:514");
        assertThat(Destination.hostAndPort("[::1]", 514)).isEqualTo("[::1]:514");
        assertThat(Destination.hostAndPort("10.0.0.1", 6514)).isEqualTo("10.0.0.1:6514");
        assertThat(Destination.parse("tcp://[fe80::1]:514").hostAndPort()).isEqualTo("[fe80::1]:514");
    }

    @Test
    void oneRuleForSwitchesAndTheEmptyValueIsNoAnswer() {
        for (String yes : new String[] {"true", "YES", " on ", "1"}) {
            assertThat(Destination.booleanValue(yes)).contains(true);
        }
        for (String no : new String[] {"false", "No", "off", "0"}) {
            assertThat(Destination.booleanValue(no)).contains(false);
        }
        for (String neither : new String[] {"", " ", "maybe", "2", "truely"}) {
            assertThat(Destination.booleanValue(neither)).isEqualTo(Optional.empty());
        }
        assertThat(Destination.booleanValue(null)).isEmpty();
        Destination flag = Destination.parse("memory://h?bom"); // bom: a switch whose value messages show
        assertThatThrownBy(() -> flag.booleanOption("bom", false)).isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith(": option bom='' must be true or false");
    }
}
