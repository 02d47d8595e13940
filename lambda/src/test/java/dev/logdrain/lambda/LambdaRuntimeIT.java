package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEventWithData;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.testing.FakeRuntimeApi;
import dev.logdrain.lambda.testing.PlainFormatterProvider;
import dev.logdrain.lambda.testing.SkipProcessorProvider;
import dev.logdrain.spi.ProcessorProvider;
import dev.logdrain.lambda.testing.RuntimeClientProcess;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.LogEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged function run as AWS runs it: {@code logdrain-lambda.zip} unzipped into a task root, started by
 * the real AWS Lambda Java runtime interface client ({@code AWSLambda HANDLER}) in its own JVM, against a
 * loopback server speaking the Runtime API. A third-party plugin jar (a {@code plain} formatter and a
 * {@code skip=} processor) is loaded from {@code LOGDRAIN_PLUGINS}, as from a layer; events go to {@code stdout://}.
 */
class LambdaRuntimeIT {

    private static final String HANDLER = "dev.logdrain.lambda.CloudWatchLogsHandler::handleRequest";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void thePackagedFunctionHandlesEventsUnderTheRealRuntimeClient() throws Exception {
        Path taskRoot = work.resolve("task");
        RuntimeClientProcess.unzipPackage(taskRoot);
        assertThat(taskRoot.resolve("dev/logdrain/lambda/CloudWatchLogsHandler.class")).exists();
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        writePluginJar(plugins.resolve("plain-format-plugin.jar"));
        Path stdout = work.resolve("stdout.txt");

        Map<String, String> env = Map.of("AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/logdrain-Function",
                "AWS_LAMBDA_LOG_STREAM_NAME", "2024/05/01/[$LATEST]0123",
                "LOGDRAIN_URL", "stdout://?format=plain&skip=health",
                "LOGDRAIN_PLUGINS", plugins.toString());
        long started = System.nanoTime();
        try (FakeRuntimeApi api = new FakeRuntimeApi();
             RuntimeClientProcess function = RuntimeClientProcess.start(taskRoot,
                     RuntimeClientProcess.runtimeClientJars(), HANDLER, api, env, stdout)) {
            List<LogEvent> events = List.of(new LogEvent("1", 1_714_564_800_001L, "hello from the runtime"),
                    new LogEvent("2", 1_714_564_800_002L, "second ✓"),
                    new LogEvent("3", 1_714_564_800_003L, "GET /health 200"));
            String ok = api.invoke(lambdaEvent(payloadJson("/ecs/shop", "web/app/0123", events)));
            FakeRuntimeApi.Outcome first = function.await(ok, WAIT);
            // a figure for docs/lambda.md, not an assertion: JVM start, init and the first (cold) invocation
            System.out.println("LambdaRuntimeIT: process start to first response "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            assertThat(first.error()).as(first.body() + "\n" + function.output()).isFalse();
            assertThat(first.body()).isEqualTo("{\"events\":3,\"controlMessages\":0,\"skippedEvents\":0}");

            String bad = api.invoke(lambdaEventWithData("not-base64!"));
            FakeRuntimeApi.Outcome second = function.await(bad, WAIT);
            assertThat(second.error()).isTrue();
            assertThat(second.body()).contains("awslogs.data is not base64", "dev.logdrain.lambda.InvalidEventException")
                    .doesNotContain("CloudWatchLogsHandler.java");

            String control = api.invoke(lambdaEvent(dev.logdrain.cloudwatch.CloudWatchFixtures.controlPayloadJson()));
            assertThat(function.await(control, WAIT).body()).contains("\"controlMessages\":1");

            String out = function.output();
            assertThat(out).contains("/ecs/shop|web/app/0123|123456789012|1|1714564800001|hello from the runtime",
                    "/ecs/shop|web/app/0123|123456789012|2|1714564800002|second ✓",
                    "logdrain: group=/ecs/shop stream=web/app/0123 events=3 control=0 skipped=0",
                    "stdout://?format=plain&skip=*** sent=2 failed=0", // a plugin's option value is never shown
                    " dropped=1 sampled=0 redacted=0",
                    "{\"_aws\":{\"Timestamp\":");
            assertThat(out).doesNotContain("GET /health");
            assertThat(api.awaitInitError(Duration.ZERO)).isNull();
        }
    }

    @Test
    void aBadConfigurationIsReportedAsAnInitError() throws Exception {
        Path taskRoot = work.resolve("task");
        RuntimeClientProcess.unzipPackage(taskRoot);
        Path stdout = work.resolve("stdout.txt");
        try (FakeRuntimeApi api = new FakeRuntimeApi();
             RuntimeClientProcess function = RuntimeClientProcess.start(taskRoot,
                     RuntimeClientProcess.runtimeClientJars(), HANDLER, api,
                     Map.of("LOGDRAIN_URL", "stdout://", "LOGDRAIN_METRICS", "sometimes"), stdout)) {
            FakeRuntimeApi.Outcome init = api.awaitInitError(WAIT);
            assertThat(init).as(function.output()).isNotNull();
            assertThat(init.body()).contains("LOGDRAIN_METRICS='sometimes' must be on or off",
                    "dev.logdrain.spi.ConfigurationException");
        }
    }

    /** A pf4j plugin jar holding the test's {@code plain} formatter, registered with META-INF/services. */
    private static void writePluginJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "test-plain-format");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            addProvider(out, FormatterProvider.class, PlainFormatterProvider.class);
            addProvider(out, ProcessorProvider.class, SkipProcessorProvider.class, "$1");
        }
    }

    /** The provider's class file (and those of its nested classes, by suffix) and its META-INF/services entry. */
    private static void addProvider(JarOutputStream out, Class<?> service, Class<?> provider, String... nested)
            throws IOException {
        String resource = provider.getName().replace('.', '/');
        List<String> names = new ArrayList<>(List.of(resource + ".class"));
        for (String suffix : nested) {
            names.add(resource + suffix + ".class");
        }
        for (String name : names) {
            out.putNextEntry(new JarEntry(name));
            try (InputStream in = provider.getClassLoader().getResourceAsStream(name)) {
                in.transferTo(out);
            }
        }
        out.putNextEntry(new JarEntry("META-INF/services/" + service.getName()));
        out.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
