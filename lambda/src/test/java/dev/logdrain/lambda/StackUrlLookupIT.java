package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.testing.FakeCloudFormation;
import dev.logdrain.lambda.testing.HandlerRun;
import dev.logdrain.lambda.testing.MutableClock;
import dev.logdrain.lambda.testing.TestContext;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.testing.MemorySinkProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destination URL read from the stack parameter with the real AWS SDK client (DescribeStacks over the
 * CloudFormation query API) against a loopback server, with the /tmp cache.
 */
class StackUrlLookupIT {

    private static final String STACK = "logdrain";
    private static final String FUNCTION = STACK + "-Function-1A2B3C4D5E6F";

    @TempDir
    Path cache;

    private FakeCloudFormation cloudFormation;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        MemorySinkProvider.reset();
        cloudFormation = new FakeCloudFormation();
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
    }

    private CloudWatchLogsHandler handler(String... more) {
        Map<String, String> env = TestContext.signedEnvironment(FUNCTION, more);
        env.putIfAbsent("LOGDRAIN_CLOUDFORMATION_ENDPOINT", cloudFormation.endpoint());
        env.putIfAbsent("LOGDRAIN_CACHE_DIR", cache.toString());
        return new CloudWatchLogsHandler(env, clock, new PrintStream(stdout, true, UTF_8));
    }

    private HandlerRun invoke(CloudWatchLogsHandler handler, String tag) {
        return HandlerRun.invoke(handler, lambdaEvent(payloadJson("/ecs/shop", "web/1", events(tag, 2))), 30_000, stdout);
    }

    @Test
    void readsTheUrlParameterOfTheStackNamedAfterTheFunctionAndCachesIt() throws IOException {
        cloudFormation.stack(STACK, Map.of("Url", "memory://first?format=plain", "LogGroupNames", "/ecs/shop"));
        CloudWatchLogsHandler handler = handler();
        assertThat(cloudFormation.requests()).as("no lookup at init").isEmpty();

        HandlerRun first = invoke(handler, "one");
        HandlerRun second = invoke(handler, "two");

        assertThat(first.error()).isNull();
        assertThat(second.error()).isNull();
        assertThat(MemorySinkProvider.received("first")).hasSize(4);
        assertThat(cloudFormation.requests()).as("the second invocation is served from the cache").hasSize(1);
        Map<String, String> request = cloudFormation.requests().get(0);
        assertThat(request).containsEntry("Action", "DescribeStacks").containsEntry("StackName", STACK)
                .containsEntry("Authorization-present", "true");
        Path file = cache.resolve("logdrain-url-logdrain-Url");
        assertThat(Files.readString(file)).endsWith("\nmemory://first?format=plain");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void initPreparesTheClientWithoutARequestAndTheLookupSignsWithTheFunctionsCredentials() {
        cloudFormation.stack(STACK, Map.of("Url", "memory://first?format=plain"));
        CloudWatchLogsHandler handler = handler();
        assertThat(cloudFormation.requests()).as("init primes the SDK from memory, never over the network").isEmpty();

        HandlerRun run = invoke(handler, "one");

        assertThat(run.error()).isNull();
        assertThat(cloudFormation.requests()).singleElement().satisfies(request -> assertThat(request)
                .containsEntry("Authorization-access-key", "AKIDEXAMPLE")
                .doesNotContainKey("Header-x-logdrain-priming"));
    }

    @Test
    void aNewExecutionEnvironmentUsesTheCacheFile() {
        cloudFormation.stack(STACK, Map.of("Url", "memory://first?format=plain"));
        invoke(handler(), "one");

        HandlerRun run = invoke(handler(), "two");

        assertThat(run.error()).isNull();
        assertThat(cloudFormation.requests()).hasSize(1);
    }

    @Test
    void looksAgainWhenTheCacheExpires() {
        cloudFormation.stack(STACK, Map.of("Url", "memory://first?format=plain"));
        CloudWatchLogsHandler handler = handler("LOGDRAIN_URL_CACHE_TTL", "60");
        invoke(handler, "one");

        cloudFormation.stack(STACK, Map.of("Url", "memory://second?format=plain"));
        clock.advance(Duration.ofSeconds(59));
        invoke(handler, "two");
        clock.advance(Duration.ofSeconds(2));
        HandlerRun third = invoke(handler, "three");

        assertThat(third.error()).isNull();
        assertThat(cloudFormation.requests()).hasSize(2);
        assertThat(MemorySinkProvider.received("first")).hasSize(4);
        assertThat(MemorySinkProvider.received("second")).hasSize(2);
    }

    @Test
    void looksAgainOnceWhenDeliveryFailsAndSendsToTheNewUrl() {
        cloudFormation.stack(STACK, Map.of("Url", "memory://old?format=plain&fail=true"));
        CloudWatchLogsHandler handler = handler();
        invoke(handler, "warm-up");
        int before = cloudFormation.requests().size();

        cloudFormation.stack(STACK, Map.of("Url", "memory://new?format=plain"));
        HandlerRun run = invoke(handler, "moved");

        assertThat(run.error()).isNull();
        assertThat(cloudFormation.requests()).hasSize(before + 1);
        assertThat(MemorySinkProvider.received("new")).hasSize(2).allMatch(l -> l.contains("moved message"));
        assertThat(run.summary()).contains("the destination URL changed; sent again to 1 destination(s)");
        // the new URL is cached for the next invocation
        invoke(handler, "after");
        assertThat(cloudFormation.requests()).hasSize(before + 1);
        assertThat(MemorySinkProvider.received("new")).hasSize(4);
    }

    @Test
    void aFailureWithAnUnchangedUrlIsLookedUpOnlyOnce() {
        cloudFormation.stack(STACK, Map.of("Url", "memory://user:pw@down?format=plain&fail=true"));
        CloudWatchLogsHandler handler = handler();

        HandlerRun run = invoke(handler, "one");

        assertThat(run.error()).isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("memory://***@down?format=plain&fail=***: 2 of 2 events not delivered");
        assertThat(cloudFormation.requests()).hasSize(2);
        assertThat(run.summary()).contains("looked up the destination URL again: unchanged");
    }

    @Test
    void aMissingParameterIsAClearError() {
        cloudFormation.stack(STACK, Map.of("Destination", "memory://x?format=plain", "LogGroupNames", "/a"));

        HandlerRun run = invoke(handler(), "one");

        assertThat(run.error()).isInstanceOf(ConfigurationException.class)
                .hasMessage("stack logdrain has no parameter Url (it has: Destination, LogGroupNames); set "
                        + "LOGDRAIN_URL_PARAMETER or LOGDRAIN_URL");
        assertThat(run.summary()).contains("error=");
        assertThat(run.emfInvocation().path("FailedInvocations").asInt()).isEqualTo(1);
    }

    @Test
    void theStackAndParameterCanBeNamed() {
        cloudFormation.stack("shared-logging", Map.of("Destination", "memory://named?format=plain"));

        HandlerRun run = invoke(handler("LOGDRAIN_STACK", "shared-logging", "LOGDRAIN_URL_PARAMETER", "Destination"),
                "one");

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("named")).hasSize(2);
    }

    @Test
    void aMissingStackIsAClearError() {
        HandlerRun run = invoke(handler(), "one");

        assertThat(run.error()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DescribeStacks on stack logdrain failed: Stack with id logdrain does not exist");
    }

    @Test
    void aMaskedNoEchoParameterIsAClearError() {
        cloudFormation.stack(STACK, Map.of("Url", "****"));

        HandlerRun run = invoke(handler(), "one");

        assertThat(run.error()).hasMessageContaining("parameter Url of stack logdrain is hidden (NoEcho)");
    }

    @Test
    void aStaleCacheServesWhenTheLookupFails() {
        cloudFormation.stack(STACK, Map.of("Url", "memory://kept?format=plain"));
        CloudWatchLogsHandler handler = handler("LOGDRAIN_URL_CACHE_TTL", "60");
        invoke(handler, "one");

        cloudFormation.close();
        clock.advance(Duration.ofMinutes(5));
        HandlerRun run = invoke(handler, "two");

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("kept")).hasSize(4);
        assertThat(run.lines()).anyMatch(l -> l.startsWith("logdrain: warning: cannot read the destination URL again"));
    }
}
