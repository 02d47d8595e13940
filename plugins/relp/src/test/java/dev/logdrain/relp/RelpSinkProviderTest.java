package dev.logdrain.relp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelpSinkProviderTest {

    private final RelpSinkProvider provider = new RelpSinkProvider();

    private static Destination url(String url) {
        return Destination.parse(url).withDefaultPort(2514);
    }

    @Test
    void servesRelpAndRelpTlsOnPort2514() {
        assertThat(provider.schemes()).containsExactlyInAnyOrder("relp", "relp+tls");
        assertThat(provider.defaultPort("relp")).isEqualTo(2514);
        assertThat(provider.defaultPort("relp+tls")).isEqualTo(2514);
        assertThat(provider.options()).extracting(OptionSpec::name)
                .containsExactly("window", "ca", "cert", "key", "servername", "connecttimeout", "writetimeout");
    }

    @Test
    void isFoundByTheRegistry() {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            assertThat(registry.sink("relp")).isInstanceOf(RelpSinkProvider.class);
            assertThat(registry.sink("relp+tls")).isInstanceOf(RelpSinkProvider.class);
        }
    }

    @Test
    void createsWithoutConnecting() {
        // nothing listens on port 1 of this address: creating must not try
        try (Sink sink = provider.create(url("relp://127.0.0.1:1?window=1"))) {
            assertThat(sink).isNotNull();
        }
    }

    @Test
    void rejectsABadWindow() {
        assertThatThrownBy(() -> provider.create(url("relp://h?window=0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("window='0'")
                .hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> provider.create(url("relp://h?window=lots")))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void rejectsTlsOptionsOnPlainRelp() {
        assertThatThrownBy(() -> provider.create(url("relp://h?ca=/etc/ca.pem")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("option ca applies to relp+tls only");
    }

    @Test
    void rejectsAMissingHost() {
        assertThatThrownBy(() -> provider.create(url("relp://:2514")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no host");
    }

    @Test
    void certificateFileProblemsAreOneLineConfigurationErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> provider.create(url("relp+tls://h?ca=" + dir.resolve("none.pem"))))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("relp+tls://h:2514")
                .hasMessageContaining("option ca").hasMessageContaining("none.pem").hasMessageNotContaining("\n");
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> provider.create(url("relp+tls://h?ca=" + junk)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("junk.pem")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> provider.create(url("relp+tls://h?cert=" + junk)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cert and key go together");
    }

    @Test
    void tlsWithTheDefaultTrustStoreNeedsNoOptions() {
        try (Sink sink = provider.create(url("relp+tls://logs.example.com"))) {
            assertThat(sink).isNotNull();
        }
    }
}
