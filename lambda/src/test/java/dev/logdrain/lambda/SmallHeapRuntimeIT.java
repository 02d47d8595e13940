package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.base64;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEventWithData;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.lambda.testing.FakeRuntimeApi;
import dev.logdrain.lambda.testing.KinesisFixtures;
import dev.logdrain.lambda.testing.RuntimeClientProcess;
import dev.logdrain.spi.LogEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile events against the packaged function in a JVM with the heap of a 128 MB Lambda function or less
 * ({@code -Xmx96m}), under the real runtime client: a 1 GB single-string gzip bomb, 1.5 million tiny events in
 * 170 KB of gzip, and a Kinesis record holding the bomb. Each is refused in one line (InvalidEventException, or
 * the record skipped as corrupt), the summary says so, nothing runs out of memory, and the same JVM then
 * delivers an ordinary event and payloads just inside the limits.
 */
class SmallHeapRuntimeIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> SMALL_HEAP = List.of("-Xmx96m", "-XX:+UseSerialGC");

    @TempDir
    Path work;

    private final List<LogEvent> ordinary = List.of(new LogEvent("1", 1_714_564_800_001L, "after the bombs"));

    @Test
    void theCloudWatchHandlerRefusesBombsAndManyEventsWithoutRunningOutOfMemory() throws Exception {
        byte[] bomb = lambdaEventWithData(base64(CloudWatchFixtures.stringBomb(1L << 30)));
        byte[] many = lambdaEventWithData(base64(CloudWatchFixtures.manyTinyEvents(1_500_000)));
        assertThat(bomb.length).isLessThan(2 << 20);
        assertThat(many.length).isLessThan(400_000);
        try (FakeRuntimeApi api = new FakeRuntimeApi();
             RuntimeClientProcess function = start("dev.logdrain.lambda.CloudWatchLogsHandler::handleRequest", api)) {
            for (byte[] event : List.of(bomb, many, bomb)) {
                FakeRuntimeApi.Outcome outcome = function.await(api.invoke(event), WAIT);
                assertThat(outcome.error()).as(function.output()).isTrue();
                assertThat(outcome.body()).contains("\"errorType\":\"dev.logdrain.lambda.InvalidEventException\"");
            }
            FakeRuntimeApi.Outcome ok = function.await(api.invoke(lambdaEvent(payloadJson("/g", "s", ordinary))), WAIT);
            assertThat(ok.error()).as(ok.body() + "\n" + function.output()).isFalse();
            // just inside the limits of this heap: 80,000 events, a message of 5 MiB, delivered
            for (byte[] gzip : List.of(CloudWatchFixtures.manyTinyEvents(80_000), CloudWatchFixtures.stringBomb(5 << 20))) {
                FakeRuntimeApi.Outcome large = function.await(api.invoke(lambdaEventWithData(base64(gzip))), WAIT);
                assertThat(large.error()).as(large.body()).isFalse();
            }

            String out = function.output();
            assertThat(out).doesNotContain("OutOfMemoryError", "Exception in thread")
                    // the 1 GB string: refused by its length, or first by the decoded size its gzip trailer states
                    .containsPattern("\\| error=\"awslogs\\.data: (a JSON string is longer than the limit of|the decoded "
                            + "payload is larger than the limit of)")
                    .containsPattern("JVM's heap of 9\\d(\\.\\d)? MiB allows; give it more memory")
                    .containsPattern("error=\"awslogs\\.data: (more than \\d+ log events|the decoded payload is larger)")
                    .contains("after the bombs", "\"InvalidPayloads\":1,\"FailedInvocations\":1")
                    .contains("group=/many stream=s events=80000", "group=/bomb stream=s events=1");
        }
    }

    @Test
    void theKinesisHandlerSkipsARecordHoldingABombAsCorrupt() throws Exception {
        byte[] event = KinesisFixtures.event(List.of(
                KinesisFixtures.dataRecord(0, CloudWatchFixtures.stringBomb(1L << 30)),
                KinesisFixtures.dataRecord(1, CloudWatchFixtures.manyTinyEvents(1_500_000)),
                KinesisFixtures.cloudWatchRecord(2, payloadJson("/g", "s", ordinary))));
        try (FakeRuntimeApi api = new FakeRuntimeApi();
             RuntimeClientProcess function = start("dev.logdrain.lambda.KinesisHandler::handleRequest", api)) {
            FakeRuntimeApi.Outcome outcome = function.await(api.invoke(event), WAIT);

            assertThat(outcome.error()).as(outcome.body() + "\n" + function.output()).isFalse();
            assertThat(outcome.body()).isEqualTo("{\"batchItemFailures\":[]}");
            String out = function.output();
            assertThat(out).doesNotContain("OutOfMemoryError")
                    .contains("logdrain: corrupt record skipped: shard=" + KinesisFixtures.SHARD + " sequenceNumber="
                            + KinesisFixtures.sequenceNumber(0))
                    .containsPattern("error=\"record data: (a JSON string is longer than the limit of|the decoded payload "
                            + "is larger than the limit of)")
                    .contains("sequenceNumber=" + KinesisFixtures.sequenceNumber(1))
                    .contains("after the bombs", "records=3 corrupt=2", "\"RecordsCorrupt\":2")
                    .contains("\"FailedInvocations\":0");
        }
    }

    private RuntimeClientProcess start(String handler, FakeRuntimeApi api) throws Exception {
        Path taskRoot = work.resolve("task");
        RuntimeClientProcess.unzipPackage(taskRoot);
        List<Path> runtimeClient = RuntimeClientProcess.runtimeClientJars();
        Map<String, String> env = Map.of("AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/logdrain-Function",
                "LOGDRAIN_URL", "stdout://");
        return RuntimeClientProcess.start(taskRoot, runtimeClient, handler, api, env, work.resolve("stdout.txt"), SMALL_HEAP);
    }
}
