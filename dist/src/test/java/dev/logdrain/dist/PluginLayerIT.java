package dev.logdrain.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.MemorySinkProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin layer zip of the deploy folder as Lambda uses it: unpacked into a folder standing for /opt, its
 * plugins loaded from logdrain/plugins (the function's default plugin directory, /opt/logdrain/plugins), and
 * format=jsonl formatting through them. Neither the plugin nor its bundled library is on this test's class path
 * (Failsafe keeps them off), so the layer's jar must carry both.
 */
class PluginLayerIT {

    @TempDir
    Path opt;

    @Test
    void theLayersJsonlPluginLoadsAndFormats() throws Exception {
        Path zip = Path.of(System.getProperty("logdrain.layer.zip", "target/missing.zip"));
        assertThat(zip).as("the layer zip (run through mvn verify)").isRegularFile();
        assertThatThrownBy(() -> Class.forName("com.eclipsesource.json.Json"))
                .as("minimal-json must reach the test only inside the layer").isInstanceOf(ClassNotFoundException.class);

        List<String> entries = unzip(zip, opt);
        assertThat(entries).filteredOn(e -> e.endsWith(".jar"))
                .singleElement().asString().matches("logdrain/plugins/logdrain-example-plugin-jsonl-[^/]+\\.jar");
        Path jar;
        try (var jars = Files.list(opt.resolve("logdrain/plugins"))) {
            jar = jars.findFirst().orElseThrow();
        }
        try (ZipFile plugin = new ZipFile(jar.toFile())) {
            assertThat(plugin.getEntry("com/eclipsesource/json/Json.class")).as("minimal-json bundled").isNotNull();
        }

        MemorySinkProvider.reset();
        LogBatch batch = LogBatch.of("/aws/lambda/orders", "2024/05/01/[$LATEST]0123", List.of(
                new LogEvent("1", 1_714_521_600_000L, "say \"hi\"\nsecond line")));
        try (PluginRegistry registry = PluginRegistry.load(List.of(opt.resolve("logdrain/plugins")));
             Forwarder forwarder = Forwarder.fromUrls(registry, List.of("memory://layer?format=jsonl"))) {
            assertThat(registry.formats()).contains("jsonl");
            ForwardReport report = forwarder.forward(batch, Deadline.after(Duration.ofSeconds(60)));
            assertThat(report.isSuccess()).as(report.toString()).isTrue();
        }
        assertThat(MemorySinkProvider.received("layer")).containsExactly(
                "{\"id\":\"1\",\"timestamp\":\"2024-05-01T00:00:00.000Z\",\"group\":\"/aws/lambda/orders\","
                        + "\"stream\":\"2024/05/01/[$LATEST]0123\",\"message\":\"say \\\"hi\\\"\\nsecond line\"}");
    }

    private static List<String> unzip(Path zip, Path into) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into)).as("%s stays inside the folder", e.getName()).isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, in.readAllBytes()); // the entry's bytes
                }
            }
        }
        return names;
    }
}
