package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.base64;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEventWithData;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static dev.logdrain.lambda.testing.TestContext.FUNCTION;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.lambda.testing.HandlerRun;
import dev.logdrain.lambda.testing.MutableClock;
import dev.logdrain.lambda.testing.TestContext;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.MemorySinkProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudWatchLogsHandlerTest {

    private static final String GROUP = "/ecs/shop";
    private static final String STREAM = "web/app/0123456789abcdef";

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));

    @BeforeEach
    void reset() {
        MemorySinkProvider.reset();
    }

    private CloudWatchLogsHandler handler(String urls, String... more) {
        Map<String, String> env = TestContext.environment(more);
        env.putIfAbsent("LOGDRAIN_URL", urls);
        return new CloudWatchLogsHandler(env, clock, new PrintStream(stdout, true, UTF_8));
    }

    private HandlerRun invoke(CloudWatchLogsHandler handler, byte[] event) {
        return invoke(handler, event, 30_000);
    }

    private HandlerRun invoke(CloudWatchLogsHandler handler, byte[] event, long budgetMillis) {
        return HandlerRun.invoke(handler, event, budgetMillis, stdout);
    }

    private static String line(LogEvent e) {
        return GROUP + "|" + STREAM + "|" + CloudWatchFixtures.OWNER + "|" + e.id() + "|" + e.timestamp() + "|"
                + e.message();
    }

    @Test
    void deliversEveryEventToEveryDestination() {
        List<LogEvent> events = List.of(
                new LogEvent("1", 1_700_000_000_001L, "first"),
                new LogEvent("2", 1_700_000_000_002L, "second\nwith a line break ✓"),
                new LogEvent("3", 1_700_000_000_003L, "third"));
        CloudWatchLogsHandler handler = handler("memory://a?format=plain \n memory://b?format=plain");

        HandlerRun run = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, events)));

        assertThat(run.error()).isNull();
        List<String> expected = events.stream().map(CloudWatchLogsHandlerTest::line).toList();
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(expected);
        assertThat(MemorySinkProvider.received("b")).containsExactlyElementsOf(expected);
        assertThat(run.response()).isEqualTo("{\"events\":3,\"controlMessages\":0,\"skippedEvents\":0}");
        assertThat(run.summary())
                .startsWith("logdrain: group=/ecs/shop stream=web/app/0123456789abcdef events=3 control=0 skipped=0 duration=")
                .contains("| memory://a?format=plain sent=3 failed=0 truncated=0 split=0 retries=0 bytes=")
                .contains("| memory://b?format=plain sent=3 failed=0");
        assertThat(run.lines().stream().filter(l -> l.startsWith("logdrain:"))).hasSize(1);
    }

    @Test
    void printsMetricsInEmbeddedMetricFormat() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain&maxsize=64");
        List<LogEvent> events = List.of(new LogEvent("1", 1, "short"), new LogEvent("2", 2, "x".repeat(200)));

        HandlerRun run = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, events)));

        JsonNode doc = run.emfFor("memory://a");
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(doc.path("_aws").path("Timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(directive.path("Namespace").asText()).isEqualTo("logdrain");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Destination\"]]");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).containsExactly("EventsReceived",
                "EventsDelivered", "EventsFailed", "EventsTruncated", "BytesSent", "DeliveryMillis", "Retries",
                "EventsSplit");
        assertThat(doc.path("EventsReceived").asInt()).isEqualTo(2);
        assertThat(doc.path("EventsDelivered").asInt()).isEqualTo(2);
        assertThat(doc.path("EventsFailed").asInt()).isZero();
        assertThat(doc.path("EventsTruncated").asInt()).isEqualTo(1);
        assertThat(doc.path("BytesSent").asLong()).isPositive();
        assertThat(doc.path("logGroup").asText()).isEqualTo(GROUP);
        JsonNode invocation = run.emfInvocation();
        assertThat(invocation.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[]]");
        assertThat(invocation.path("EventsReceived").asInt()).isEqualTo(2);
        assertThat(invocation.path("FailedInvocations").asInt()).isZero();
    }

    @Test
    void metricsCanBeRenamedOrTurnedOff() {
        byte[] event = lambdaEvent(payloadJson(GROUP, STREAM, events("m", 2)));

        HandlerRun renamed = invoke(handler("memory://a?format=plain", "LOGDRAIN_METRICS_NAMESPACE", "acme/logs"), event);
        HandlerRun off = invoke(handler("memory://a?format=plain", "LOGDRAIN_METRICS", "off"), event);

        assertThat(renamed.emfFor("memory://a").path("_aws").path("CloudWatchMetrics").get(0).path("Namespace")
                .asText()).isEqualTo("acme/logs");
        assertThat(off.emf()).isEmpty();
        assertThat(off.summary()).contains("sent=2");
    }

    @Test
    void controlMessagesAreSkippedAndCounted() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain");

        HandlerRun run = invoke(handler, lambdaEvent(CloudWatchFixtures.controlPayloadJson()));

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("a")).isEmpty();
        assertThat(MemorySinkProvider.connections("a")).isZero();
        assertThat(run.summary()).contains("events=0 control=1");
        assertThat(run.emfInvocation().path("ControlMessages").asInt()).isEqualTo(1);
        assertThat(run.response()).contains("\"controlMessages\":1");
    }

    @Test
    void anEmptyBatchSucceedsWithoutConnecting() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain");

        HandlerRun run = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, List.of())));

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.connections("a")).isZero();
        assertThat(run.summary()).contains("group=/ecs/shop", "events=0");
    }

    @Test
    void deliversTenThousandEventsInOrder() {
        List<LogEvent> events = events("bulk", 10_000);
        CloudWatchLogsHandler handler = handler("memory://a?format=plain");

        HandlerRun run = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, events)));

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(
                events.stream().map(CloudWatchLogsHandlerTest::line).toList());
        assertThat(run.summary()).contains("events=10000", "sent=10000 failed=0");
    }

    @Test
    void warmInvocationsReuseTheConnection() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain");
        assertThat(MemorySinkProvider.connections("a")).as("nothing is dialled at init").isZero();

        for (int i = 0; i < 3; i++) {
            assertThat(invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, events("warm" + i, 5)))).error())
                    .isNull();
        }

        assertThat(MemorySinkProvider.connections("a")).isEqualTo(1);
        assertThat(MemorySinkProvider.received("a")).hasSize(15);
    }

    @Test
    void malformedEventsFailWithAClearErrorAndForwardNothing() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain");
        byte[] gz = gzip(payloadJson(GROUP, STREAM, events("x", 20)).getBytes(UTF_8));
        Map<String, byte[]> cases = Map.of(
                "awslogs.data is not base64", lambdaEventWithData("%%%not-base64%%%"),
                "awslogs.data is truncated gzip", lambdaEventWithData(base64(java.util.Arrays.copyOf(gz, gz.length - 30))),
                "awslogs.data is not valid JSON", lambdaEventWithData(base64(gzip("{\"logGroup\": \"g\", oops".getBytes(UTF_8)))),
                "awslogs.data: the payload lacks field 'logStream'", lambdaEvent(
                        "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logEvents\":[]}"),
                "input is not valid JSON", "{\"awslogs\":".getBytes(UTF_8));

        cases.forEach((message, event) -> {
            HandlerRun run = invoke(handler, event);

            assertThat(run.error()).as(message).isInstanceOf(InvalidEventException.class)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
            assertThat(run.error().getStackTrace()).as("one line says it all").isEmpty();
            assertThat(run.summary()).contains("error=").contains(message);
            assertThat(run.emfInvocation().path("InvalidPayloads").asInt()).isEqualTo(1);
            assertThat(run.emfInvocation().path("FailedInvocations").asInt()).isEqualTo(1);
        });
        assertThat(MemorySinkProvider.received("a")).isEmpty();
    }

    @Test
    void aGzipBombFailsFast() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain");
        byte[] event = lambdaEventWithData(base64(CloudWatchFixtures.gzipBomb(200L * 1024 * 1024)));

        HandlerRun run = invoke(handler, event);

        assertThat(run.error()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("larger than the limit of 64 MiB");
        assertThat(MemorySinkProvider.received("a")).isEmpty();
    }

    @Test
    void anOutOfMemoryErrorIsReportedInTheSummaryAndTheMetricsAsAFailedInvocation() {
        CloudWatchLogsHandler handler = handler("memory://a?format=oom");
        List<LogEvent> events = List.of(new LogEvent("1", 1, "fine"), new LogEvent("2", 2, "exhaust the heap"));

        HandlerRun run = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, events)));

        assertThat(run.error()).isInstanceOf(OutOfMemoryError.class);
        assertThat(run.summary()).containsPattern("\\| error=\"out of memory \\(Java heap space, heap \\d+ MiB\\): "
                + "give the function more memory\"$");
        assertThat(run.emfInvocation().path("FailedInvocations").asInt()).isEqualTo(1);
        // the next invocation works as usual
        HandlerRun next = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, List.of(new LogEvent("3", 3, "ok")))));
        assertThat(next.error()).isNull();
        assertThat(next.emfInvocation().path("FailedInvocations").asInt()).isZero();
    }

    @Test
    void theCapIsConfigurable() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain", "LOGDRAIN_MAX_PAYLOAD", "16KiB");

        HandlerRun run = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, events("big", 1000))));

        assertThat(run.error()).hasMessageContaining("larger than the limit of 16 KiB");
    }

    @Test
    void neverForwardsItsOwnLogGroup() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain");

        HandlerRun run = invoke(handler, lambdaEvent(payloadJson("/aws/lambda/" + FUNCTION, "2024/01/01/[$LATEST]abc",
                events("self", 4))));

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("a")).isEmpty();
        assertThat(run.summary()).contains("events=4", "skipped=4", "own log group");
        assertThat(run.emfInvocation().path("EventsSkipped").asInt()).isEqualTo(4);
    }

    @Test
    void theOwnLogGroupMayBeACustomOne() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain", "AWS_LAMBDA_LOG_GROUP_NAME", "/custom/logdrain");

        invoke(handler, lambdaEvent(payloadJson("/custom/logdrain", "s", events("self", 2))));
        invoke(handler, lambdaEvent(payloadJson("/aws/lambda/" + FUNCTION, "s", events("other", 3))));

        assertThat(MemorySinkProvider.received("a")).hasSize(3);
    }

    @Test
    void aDestinationThatIsDownFailsTheInvocationNamingItWithoutSecrets() {
        CloudWatchLogsHandler handler = handler(
                "memory://ok?format=plain memory://admin:hunter2@down?format=plain&fail=true&token=s3cr3t");
        byte[] event = lambdaEvent(payloadJson(GROUP, STREAM, events("f", 3)));

        HandlerRun run = invoke(handler, event);

        assertThat(run.error()).isInstanceOf(DeliveryFailedException.class)
                .hasMessage("delivery failed: memory://***@down?format=plain&fail=***&token=***: 3 of 3 events not "
                        + "delivered (connection refused)");
        assertThat(MemorySinkProvider.received("ok")).hasSize(3);
        assertThat(String.join("\n", run.lines())).doesNotContain("hunter2", "s3cr3t", "admin");
        JsonNode down = run.emfFor("memory://down");
        assertThat(down.path("EventsFailed").asInt()).isEqualTo(3);
        assertThat(down.path("EventsDelivered").asInt()).isZero();
        assertThat(down.path("Retries").asInt()).isEqualTo(1);
        assertThat(run.emfFor("memory://ok").path("EventsDelivered").asInt()).isEqualTo(3);
        assertThat(run.emfInvocation().path("FailedInvocations").asInt()).isEqualTo(1);
        assertThat(run.summary()).contains("memory://***@down?format=plain&fail=***&token=*** sent=0 failed=3",
                "error=\"connection refused\"");
    }

    @Test
    void aHangingDestinationFailsWithinTheDeadline() {
        CloudWatchLogsHandler handler = handler("memory://slow?format=plain&hang=true",
                "LOGDRAIN_DEADLINE_MARGIN_MS", "1500");

        HandlerRun run = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, events("h", 2))), 4_000);

        assertThat(run.error()).isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("memory://slow?format=plain&hang=***: 2 of 2 events not delivered (timed out)");
        assertThat(run.millis()).as("returned before Lambda's own timeout").isLessThan(4_000);
        assertThat(run.emfFor("memory://slow").path("EventsFailed").asInt()).isEqualTo(2);
    }

    @Test
    void badConfigurationFailsAtInitWithOneLine() {
        assertThatThrownBy(() -> handler("memory://a?format=plain&colour=red"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'colour'");
        assertThatThrownBy(() -> handler("nosuch://host"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown scheme 'nosuch'");
        assertThatThrownBy(() -> handler("memory://a?format=plain", "LOGDRAIN_METRICS", "sometimes"))
                .hasMessage("LOGDRAIN_METRICS='sometimes' must be on or off");
        assertThatThrownBy(() -> handler("memory://a?format=plain", "LOGDRAIN_PLUGINS", "/no/such/dir"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/no/such/dir");
        assertThatThrownBy(() -> new CloudWatchLogsHandler(Map.of(), clock, new PrintStream(stdout)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("no destination: set LOGDRAIN_URL");
    }

    @Test
    void theSourceIsChosenByName_aThirdPartySourceReplacesTheBuiltInOne() {
        CloudWatchLogsHandler handler = handler("memory://a?format=plain", "LOGDRAIN_SOURCE", "test-lines");

        HandlerRun run = invoke(handler, "first\nPING\nsecond".getBytes(UTF_8));

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("a")).containsExactly(
                "/test/lines|stream||0|1700000000000|first", "/test/lines|stream||1|1700000000000|second");
        assertThat(run.summary()).contains("events=2 control=1");
        assertThat(run.emfInvocation().path("ControlMessages").asInt()).isEqualTo(1);

        HandlerRun cloudWatchEvent = invoke(handler, lambdaEvent(payloadJson(GROUP, STREAM, events("x", 1))));
        assertThat(cloudWatchEvent.error()).as("the built-in source is not asked").isNull();
        assertThat(MemorySinkProvider.received("a")).hasSize(3).last().asString().startsWith("/test/lines|stream||0|");

        HandlerRun empty = invoke(handler, new byte[0]);
        assertThat(empty.error()).isInstanceOf(InvalidEventException.class).hasMessage("test-lines: an empty event");
    }

    @Test
    void anUnknownSourceOrABadSourceSettingFailsAtInit() {
        assertThatThrownBy(() -> handler("memory://a?format=plain", "LOGDRAIN_SOURCE", "nosuch"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("LOGDRAIN_SOURCE=nosuch: unknown source 'nosuch'; available sources: cloudwatch, test-lines");
        assertThatThrownBy(() -> handler("memory://a?format=plain", "LOGDRAIN_MAX_PAYLOAD", "lots"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("LOGDRAIN_SOURCE=cloudwatch with LOGDRAIN_MAX_PAYLOAD: maxpayload='lots' is not a size");
    }
}
