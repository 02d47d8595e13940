package dev.logdrain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.ProviderInfo;
import dev.logdrain.fixtures.BrokenFormatterProvider;
import dev.logdrain.fixtures.PlainFormatterProvider;
import dev.logdrain.fixtures.PluginOnlyFormatterProvider;
import dev.logdrain.fixtures.RecordingSinkProvider;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

/**
 * The pf4j path with jars built by the test: a provider class copied into a plugin jar is loaded by the
 * plugin's own class loader. The real third-party build is proven by examples/plugin-jsonl's PluginJarIT.
 */
class Pf4jPluginsTest {

    @TempDir
    Path dir;

    private Path pluginOnlyJar(Path jar, String id) throws Exception {
        return TestJars.plugin(id, "1.0.0")
                .classFile(PluginOnlyFormatterProvider.class)
                .service(FormatterProvider.class, PluginOnlyFormatterProvider.class)
                .writeTo(jar);
    }

    @Test
    void aPluginJarAddsItsProvidersInItsOwnClassLoader() throws Exception {
        Path jar = pluginOnlyJar(dir.resolve("plugins/only.jar"), "only");

        try (PluginRegistry registry = PluginRegistry.load(List.of(jar.getParent()))) {
            FormatterProvider provider = registry.formatter("plugin-only");

            assertThat(provider.getClass().getName()).isEqualTo(PluginOnlyFormatterProvider.class.getName());
            assertThat(provider.getClass()).isNotSameAs(PluginOnlyFormatterProvider.class);
            assertThat(provider.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            assertThat(registry.providers()).filteredOn(p -> p.names().contains("plugin-only"))
                    .singleElement()
                    .extracting(ProviderInfo::origin)
                    .isEqualTo("plugin only 1.0.0 (" + jar + ")");
            assertThat(registry.formats()).contains("plain", "plugin-only");

            try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of("record://pf4j-unit?format=plugin-only"))) {
                var report = forwarder.forward(LogBatch.of("g", "s", List.of(new LogEvent("1", 0, "hello"))),
                        Deadline.after(Duration.ofSeconds(30)));
                assertThat(report.isSuccess()).isTrue();
            }
            assertThat(RecordingSinkProvider.received("pf4j-unit"))
                    .extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("plugin-only:hello");
        }
    }

    @Test
    void aProviderListedBothByExtensionIndexAndServicesIsTakenOnce() throws Exception {
        TestJars.plugin("both", "1.0.0")
                .classFile(PluginOnlyFormatterProvider.class)
                .service(FormatterProvider.class, PluginOnlyFormatterProvider.class)
                .text("META-INF/extensions.idx", PluginOnlyFormatterProvider.class.getName() + "\n")
                .writeTo(dir.resolve("both.jar"));

        try (PluginRegistry registry = PluginRegistry.load(List.of(dir))) {
            assertThat(registry.formats()).contains("plugin-only");
        }
    }

    @Test
    void aFileThatIsNotAJarIsAnError() throws Exception {
        Path bogus = Files.writeString(dir.resolve("notes.jar"), "not a zip");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("plugin directory entry " + bogus + " is not a readable jar");
    }

    @Test
    void aJarWithoutPluginIdIsNotAPlugin() throws Exception {
        Path jar = new TestJars().classFile(PluginOnlyFormatterProvider.class).writeTo(dir.resolve("lib.jar"));

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(jar + " is not a logdrain plugin: its manifest lacks Plugin-Id (a plugin jar names"
                        + " itself with Plugin-Id and Plugin-Version; see examples/plugin-jsonl)");
    }

    @Test
    void aJarWithoutPluginVersionIsNotAPlugin() throws Exception {
        new TestJars().attribute("Plugin-Id", "x").writeTo(dir.resolve("x.jar"));

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .hasMessageContaining("its manifest lacks Plugin-Version");
    }

    @Test
    void theSamePluginInTwoDirectoriesIsAnErrorNamingBoth() throws Exception {
        Path first = pluginOnlyJar(dir.resolve("a/only.jar"), "only");
        Path second = pluginOnlyJar(dir.resolve("b/only-copy.jar"), "only");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(first.getParent(), second.getParent())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("plugin 'only' is there twice: " + first + " and " + second + "; remove one of them");
    }

    @Test
    void oneDirectoryNamedTwiceIsReadOnce() throws Exception {
        Path jar = pluginOnlyJar(dir.resolve("plugins/only.jar"), "only");
        Path plugins = jar.getParent();

        try (PluginRegistry registry = PluginRegistry.load(List.of(plugins, plugins.resolve("../plugins")))) {
            assertThat(registry.formats()).contains("plugin-only");
        }
    }

    @Test
    void twoPluginsClaimingOneFormatIsAnErrorNamingBoth() throws Exception {
        Path first = pluginOnlyJar(dir.resolve("a.jar"), "first");
        Path second = pluginOnlyJar(dir.resolve("b.jar"), "second");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("format 'plugin-only' is provided twice: by plugin first 1.0.0 (" + first
                        + ") and by plugin second 1.0.0 (" + second + ")");
    }

    @Test
    void aPluginClaimingABuiltInFormatIsAnErrorNamingBoth() throws Exception {
        Path jar = TestJars.plugin("shadow", "2.0")
                .classFile(PlainFormatterProvider.class)
                .service(FormatterProvider.class, PlainFormatterProvider.class)
                .writeTo(dir.resolve("shadow.jar"));

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .hasMessageStartingWith("format 'plain' is provided twice: by built-in (test-classes, ")
                .hasMessageEndingWith("and by plugin shadow 2.0 (" + jar + ")");
    }

    @Test
    void aPluginWithoutProvidersIsAnError() throws Exception {
        TestJars.plugin("empty", "1.0").writeTo(dir.resolve("empty.jar"));

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .hasMessageContaining("plugin empty 1.0 (")
                .hasMessageContaining("provides no source, formatter, sink or processor: list its providers in META-INF/services");
    }

    @Test
    void aPluginBundlingTheSpiIsToldToUseProvidedScope() throws Exception {
        // its own FormatterProvider interface makes its provider a different type from the host's
        TestJars.plugin("fat", "1.0")
                .classFile(FormatterProvider.class)
                .classFile(PluginOnlyFormatterProvider.class)
                .service(FormatterProvider.class, PluginOnlyFormatterProvider.class)
                .writeTo(dir.resolve("fat.jar"));

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .hasMessageContaining("plugin fat 1.0 (")
                .hasMessageContaining(" bundles its own copy of logdrain-core; depend on logdrain-core with provided scope");
    }

    @Test
    void aMissingPluginClassIsAnError() throws Exception {
        TestJars.plugin("classless", "1.0").attribute("Plugin-Class", "com.example.Missing")
                .classFile(PluginOnlyFormatterProvider.class)
                .service(FormatterProvider.class, PluginOnlyFormatterProvider.class)
                .writeTo(dir.resolve("c.jar"));

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .hasMessageContaining("plugin classless 1.0 (")
                .hasMessageContaining("did not start: its Plugin-Class com.example.Missing cannot be loaded");
    }

    @Test
    void aProviderThatCannotBeCreatedIsAnError() throws Exception {
        TestJars.plugin("broken", "1.0")
                .classFile(BrokenFormatterProvider.class)
                .service(FormatterProvider.class, BrokenFormatterProvider.class)
                .writeTo(dir.resolve("broken.jar"));

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .hasMessageStartingWith("cannot create " + BrokenFormatterProvider.class.getName() + " of plugin broken 1.0 (")
                .hasMessageEndingWith("java.lang.IllegalStateException: broken on purpose");
    }

    @Test
    void everyErrorIsOneLine() throws Exception {
        pluginOnlyJar(dir.resolve("a/x.jar"), "same");
        pluginOnlyJar(dir.resolve("b/y.jar"), "same");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir.resolve("a"), dir.resolve("b"))))
                .hasMessageNotContaining("\n");
    }
}
