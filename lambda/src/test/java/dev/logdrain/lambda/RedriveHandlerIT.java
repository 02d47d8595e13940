package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.onFailureRecord;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.lambda.internal.RedriveSettings;
import dev.logdrain.lambda.testing.FakeRuntimeApi;
import dev.logdrain.lambda.testing.RuntimeClientProcess;
import dev.logdrain.lambda.testing.TestContext;
import dev.logdrain.redrive.testing.LocalSqs;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.testing.FreePorts;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled redrive: the function's own on-failure queue (ElasticMQ) drained into rsyslog. */
class RedriveHandlerIT {

    private static LocalSqs sqs;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        LocalSqs.defaultChainForTests();
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    private static byte[] record(String stream, String prefix, int count) {
        return onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", stream, events(prefix, count))));
    }

    @Test
    void aScheduledRedriveDrainsTheQueueAndAFailingOneReturnsCountsInsteadOfThrowing() throws Exception {
        String queue = sqs.createQueue("handler-failures");
        sqs.send(queue, record("web/1", "first", 2));
        sqs.send(queue, "not a record at all".getBytes(StandardCharsets.UTF_8));
        int down = FreePorts.unused();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = TestContext.environment("LOGDRAIN_URL", "tcp://127.0.0.1:" + down,
                RedriveSettings.SOURCE, queue, RedriveSettings.ENDPOINT, sqs.endpoint().toString(),
                RedriveSettings.MAX_RECEIVES, "3");
        RedriveHandler failing = new RedriveHandler(env, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        failing.handleRequest(new ByteArrayInputStream("{\"source\":\"aws.events\"}".getBytes()), response,
                new TestContext(20_000));

        assertThat(response.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"redriven\":0,\"events\":0,\"stillFailing\":1,\"poison\":1,\"leftForLater\":0}");
        String log = out.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("logdrain redrive: " + queue + ": 0 records redriven (0 events), 1 still failing, "
                + "1 poison, 0 left for later", "\"RedrivePoison\":1", "\"RedriveStillFailing\":1");
        assertThat(sqs.count(queue)).isEqualTo(2);

        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            env.put("LOGDRAIN_URL", rsyslog.url(Input.TCP));
            out.reset();
            response.reset();
            new RedriveHandler(env, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8))
                    .handleRequest(new ByteArrayInputStream(new byte[0]), response, new TestContext(20_000));
            assertThat(response.toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"redriven\":1,\"events\":2,\"stillFailing\":0,\"poison\":1,\"leftForLater\":0}");
            assertThat(rsyslog.awaitMessages(2, Duration.ofSeconds(30))).extracting(ReceivedMessage::msgWithoutBom)
                    .containsExactly("first message 0", "first message 1");
            assertThat(sqs.bodies(queue)).containsExactly("not a record at all"); // poison stays for a person to see
        }
    }

    @Test
    void withoutASourceTheInitFailsWithOneLine() {
        assertThatThrownBy(() -> new RedriveHandler(TestContext.environment("LOGDRAIN_URL", "stdout://"),
                Clock.systemUTC(), System.out)).isInstanceOf(ConfigurationException.class)
                .hasMessage("LOGDRAIN_REDRIVE_SOURCE is not set: name the on-failure queue URL or s3://BUCKET");
    }

    @Test
    void thePackagedRedriveHandlerRunsUnderTheRealRuntimeClient() throws Exception {
        Path taskRoot = work.resolve("task");
        RuntimeClientProcess.unzipPackage(taskRoot);
        String queue = sqs.createQueue("runtime-failures");
        sqs.send(queue, record("web/9", "runtime", 3));
        List<Path> runtimeClient = RuntimeClientProcess.runtimeClientJars();
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start();
             FakeRuntimeApi api = new FakeRuntimeApi();
             RuntimeClientProcess function = RuntimeClientProcess.start(taskRoot, runtimeClient,
                     "dev.logdrain.lambda.RedriveHandler::handleRequest", api, Map.of(
                             "AWS_LAMBDA_FUNCTION_NAME", "logdrain-RedriveFunction",
                             "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                             "LOGDRAIN_URL", rsyslog.url(Input.TCP),
                             RedriveSettings.SOURCE, queue, RedriveSettings.ENDPOINT, sqs.endpoint().toString()),
                     work.resolve("stdout.txt"))) {
            // what an EventBridge schedule sends
            String id = api.invoke(("{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"Scheduled Event\",\"source\":"
                    + "\"aws.events\",\"time\":\"2024-01-01T00:30:00Z\",\"detail\":{}}").getBytes(StandardCharsets.UTF_8));
            FakeRuntimeApi.Outcome outcome = function.await(id, Duration.ofSeconds(120));
            assertThat(outcome.error()).as(outcome.body() + "\n" + function.output()).isFalse();
            assertThat(outcome.body()).isEqualTo("{\"redriven\":1,\"events\":3,\"stillFailing\":0,\"poison\":0,\"leftForLater\":0}");
            assertThat(rsyslog.awaitMessages(3, Duration.ofSeconds(30))).extracting(ReceivedMessage::msgWithoutBom)
                    .containsExactly("runtime message 0", "runtime message 1", "runtime message 2");
            assertThat(function.output()).contains("logdrain redrive: " + queue + ": 1 record redriven (3 events)",
                    "\"RedriveRedriven\":1");
            assertThat(sqs.count(queue)).isZero();
        }
    }
}
