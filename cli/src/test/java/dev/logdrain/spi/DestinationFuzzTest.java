package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * Destination URLs as a user may mistype them, through everything that runs at start-up: {@link
 * Destination#parse}, the registry's validation against every built-in scheme and format, and the creation
 * of formatter and sink (option values parsed, templates and sd.static checked). Lives in the cli module,
 * whose test class path holds every built-in plugin. Properties: a {@link ConfigurationException} of one
 * line or a working destination, nothing else; a host taken is a DNS name, an IPv4 address or an IPv6
 * literal the JDK reads without a lookup. Regression inputs: {@code DestinationFuzzTestInputs/url/}; fuzz
 * with bench/fuzz.
 */
class DestinationFuzzTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.builtIns();
    /** Options naming files: the fuzzer must not make the test read /dev/zero or wait on a FIFO. */
    private static final Set<String> FILE_OPTIONS = Set.of("ca", "cert", "key");

    @FuzzTest
    void url(byte[] input) throws UnknownHostException {
        String url = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        Destination parsed;
        try {
            parsed = Destination.parse(url);
        } catch (ConfigurationException e) {
            assertOneLine(e);
            return;
        }
        String host = parsed.host();
        if (host.indexOf(':') >= 0) {
            int zone = host.indexOf('%');
            // brackets make the JDK read a literal or fail, never ask DNS
            assertThat(InetAddress.getByName("[" + (zone < 0 ? host : host.substring(0, zone)) + "]")).isNotNull();
        } else {
            assertThat(host).matches("[A-Za-z0-9._-]*");
        }
        assertThat(parsed.toString()).doesNotContain("\n");
        if (parsed.options().keySet().stream().anyMatch(FILE_OPTIONS::contains)) {
            return;
        }
        try {
            Destination checked = REGISTRY.validate(parsed);
            Forwarder.create(REGISTRY, List.of(checked)).close();
        } catch (ConfigurationException e) {
            assertOneLine(e);
        }
    }

    private static void assertOneLine(ConfigurationException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }
}
