package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static dev.logdrain.lambda.testing.KinesisFixtures.cloudWatchRecord;
import static dev.logdrain.lambda.testing.KinesisFixtures.dataRecord;
import static dev.logdrain.lambda.testing.KinesisFixtures.event;
import static dev.logdrain.lambda.testing.KinesisFixtures.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.testing.FakeRuntimeApi;
import dev.logdrain.lambda.testing.KinesisFixtures;
import dev.logdrain.lambda.testing.ReferenceKinesisHandler;
import dev.logdrain.lambda.testing.RuntimeClientProcess;
import dev.logdrain.spi.LogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged Kinesis handler under the real Lambda runtime interface client, side by side with a reference
 * function written the way AWS documents it ({@code RequestHandler<KinesisEvent, StreamsEventResponse>}, the
 * event bound by the runtime's own serializer). Both get the same events; their responses must be the same
 * bytes. That shows the test events have the shape the runtime reads, and that the response logdrain writes
 * itself is exactly what Lambda gets from a {@code StreamsEventResponse}.
 */
class KinesisRuntimeIT {

    private static final String HANDLER = "dev.logdrain.lambda.KinesisHandler::handleRequest";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void thePackagedHandlerAnswersExactlyAsAStreamsEventResponseDoes() throws Exception {
        Path taskRoot = work.resolve("task");
        RuntimeClientProcess.unzipPackage(taskRoot);
        assertThat(taskRoot.resolve("dev/logdrain/lambda/KinesisHandler.class")).exists();
        try (Stream<Path> lib = Files.list(taskRoot.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .as("the events library is not shipped").noneMatch(n -> n.startsWith("aws-lambda-java-events"));
        }
        List<Path> runtimeClient = RuntimeClientProcess.runtimeClientJars();
        List<Path> reference = new ArrayList<>(runtimeClient);
        // the events library and what it depends on (joda-time), as a function using it would ship them
        reference.addAll(RuntimeClientProcess.testClassPath(n -> n.startsWith("aws-lambda-java-events")
                || n.startsWith("joda-time")));
        reference.add(Path.of(ReferenceKinesisHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI()));

        List<LogEvent> events = List.of(new LogEvent("1", 1_714_564_800_001L, "hello from the stream"),
                new LogEvent("2", 1_714_564_800_002L, "second ✓"));
        byte[] allGood = event(List.of(cloudWatchRecord(0, payloadJson("/ecs/shop", "web/app/0123", events)),
                cloudWatchRecord(1, payloadJson("/ecs/shop", "web/app/0456", events))));
        byte[] oneCorrupt = event(List.of(cloudWatchRecord(0, payloadJson("/ecs/shop", "web/app/0123", events)),
                cloudWatchRecord(1, payloadJson("/ecs/shop", "web/app/0456", events)),
                dataRecord(2, "not gzip".getBytes(StandardCharsets.UTF_8)),
                cloudWatchRecord(3, payloadJson("/ecs/shop", "web/app/0789", events))));

        try (FakeRuntimeApi logdrainApi = new FakeRuntimeApi(); FakeRuntimeApi referenceApi = new FakeRuntimeApi();
             RuntimeClientProcess logdrain = RuntimeClientProcess.start(taskRoot, runtimeClient, HANDLER, logdrainApi,
                     Map.of("AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function",
                             "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/logdrain-Function",
                             "LOGDRAIN_URL", "stdout://",
                             "LOGDRAIN_KINESIS_CORRUPT", "fail"),
                     work.resolve("logdrain.txt"));
             RuntimeClientProcess ref = RuntimeClientProcess.start(taskRoot, reference,
                     ReferenceKinesisHandler.class.getName(), referenceApi, Map.of("AWS_LAMBDA_FUNCTION_NAME", "reference"),
                     work.resolve("reference.txt"))) {

            for (byte[] event : List.of(allGood, oneCorrupt)) {
                String ours = logdrainApi.invoke(event);
                String theirs = referenceApi.invoke(event);
                FakeRuntimeApi.Outcome fromLogdrain = logdrain.await(ours, WAIT);
                FakeRuntimeApi.Outcome fromReference = ref.await(theirs, WAIT);
                assertThat(fromLogdrain.error()).as(fromLogdrain.body() + "\n" + logdrain.output()).isFalse();
                assertThat(fromReference.error()).as(fromReference.body() + "\n" + ref.output()).isFalse();
                assertThat(fromLogdrain.body()).isEqualTo(fromReference.body());
            }

            String reported = "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + sequenceNumber(2) + "\"}]}";
            assertThat(ref.await(referenceApi.invoke(oneCorrupt), WAIT).body()).isEqualTo(reported);
            assertThat(ref.await(referenceApi.invoke(allGood), WAIT).body()).isEqualTo("{\"batchItemFailures\":[]}");
            assertThat(ref.output()).contains("reference: " + KinesisFixtures.SHARD + ":" + sequenceNumber(2)
                    + " 9f0c4f8d1e2a3b4c5d6e7f8091a2b3c4 8 bytes from " + KinesisFixtures.STREAM_ARN);

            String out = logdrain.output();
            assertThat(out).contains("/ecs/shop shop 0123 - - hello from the stream", "/ecs/shop shop 0456 - - second ✓",
                    "records=2 corrupt=0 retried=0 duration=",
                    "records=4 corrupt=1 retried=2 retryFrom=" + sequenceNumber(2),
                    "logdrain: corrupt record, not skipped (LOGDRAIN_KINESIS_CORRUPT=fail): shard=" + KinesisFixtures.SHARD
                            + " sequenceNumber=" + sequenceNumber(2));
            assertThat(out).as("record 3 comes after the reported one: never sent").doesNotContain("0789 - -");
        }
    }
}
