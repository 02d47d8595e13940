package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.testing.FakeAwsJsonApi;
import dev.logdrain.lambda.testing.FakeAwsJsonApi.Answer;
import dev.logdrain.lambda.testing.FakeRuntimeApi;
import dev.logdrain.lambda.testing.RuntimeClientProcess;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged zip under the real Lambda runtime interface client, on this JVM and on Java 25 (Temurin), with
 * the destination URL read from a Secrets Manager secret at init (a loopback AWS endpoint, the real SDK) and
 * every event delivered to a real rsyslog.
 */
class SecretRuntimeIT {

    private static final String HANDLER = "dev.logdrain.lambda.CloudWatchLogsHandler::handleRequest";
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Where this kind of machine has Temurin 25 (see the machine notes); LOGDRAIN_JAVA25_HOME overrides. */
    private static final Path JAVA25 = Path.of(System.getenv().getOrDefault("LOGDRAIN_JAVA25_HOME",
            "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @TempDir
    Path work;

    static Stream<Path> javaHomes() {
        return Stream.of(Path.of(System.getProperty("java.home")), JAVA25);
    }

    @ParameterizedTest
    @MethodSource("javaHomes")
    void theZipDeliversWithTheUrlFromASecret(Path javaHome) throws Exception {
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("no JVM at " + javaHome + " (set LOGDRAIN_JAVA25_HOME)");
            }
            Assumptions.abort("no JVM at " + javaHome);
        }
        Path taskRoot = work.resolve("task");
        RuntimeClientProcess.unzipPackage(taskRoot);
        Path stdout = work.resolve("stdout.txt");
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start();
             FakeAwsJsonApi aws = new FakeAwsJsonApi();
             FakeRuntimeApi api = new FakeRuntimeApi()) {
            aws.on("GetSecretValue", body -> Answer.ok(Map.of("Name", "logdrain/url",
                    "SecretString", rsyslog.url(Input.TCP))));
            Map<String, String> env = Map.of("AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function",
                    "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/logdrain-Function",
                    "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                    "LOGDRAIN_URL_SECRET", "logdrain/url",
                    "LOGDRAIN_SECRETSMANAGER_ENDPOINT", aws.endpoint());
            try (RuntimeClientProcess function = RuntimeClientProcess.start(javaHome, taskRoot,
                    RuntimeClientProcess.runtimeClientJars(), HANDLER, api, env, stdout)) {
                String id = api.invoke(lambdaEvent(payloadJson("/ecs/shop", "web/1", events("secret", 3))));
                FakeRuntimeApi.Outcome outcome = function.await(id, WAIT);

                assertThat(outcome.error()).as(outcome.body() + "\n" + function.output()).isFalse();
                assertThat(outcome.body()).isEqualTo("{\"events\":3,\"controlMessages\":0,\"skippedEvents\":0}");
                List<ReceivedMessage> received = rsyslog.awaitMessages(3, WAIT);
                assertThat(received).extracting(ReceivedMessage::msgWithoutBom)
                        .containsExactly("secret message 0", "secret message 1", "secret message 2");
                assertThat(aws.requests("GetSecretValue")).hasSize(1);
                assertThat(function.output()).contains("sent=3 failed=0");
                assertThat(api.awaitInitError(Duration.ZERO)).isNull();
            }
        }
    }
}
