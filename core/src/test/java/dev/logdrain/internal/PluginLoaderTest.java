package dev.logdrain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.fixtures.PlainFormatterProvider;
import dev.logdrain.fixtures.PluginOnlyFormatterProvider;
import dev.logdrain.fixtures.NamedProvider;
import dev.logdrain.fixtures.RecordingSinkProvider;
import dev.logdrain.fixtures.SchemeSinkProvider;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    /** A class loader that sees the test class path plus one more services file. */
    private static ClassLoader withExtraServices(Path dir, String service, Class<?> provider) throws Exception {
        Path file = dir.resolve("META-INF/services/" + service);
        Files.createDirectories(file.getParent());
        Files.writeString(file, provider.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, PluginLoaderTest.class.getClassLoader());
    }

    @Test
    void builtInsAreKeyedBySchemeAndName() {
        PluginLoader.Loaded loaded = PluginLoader.load(List.of(), getClass().getClassLoader());

        assertThat(loaded.sinks()).containsKeys("record", "fail", "hang");
        assertThat(loaded.formatters()).containsKey("plain");
        assertThat(loaded.sources()).containsKey("lines");
        assertThat(loaded.pluginManager()).isNull();
    }

    @Test
    void aSchemeClaimedTwiceIsRefusedNamingBothOrigins(@TempDir Path dir) throws Exception {
        ClassLoader loader = withExtraServices(dir, "dev.logdrain.spi.SinkProvider", SecondRecordingSinkProvider.class);

        assertThatThrownBy(() -> PluginLoader.load(List.of(), loader))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("scheme 'record' is provided twice: by built-in (")
                .hasMessageContaining(RecordingSinkProvider.class.getName())
                .hasMessageContaining("and by built-in (")
                .hasMessageContaining(SecondRecordingSinkProvider.class.getName());
    }

    @Test
    void aFormatClaimedTwiceIsRefusedNamingBothOrigins(@TempDir Path dir) throws Exception {
        ClassLoader loader = withExtraServices(dir, "dev.logdrain.spi.FormatterProvider", SecondPlainFormatterProvider.class);

        assertThatThrownBy(() -> PluginLoader.load(List.of(), loader))
                .hasMessageStartingWith("format 'plain' is provided twice")
                .hasMessageContaining(PlainFormatterProvider.class.getName())
                .hasMessageContaining(SecondPlainFormatterProvider.class.getName());
    }

    @Test
    void theOriginOfABuiltInNamesItsJarOrFolderAndClass() {
        assertThat(PluginLoader.builtInOrigin(new PluginOnlyFormatterProvider()))
                .isEqualTo("built-in (test-classes, " + PluginOnlyFormatterProvider.class.getName() + ")");
    }

    /** Claims {@code record} like {@link RecordingSinkProvider}. */
    public static final class SecondRecordingSinkProvider extends SchemeSinkProvider {
        public SecondRecordingSinkProvider() {
            super("record", 1);
        }

        @Override
        public Sink create(Destination destination) {
            throw new UnsupportedOperationException();
        }
    }

    /** Claims {@code plain}. */
    public static final class SecondPlainFormatterProvider extends NamedProvider implements FormatterProvider {
        public SecondPlainFormatterProvider() {
            super("plain");
        }

        @Override
        public Formatter create(Destination destination) {
            throw new UnsupportedOperationException();
        }
    }
}
