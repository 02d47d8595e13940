package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.internal.SnapStartHooks;
import dev.logdrain.lambda.testing.FakeAwsJsonApi;
import dev.logdrain.lambda.testing.FakeAwsJsonApi.Answer;
import dev.logdrain.lambda.testing.FakeCloudFormation;
import dev.logdrain.lambda.testing.HandlerRun;
import dev.logdrain.lambda.testing.MutableClock;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.MemorySinkProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code org.crac} hooks that Lambda SnapStart calls, called here as Lambda calls them: after
 * {@code beforeCheckpoint} no socket of the function is open, the next invocation (after {@code afterRestore})
 * dials again and delivers to a real rsyslog, and URLs cached with a time to live are read again.
 */
class SnapStartHooksIT {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));

    @TempDir
    Path cache;

    private CloudWatchLogsHandler handler(Map<String, String> more) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        env.put("LOGDRAIN_CACHE_DIR", cache.toString());
        env.putAll(more);
        return new CloudWatchLogsHandler(env, clock, new PrintStream(stdout, true, UTF_8));
    }

    private HandlerRun invoke(CloudWatchLogsHandler handler, String tag) {
        return HandlerRun.invoke(handler, lambdaEvent(payloadJson("/ecs/shop", "web/1", events(tag, 2))), 60_000, stdout);
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    @Test
    void noSocketIsOpenAfterBeforeCheckpointAndTheNextInvocationDialsAgain() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            String url = rsyslog.url(Input.TCP);
            CloudWatchLogsHandler handler = handler(Map.of("LOGDRAIN_URL", url));
            SnapStartHooks hooks = handler.host().snapStartHooks();
            assertThat(FakeAwsJsonApi.establishedTo(port(url))).as("init dials nothing").isZero();

            // priming before the snapshot formats a batch, but sends nothing and leaves nothing open
            hooks.beforeCheckpoint(null);
            assertThat(FakeAwsJsonApi.establishedTo(port(url))).isZero();

            HandlerRun warm = invoke(handler, "before");
            assertThat(warm.error()).isNull();
            assertThat(FakeAwsJsonApi.establishedTo(port(url))).as("a warm connection").isPositive();

            hooks.beforeCheckpoint(null);
            assertThat(FakeAwsJsonApi.establishedTo(port(url))).as("closed before the snapshot").isZero();
            hooks.afterRestore(null);

            HandlerRun restored = invoke(handler, "restored");
            assertThat(restored.error()).isNull();
            List<ReceivedMessage> received = rsyslog.awaitMessages(4, Duration.ofSeconds(60));
            assertThat(received).extracting(ReceivedMessage::msgWithoutBom)
                    .containsExactly("before message 0", "before message 1", "restored message 0", "restored message 1");
            assertThat(String.join("\n", warm.lines())).doesNotContain("priming");
        }
    }

    @Test
    void aSecretIsReadAgainAfterRestoreAndItsClientKeepsNoSocket() throws Exception {
        MemorySinkProvider.reset();
        AtomicReference<String> secret = new AtomicReference<>("memory://first?format=plain");
        try (FakeAwsJsonApi aws = new FakeAwsJsonApi()) {
            aws.on("GetSecretValue", body -> Answer.ok(Map.of("Name", "logdrain/url", "SecretString", secret.get())));
            CloudWatchLogsHandler handler = handler(Map.of("LOGDRAIN_URL_SECRET", "logdrain/url",
                    "LOGDRAIN_SECRETSMANAGER_ENDPOINT", aws.endpoint()));
            assertThat(aws.requests()).hasSize(1);

            handler.host().snapStartHooks().beforeCheckpoint(null);
            assertThat(FakeAwsJsonApi.establishedTo(aws.port())).as("the SDK keeps no connection").isZero();
            secret.set("memory://rotated?format=plain");
            handler.host().snapStartHooks().afterRestore(null);

            HandlerRun run = invoke(handler, "restored");

            assertThat(run.error()).isNull();
            assertThat(aws.requests()).as("read again after the restore, within the TTL").hasSize(2);
            assertThat(MemorySinkProvider.received("rotated")).hasSize(2);
            assertThat(MemorySinkProvider.received("first")).isEmpty();
        }
    }

    @Test
    void theStackParameterCachedBeforeTheSnapshotIsReadAgainAfterRestore() throws Exception {
        MemorySinkProvider.reset();
        try (FakeCloudFormation cloudFormation = new FakeCloudFormation()) {
            cloudFormation.stack("logdrain", Map.of("Url", "memory://first?format=plain"));
            CloudWatchLogsHandler handler = handler(Map.of("LOGDRAIN_CLOUDFORMATION_ENDPOINT", cloudFormation.endpoint()));
            invoke(handler, "one");
            cloudFormation.stack("logdrain", Map.of("Url", "memory://second?format=plain"));

            handler.host().snapStartHooks().beforeCheckpoint(null);
            handler.host().snapStartHooks().afterRestore(null);
            HandlerRun run = invoke(handler, "two");

            assertThat(run.error()).isNull();
            assertThat(cloudFormation.requests()).hasSize(2);
            assertThat(MemorySinkProvider.received("second")).hasSize(2);
        }
    }
}
