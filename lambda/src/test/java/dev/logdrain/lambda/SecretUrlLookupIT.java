package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.lambda.testing.FakeAwsJsonApi;
import dev.logdrain.lambda.testing.FakeAwsJsonApi.Answer;
import dev.logdrain.lambda.testing.HandlerRun;
import dev.logdrain.lambda.testing.MutableClock;
import dev.logdrain.lambda.testing.TestContext;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.testing.MemorySinkProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destination URL kept in a Secrets Manager secret or an SSM SecureString parameter, read with the real AWS
 * SDK v2 clients (AWS JSON protocol, SigV4) from a loopback endpoint: at init, cached, read again once after a
 * failed delivery, and never shown in a log line or an error.
 */
class SecretUrlLookupIT {

    private static final String TOKEN = "s3cr3t-t0ken-4242";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:logdrain/url-AbCdEf";

    @TempDir
    Path cache;

    private FakeAwsJsonApi aws;
    private final AtomicReference<String> secret = new AtomicReference<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        MemorySinkProvider.reset();
        aws = new FakeAwsJsonApi();
        aws.on("GetSecretValue", body -> body.path("SecretId").asText().equals("logdrain/url")
                || body.path("SecretId").asText().equals(SECRET_ARN)
                ? Answer.ok(Map.of("ARN", SECRET_ARN, "Name", "logdrain/url", "SecretString", secret.get(),
                        "VersionId", "v1", "CreatedDate", 1.7145648E9))
                : Answer.error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
        aws.on("GetParameter", body -> body.path("Name").asText().equals("/logdrain/url")
                && body.path("WithDecryption").asBoolean()
                ? Answer.ok(Map.of("Parameter", Map.of("Name", "/logdrain/url", "Type", "SecureString",
                        "Value", secret.get(), "Version", 1)))
                : Answer.error(400, "ParameterNotFound", "Parameter not found."));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private CloudWatchLogsHandler handler(String reference, String... more) {
        Map<String, String> env = TestContext.signedEnvironment("logdrain-Function", more);
        env.putIfAbsent("LOGDRAIN_URL_SECRET", reference);
        env.putIfAbsent("LOGDRAIN_SECRETSMANAGER_ENDPOINT", aws.endpoint());
        env.putIfAbsent("LOGDRAIN_SSM_ENDPOINT", aws.endpoint());
        env.putIfAbsent("LOGDRAIN_CACHE_DIR", cache.toString());
        return new CloudWatchLogsHandler(env, clock, new PrintStream(stdout, true, UTF_8));
    }

    private HandlerRun invoke(CloudWatchLogsHandler handler, String tag) {
        return HandlerRun.invoke(handler, lambdaEvent(payloadJson("/ecs/shop", "web/1", events(tag, 2))), 30_000, stdout);
    }

    @Test
    void theSecretIsReadAtInitSignedAndCached() {
        secret.set("memory://user:" + TOKEN + "@first?format=plain");
        CloudWatchLogsHandler handler = handler("logdrain/url");
        assertThat(aws.requests("GetSecretValue")).as("read during init").hasSize(1);

        HandlerRun one = invoke(handler, "one");
        HandlerRun two = invoke(handler, "two");

        assertThat(one.error()).isNull();
        assertThat(two.error()).isNull();
        assertThat(MemorySinkProvider.received("first")).hasSize(4);
        assertThat(aws.requests()).as("the invocations use the cached value").hasSize(1);
        FakeAwsJsonApi.Request request = aws.requests().get(0);
        assertThat(request.target()).isEqualTo("secretsmanager.GetSecretValue");
        assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/us-east-1/secretsmanager/aws4_request");
        assertThat(request.connection()).as("no connection kept open").isEqualTo("close");
        assertThat(String.join("\n", one.lines()) + String.join("\n", two.lines())).doesNotContain(TOKEN)
                .contains("memory://***@first");
    }

    @Test
    void anSsmSecureStringParameterIsReadWithDecryption() {
        secret.set("memory://ssm?format=plain");

        HandlerRun run = invoke(handler("ssm:/logdrain/url"), "one");

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("ssm")).hasSize(2);
        assertThat(aws.requests()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("AmazonSSM.GetParameter");
            assertThat(r.body().path("WithDecryption").asBoolean()).isTrue();
            assertThat(r.authorization()).contains("/us-east-1/ssm/aws4_request");
        });
    }

    @Test
    void aKeyValueSecretGivesItsUrlKey() {
        secret.set("{\"username\":\"x\",\"url\":\"memory://json?format=plain\"}");

        HandlerRun run = invoke(handler(SECRET_ARN), "one");

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("json")).hasSize(2);
    }

    @Test
    void theCacheExpiresAfterItsTimeToLive() {
        secret.set("memory://first?format=plain");
        CloudWatchLogsHandler handler = handler("logdrain/url", "LOGDRAIN_URL_CACHE_TTL", "60");
        secret.set("memory://second?format=plain");
        clock.advance(Duration.ofSeconds(59));
        invoke(handler, "one");
        clock.advance(Duration.ofSeconds(2));
        invoke(handler, "two");

        assertThat(aws.requests()).hasSize(2);
        assertThat(MemorySinkProvider.received("first")).hasSize(2);
        assertThat(MemorySinkProvider.received("second")).hasSize(2);
    }

    @Test
    void aFailedDeliveryReadsTheSecretOnceMoreAndSendsToTheRotatedUrl() {
        secret.set("memory://user:" + TOKEN + "@old?format=plain&fail=true");
        CloudWatchLogsHandler handler = handler("logdrain/url");
        secret.set("memory://new?format=plain");

        HandlerRun run = invoke(handler, "moved");

        assertThat(run.error()).isNull();
        assertThat(aws.requests()).hasSize(2);
        assertThat(MemorySinkProvider.received("new")).hasSize(2);
        assertThat(run.summary()).contains("the destination URL changed; sent again to 1 destination(s)");

        // unchanged and still failing: looked up exactly once more, the batch fails, no token anywhere
        secret.set("memory://user:" + TOKEN + "@down?format=plain&fail=true");
        CloudWatchLogsHandler failing = handler("logdrain/url");
        int before = aws.requests().size();
        HandlerRun failed = invoke(failing, "lost");
        assertThat(failed.error()).isInstanceOf(DeliveryFailedException.class);
        assertThat(failed.error().getMessage()).doesNotContain(TOKEN).contains("memory://***@down");
        assertThat(aws.requests()).hasSize(before + 1);
        assertThat(failed.summary()).contains("looked up the destination URL again: unchanged");
        assertThat(String.join("\n", failed.lines()) + String.join("\n", run.lines())).doesNotContain(TOKEN)
                .contains("memory://***@down");
    }

    @Test
    void aMissingSecretFailsInitNamingTheSecretOnly() {
        assertThatThrownBy(() -> handler("logdrain/other"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GetSecretValue on secret logdrain/other failed: Secrets Manager can't find the specified secret.");
    }

    @Test
    void anUnusableValueIsAnErrorThatDoesNotShowIt() {
        secret.set("{\"password\":\"" + TOKEN + "\"}");
        assertThatThrownBy(() -> handler("logdrain/url"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("secret logdrain/url holds JSON without a string \"url\" key");

        secret.set("not a url " + TOKEN);
        assertThatThrownBy(() -> handler("logdrain/url"))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aStaleValueServesWhenTheLookupFailsLater() {
        secret.set("memory://kept?format=plain");
        CloudWatchLogsHandler handler = handler("logdrain/url", "LOGDRAIN_URL_CACHE_TTL", "60");
        aws.close();
        clock.advance(Duration.ofMinutes(5));

        HandlerRun run = invoke(handler, "two");

        assertThat(run.error()).isNull();
        assertThat(MemorySinkProvider.received("kept")).hasSize(2);
        assertThat(run.lines()).anyMatch(l -> l.startsWith("logdrain: warning: cannot read the destination URL again"));
    }

    @Test
    void theUrlAndASecretTogetherAreRefused() {
        assertThatThrownBy(() -> handler("logdrain/url", "LOGDRAIN_URL", "stdout://"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("both LOGDRAIN_URL and LOGDRAIN_URL_SECRET are set: set one");
    }
}
