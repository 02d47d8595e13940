package dev.logdrain.cloudwatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.SourceResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudWatchSourceProviderTest {

    @Test
    void isFoundByNameInTheRegistryAndReadsBatches() throws IOException {
        String a = CloudWatchFixtures.payloadJson("/a", "s1", CloudWatchFixtures.events("a", 2));
        String input = new String(CloudWatchFixtures.lambdaEvent(a), UTF_8) + "\n"
                + new String(CloudWatchFixtures.lambdaEvent(CloudWatchFixtures.controlPayloadJson()), UTF_8);

        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            Source source = registry.source("cloudwatch").create(Map.of());
            SourceResult result = source.read(new ByteArrayInputStream(input.getBytes(UTF_8)));
            List<LogBatch> batches = result.logBatches();

            assertThat(result.controlMessages()).as("counted, not forwarded").isEqualTo(1);

            assertThat(batches).singleElement().satisfies(b -> {
                assertThat(b.logGroup()).isEqualTo("/a");
                assertThat(b.logStream()).isEqualTo("s1");
                assertThat(b.size()).isEqualTo(2);
            });
        }
    }

    @Test
    void aControlMessageAloneYieldsNoBatch() throws IOException {
        Source source = new CloudWatchSourceProvider().create(Map.of());

        SourceResult result = source.read(new ByteArrayInputStream(
                CloudWatchFixtures.lambdaEvent(CloudWatchFixtures.controlPayloadJson())));

        assertThat(result.batches()).isEmpty();
        assertThat(result.controlMessages()).isEqualTo(1);
    }

    @Test
    void theCapIsASetting() {
        Source source = new CloudWatchSourceProvider().create(Map.of("maxpayload", "1KiB"));
        byte[] event = CloudWatchFixtures.lambdaEvent(
                CloudWatchFixtures.payloadJson("/g", "s", CloudWatchFixtures.events("big", 100)));

        assertThatThrownBy(() -> source.read(new ByteArrayInputStream(event)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("larger than the limit of 1 KiB");
    }

    @Test
    void rejectsUnknownSettings() {
        assertThatThrownBy(() -> new CloudWatchSourceProvider().create(Map.of("colour", "red")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown setting 'colour' for source cloudwatch; known: maxpayload");
    }
}
