package dev.logdrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.fixtures.PlainFormatterProvider;
import dev.logdrain.fixtures.RecordingSinkProvider;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    private final PluginRegistry registry = PluginRegistry.builtIns();

    @Test
    void builtInsAreFoundOnTheClassPath() {
        assertThat(registry.schemes()).contains("record", "fail", "hang");
        assertThat(registry.formats()).contains("plain");
        assertThat(registry.sink("record")).isInstanceOf(RecordingSinkProvider.class);
        assertThat(registry.formatter("plain")).isInstanceOf(PlainFormatterProvider.class);
        assertThat(registry.source("lines").name()).isEqualTo("lines");
    }

    @Test
    void providersAreListedWithTheirOrigin() {
        List<ProviderInfo> providers = registry.providers();

        assertThat(providers).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ProviderInfo.Kind.SINK);
            assertThat(p.names()).containsExactly("record");
            assertThat(p.origin()).startsWith("built-in (").contains(RecordingSinkProvider.class.getName());
            assertThat(p.options()).extracting(o -> o.name()).containsExactly("label");
        });
        assertThat(providers).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ProviderInfo.Kind.FORMATTER);
            assertThat(p.names()).containsExactly("plain");
        });
        assertThat(providers).anySatisfy(p -> assertThat(p.kind()).isEqualTo(ProviderInfo.Kind.SOURCE));
        // sources first, then formatters, then sinks
        assertThat(providers).extracting(ProviderInfo::kind).isSorted();
    }

    @Test
    void anUnknownSchemeListsTheSchemesThereAre() {
        assertThatThrownBy(() -> registry.sink("tpc"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown scheme 'tpc'")
                .hasMessageContaining("available schemes: fail, hang, parts, record");
    }

    @Test
    void anUnknownFormatSourceOrProcessorListsTheOnesThereAre() {
        assertThatThrownBy(() -> registry.formatter("jsonl"))
                .hasMessageContaining("unknown format 'jsonl'")
                .hasMessageContaining("available formats: plain");
        assertThatThrownBy(() -> registry.source("kinesis"))
                .hasMessageContaining("unknown source 'kinesis'")
                .hasMessageContaining("available sources: lines");
        assertThatThrownBy(() -> registry.processor("nosuch"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageMatching("unknown processor 'nosuch'; available processors: [a-z.]+(, [a-z.]+)*");
    }

    @Test
    void validateFillsTheDefaultPortAndKeepsTheOptions() {
        Destination d = registry.validate(Destination.parse("record://a?format=plain&label=x&maxsize=100"));

        assertThat(d.port()).isEqualTo(9999);
        assertThat(d.option("label")).contains("x");
    }

    @Test
    void anUnknownOptionNamesTheDestinationAndListsTheKnownOnes() {
        assertThatThrownBy(() -> registry.validate(
                Destination.parse("record://user:hunter2@a?format=plain&lable=x&token=S3CRET")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'lable' in record://***@a?format=plain&lable=***&token=***")
                .hasMessageContaining("known options: drop, drop.kind, failon, format, header, label, lead, maxsize, oversize, prefix, sd.static, service, upper")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("S3CRET");
    }

    @Test
    void anUnknownSchemeOrFormatInValidateNamesTheDestinationWithoutItsSecrets() {
        assertThatThrownBy(() -> registry.validate(Destination.parse("tpc://u:hunter2@a?token=S3CRET")))
                .hasMessageContaining("unknown scheme 'tpc' in tpc://***@a?token=***")
                .hasMessageContaining("available schemes: fail, hang, parts, record")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("S3CRET");
        assertThatThrownBy(() -> registry.validate(Destination.parse("record://u:hunter2@a?format=jsonl")))
                .hasMessageContaining("unknown format 'jsonl' in record://***@a?format=jsonl")
                .hasMessageContaining("available formats: plain")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theDefaultFormatIsRfc5424() {
        assertThatThrownBy(() -> registry.validate(Destination.parse("record://a")))
                .hasMessageContaining("unknown format 'rfc5424'");
    }

    @Test
    void optionsAProviderDeclaresSecretAreHiddenAfterValidation() {
        Destination d = registry.validate(Destination.parse("record://a?format=plain&sd.static=[T0KEN@41058]"));

        assertThat(d.toString()).doesNotContain("T0KEN").contains("sd.static=***");
        assertThat(d.option("sd.static")).contains("[T0KEN@41058]");
    }

    @Test
    void aMissingPluginDirectoryIsAnError(@TempDir Path dir) {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(missing)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("plugin directory " + missing + " does not exist or is not a directory");
    }

    @Test
    void aFileIsNotAPluginDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plugins"), "x");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(file)))
                .hasMessageContaining("does not exist or is not a directory");
    }

    @Test
    void aDirectoryWithoutJarsAddsNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.txt"), "no plugins here");
        Files.createDirectory(dir.resolve("sub.jar"));

        try (PluginRegistry withPlugins = PluginRegistry.load(List.of(dir))) {
            assertThat(withPlugins.schemes()).isEqualTo(registry.schemes());
            assertThat(withPlugins.formats()).isEqualTo(registry.formats());
        }
    }
}
