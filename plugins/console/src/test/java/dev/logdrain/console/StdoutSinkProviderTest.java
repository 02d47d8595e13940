package dev.logdrain.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.PluginRegistry;
import dev.logdrain.ProviderInfo;
import dev.logdrain.spi.Destination;
import org.junit.jupiter.api.Test;

class StdoutSinkProviderTest {

    @Test
    void stdoutIsABuiltInSchemeWithoutPort() {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            assertThat(registry.sink("stdout")).isInstanceOf(StdoutSinkProvider.class);
            assertThat(registry.sink("stdout").defaultPort("stdout")).isEqualTo(-1);
            assertThat(registry.providers()).filteredOn(p -> p.names().contains("stdout")).singleElement()
                    .extracting(ProviderInfo::origin).asString().startsWith("built-in (")
                    .contains(StdoutSinkProvider.class.getName());
        }
    }

    @Test
    void theDefaultDestinationParses() {
        Destination stdout = Destination.parse("stdout://");

        assertThat(stdout.scheme()).isEqualTo("stdout");
        assertThat(new StdoutSinkProvider().create(stdout)).isInstanceOf(StdoutSink.class);
    }
}
