package com.example.logdrain.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.ProviderInfo;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

/**
 * The host side of a third-party plugin: this module's packaged jar (not its classes, nor its bundled
 * minimal-json, which Failsafe keeps off this test's class path) is put in a plugin directory and loaded
 * by {@link PluginRegistry#load}, as the Lambda function and the CLI do.
 */
class PluginJarIT {

    private static final String PROVIDER_CLASS = "com.example.logdrain.jsonl.JsonlFormatterProvider";
    private static final String BUNDLED_LIBRARY_CLASS = "com.eclipsesource.json.Json";

    private static Path builtJar;
    private static String pluginId;
    private static String pluginVersion;

    @TempDir
    Path temp;

    @BeforeAll
    static void findTheBuiltJar() {
        builtJar = Path.of(System.getProperty("logdrain.example.jar", "target/missing.jar"));
        pluginId = System.getProperty("logdrain.example.id");
        pluginVersion = System.getProperty("logdrain.example.version");
        assertThat(builtJar).as("the packaged plugin (run through mvn verify)").isRegularFile();
    }

    /** A plugin directory holding a copy of the built jar. */
    private Path pluginDirectory(String name) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.copy(builtJar, dir.resolve(builtJar.getFileName()));
        return dir;
    }

    private static LogBatch batch() {
        return LogBatch.of("/aws/lambda/orders", "2024/05/01/[$LATEST]0123", List.of(
                new LogEvent("1", 1_714_521_600_000L, "START RequestId: 42\n"),
                new LogEvent("2", 1_714_521_600_250L, "say \"hi\"\nsecond line\té€😀")));
    }

    @Test
    void theHostCannotSeeThePluginOnItsClassPath() {
        ClassLoader host = PluginRegistry.class.getClassLoader();

        // names as strings: a class literal would make this test itself need the class
        assertThatThrownBy(() -> Class.forName(PROVIDER_CLASS, false, host)).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("com.example.logdrain.jsonl.JsonlFormatter", false, host))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName(BUNDLED_LIBRARY_CLASS, false, host)).isInstanceOf(ClassNotFoundException.class);
        try (PluginRegistry builtIns = PluginRegistry.builtIns()) {
            assertThat(builtIns.formats()).doesNotContain("jsonl");
        }
    }

    @Test
    void formatJsonlIsSelectedByNameAndFormatsThroughAForwarder() throws Exception {
        Path dir = pluginDirectory("plugins");

        try (PluginRegistry registry = PluginRegistry.load(List.of(dir));
             Forwarder forwarder = Forwarder.fromUrls(registry, List.of("capture://jsonl-it?format=jsonl"))) {
            ForwardReport report = forwarder.forward(batch(), Deadline.after(Duration.ofSeconds(60)));

            assertThat(report.isSuccess()).isTrue();
            assertThat(report.destinations().get(0).sent()).isEqualTo(2);
        }
        assertThat(CapturingSinkProvider.captured("jsonl-it")).containsExactly(
                "{\"id\":\"1\",\"timestamp\":\"2024-05-01T00:00:00.000Z\",\"group\":\"/aws/lambda/orders\","
                        + "\"stream\":\"2024/05/01/[$LATEST]0123\",\"message\":\"START RequestId: 42\"}",
                "{\"id\":\"2\",\"timestamp\":\"2024-05-01T00:00:00.250Z\",\"group\":\"/aws/lambda/orders\","
                        + "\"stream\":\"2024/05/01/[$LATEST]0123\",\"message\":\"say \\\"hi\\\"\\nsecond line\\té€😀\"}");
    }

    @Test
    void itsProcessorDropsMatchingJsonEvents_andIsCountedAsDropped() throws Exception {
        Path dir = pluginDirectory("plugins");
        LogBatch batch = LogBatch.of("/ecs/web", "web/web/1", List.of(
                new LogEvent("1", 1_714_521_600_000L, "{\"path\":\"/health\",\"status\":200}"),
                new LogEvent("2", 1_714_521_600_001L, "{\"path\":\"/orders\",\"status\":201}"),
                new LogEvent("3", 1_714_521_600_002L, "{not json, kept")));

        try (PluginRegistry registry = PluginRegistry.load(List.of(dir));
             Forwarder forwarder = Forwarder.fromUrls(registry, List.of("capture://jsondrop-it?format=jsonl&jsondrop=path:/health"))) {
            assertThat(registry.providers()).filteredOn(p -> p.kind() == ProviderInfo.Kind.PROCESSOR)
                    .extracting(p -> p.names().get(0)).containsExactly("jsondrop");
            ForwardReport report = forwarder.forward(batch, Deadline.after(Duration.ofSeconds(60)));

            assertThat(report.isSuccess()).isTrue();
            assertThat(report.destinations().get(0).dropped()).isEqualTo(1);
            assertThat(report.destinations().get(0).sent()).isEqualTo(2);
        }
        assertThat(CapturingSinkProvider.captured("jsondrop-it")).hasSize(2)
                .allSatisfy(line -> assertThat(line).doesNotContain("/health"));
        assertThatThrownBy(() -> {
            try (PluginRegistry registry = PluginRegistry.load(List.of(pluginDirectory("again")))) {
                Forwarder.fromUrls(registry, List.of("capture://x?format=jsonl&jsondrop=nocolon")).close();
            }
        }).isInstanceOf(ConfigurationException.class).hasMessage("capture://x: option jsondrop='nocolon' is not valid;"
                + " write FIELD:VALUE, e.g. path:/health");
    }

    @Test
    void itsOriginNamesThePluginIdVersionAndJar() throws Exception {
        Path dir = pluginDirectory("plugins");

        try (PluginRegistry registry = PluginRegistry.load(List.of(dir))) {
            assertThat(registry.providers()).filteredOn(p -> p.names().equals(List.of("jsonl"))).singleElement()
                    .satisfies(p -> {
                        assertThat(p.kind()).isEqualTo(ProviderInfo.Kind.FORMATTER);
                        assertThat(p.origin()).isEqualTo("plugin " + pluginId + " " + pluginVersion + " ("
                                + dir.resolve(builtJar.getFileName()) + ")");
                    });
        }
    }

    @Test
    void itsClassesAndItsBundledLibraryLiveInItsOwnClassLoader() throws Exception {
        Path dir = pluginDirectory("plugins");
        ClassLoader host = PluginRegistry.class.getClassLoader();

        try (PluginRegistry registry = PluginRegistry.load(List.of(dir))) {
            FormatterProvider provider = registry.formatter("jsonl");
            ClassLoader plugin = provider.getClass().getClassLoader();

            assertThat(plugin).isInstanceOf(PluginClassLoader.class).isNotSameAs(host).isNotSameAs(getClass().getClassLoader());
            assertThat(provider.getClass().getName()).isEqualTo(PROVIDER_CLASS);
            assertThatThrownBy(() -> Class.forName(provider.getClass().getName(), false, host))
                    .isInstanceOf(ClassNotFoundException.class);
            // the plugin sees its bundled library; the host does not
            Class<?> library = Class.forName(BUNDLED_LIBRARY_CLASS, false, plugin);
            assertThat(library.getClassLoader()).isSameAs(plugin);
            assertThatThrownBy(() -> Class.forName(BUNDLED_LIBRARY_CLASS, false, host)).isInstanceOf(ClassNotFoundException.class);
            // and both share the host's SPI
            assertThat(Class.forName(FormatterProvider.class.getName(), false, plugin)).isSameAs(FormatterProvider.class);
        }
    }

    @Test
    void thePluginInTwoDirectoriesIsADuplicateNamingBothJars() throws Exception {
        Path first = pluginDirectory("first");
        Path second = pluginDirectory("second");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(first, second)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("plugin '" + pluginId + "' is there twice: " + first.resolve(builtJar.getFileName())
                        + " and " + second.resolve(builtJar.getFileName()) + "; remove one of them");
    }

    @Test
    void aSecondPluginClaimingJsonlIsADuplicateNamingBothOrigins() throws Exception {
        Path dir = pluginDirectory("plugins");
        Path fork = withPluginId(builtJar, dir.resolve("zz-jsonl-fork.jar"), "jsonl-fork");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("format 'jsonl' is provided twice: by plugin " + pluginId + " " + pluginVersion + " ("
                        + dir.resolve(builtJar.getFileName()) + ") and by plugin jsonl-fork " + pluginVersion
                        + " (" + fork + ")");
    }

    @Test
    void aReadOnlyPluginDirectoryWorksAndNothingIsWrittenThere() throws Exception {
        Path dir = pluginDirectory("readonly");
        Path jar = dir.resolve(builtJar.getFileName());
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // tests run as root here, who may write anyway: so compare the directory before and after
            Map<String, String> before = snapshot(dir);

            try (PluginRegistry registry = PluginRegistry.load(List.of(dir));
                 Forwarder forwarder = Forwarder.fromUrls(registry, List.of("capture://readonly-it?format=jsonl"))) {
                assertThat(forwarder.forward(batch(), Deadline.after(Duration.ofSeconds(60))).isSuccess()).isTrue();
            }

            assertThat(snapshot(dir)).isEqualTo(before);
            assertThat(CapturingSinkProvider.captured("readonly-it")).hasSize(2);
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aMissingPluginDirectoryIsAClearError() {
        Path missing = temp.resolve("no-such-plugins");

        assertThatThrownBy(() -> PluginRegistry.load(List.of(missing)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("plugin directory " + missing + " does not exist or is not a directory");
    }

    @Test
    void aJarThatIsNotAPluginIsAClearError() throws Exception {
        Path dir = pluginDirectory("plugins");
        Path library = withoutPluginManifest(builtJar, dir.resolve("a-library.jar"));

        assertThatThrownBy(() -> PluginRegistry.load(List.of(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(library + " is not a logdrain plugin: its manifest lacks Plugin-Id (a plugin jar names"
                        + " itself with Plugin-Id and Plugin-Version; see examples/plugin-jsonl)");
    }

    @Test
    void loadingLogsNoWarningNorStackTrace() throws Exception {
        Path dir = pluginDirectory("plugins");
        Path badDir = pluginDirectory("bad");
        withoutPluginManifest(builtJar, badDir.resolve("a-library.jar"));

        String log = capturingStandardError(() -> {
            try (PluginRegistry registry = PluginRegistry.load(List.of(dir));
                 Forwarder forwarder = Forwarder.fromUrls(registry, List.of("capture://log-it?format=jsonl"))) {
                forwarder.forward(batch(), Deadline.after(Duration.ofSeconds(60)));
            }
            assertThatThrownBy(() -> PluginRegistry.load(List.of(badDir))).isInstanceOf(ConfigurationException.class);
        });

        // pf4j logs through slf4j (slf4j-simple here): a few INFO lines that hosts may silence
        System.out.println("pf4j logged while loading, using and closing the plugin:\n" + log);
        assertThat(log).doesNotContain("WARN").doesNotContain("ERROR").doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static String capturingStandardError(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Every entry of the directory with size, modification time and permissions, and the directory's own. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                entries.put(dir.relativize(p).toString(), a.size() + " " + a.lastModifiedTime().toMillis() + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return entries;
    }

    /** A copy of the plugin jar whose manifest names another plugin id. */
    private static Path withPluginId(Path jar, Path target, String id) throws IOException {
        return rewrite(jar, target, manifest -> manifest.getMainAttributes().putValue("Plugin-Id", id));
    }

    /** A copy of the jar as a plain library: no plugin descriptor in its manifest. */
    private static Path withoutPluginManifest(Path jar, Path target) throws IOException {
        return rewrite(jar, target, manifest -> {
            manifest.getMainAttributes().remove(new java.util.jar.Attributes.Name("Plugin-Id"));
            manifest.getMainAttributes().remove(new java.util.jar.Attributes.Name("Plugin-Version"));
        });
    }

    private static Path rewrite(Path jar, Path target, java.util.function.Consumer<Manifest> change) throws IOException {
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            Manifest manifest = new Manifest(in.getManifest());
            change.accept(manifest);
            try (OutputStream out = Files.newOutputStream(target); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    jarOut.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(jarOut);
                    jarOut.closeEntry();
                }
            }
        }
        return target;
    }
}
