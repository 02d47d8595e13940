package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.testing.HandlerRun;
import dev.logdrain.lambda.testing.MutableClock;
import dev.logdrain.lambda.testing.TestContext;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Processing through the Lambda handler to a real rsyslog: {@code LOGDRAIN_PROCESS} for every destination
 * plus each URL's own options; what rsyslog receives, the summary line and the EMF counts; and a retried
 * invocation (same event) that samples out exactly the same events.
 */
class ProcessingRsyslogIT {

    private static final String GROUP = "/aws/lambda/shop";
    private static final String STREAM = "2024/05/01/[$LATEST]5f2a9c0d1e3b4a7f8e6d5c4b3a291807";
    private static final int NOISE = 30;

    private static List<LogEvent> events() {
        List<String> messages = new ArrayList<>(List.of(
                "START RequestId: 8f1c Version: $LATEST",
                "ERROR user jane.doe@example.com from 203.0.113.9 paid with 4111 1111 1111 1111",
                "ERROR payment failed for bob@example.org, order 4111111111111112",
                "{\"level\":\"warn\",\"msg\":\"slow\",\"client\":\"2001:db8::7\"}",
                "END RequestId: 8f1c"));
        for (int i = 0; i < NOISE; i++) {
            messages.add("GET /item/" + i + " 200");
        }
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            events.add(new LogEvent(String.format("372950304538993421745923648900000000000000000000%08d", i * 7919),
                    1_714_564_800_000L + i, messages.get(i)));
        }
        return events;
    }

    @Test
    void everyBuiltInThroughTheHandler_keepsDropsRedactsAndSamplesExactlyTheExpectedEvents() throws Exception {
        byte[] event = lambdaEvent(payloadJson(GROUP, STREAM, events()));
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().tls().start()) {
            String archive = rsyslog.url(Input.TCP) + "?exclude=%5E(START|END|REPORT)%20RequestId&sample=3&sample.keep=warning";
            String paid = rsyslog.url(Input.TLS) + "?ca=" + TestCertificates.caCert() + "&minseverity=warning&redact=email";
            Map<String, String> env = Map.of("LOGDRAIN_URL", archive + " " + paid,
                    "LOGDRAIN_PROCESS", "redact=email,ip,card&redact.with=%5Bx%5D",
                    "AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function-X");

            HandlerRun first = invoke(env, event);
            int expected = countArchive(first);
            List<ReceivedMessage> got = rsyslog.awaitMessages(expected + 3, Duration.ofSeconds(60));
            List<String> archived = messages(got, Input.TCP);
            List<String> paidGot = messages(got, Input.TLS);

            // the archive: platform lines dropped, everything redacted, INFO noise sampled, warnings kept
            assertThat(archived.subList(0, 3)).containsExactly(
                    "ERROR user [x] from [x] paid with [x]",
                    "ERROR payment failed for [x], order 4111111111111112",
                    "{\"level\":\"warn\",\"msg\":\"slow\",\"client\":\"[x]\"}");
            List<String> noiseKept = archived.subList(3, archived.size());
            assertThat(noiseKept).isNotEmpty().hasSizeLessThan(NOISE).allMatch(m -> m.matches("GET /item/\\d+ 200"));
            // the paid service: warnings and worse only; its own redact=email replaces the shared redact, the shared redact.with stays
            assertThat(paidGot).containsExactly(
                    "ERROR user [x] from 203.0.113.9 paid with 4111 1111 1111 1111",
                    "ERROR payment failed for [x], order 4111111111111112",
                    "{\"level\":\"warn\",\"msg\":\"slow\",\"client\":\"2001:db8::7\"}");
            // severity=auto (the default) gave the redacted error its PRI
            assertThat(got.stream().filter(m -> m.input() == Input.TLS).findFirst().orElseThrow().severity()).isEqualTo(3);

            int sampled = NOISE - noiseKept.size();
            assertThat(first.summary()).contains("events=35")
                    .contains("sent=" + (3 + noiseKept.size()) + " failed=0")
                    .contains("dropped=2 sampled=" + sampled + " redacted=3")
                    .contains("sent=3 failed=0").contains("dropped=32 sampled=0 redacted=2");
            assertThat(first.emfFor("tcp://127.0.0.1").path("EventsDropped").asInt()).isEqualTo(2);
            assertThat(first.emfFor("tcp://127.0.0.1").path("EventsSampledOut").asInt()).isEqualTo(sampled);
            assertThat(first.emfFor("tcp://127.0.0.1").path("EventsRedacted").asInt()).isEqualTo(3);
            assertThat(first.emfFor("tcp://127.0.0.1").path("EventsDelivered").asInt()).isEqualTo(3 + noiseKept.size());
            assertThat(first.emfFor("tcp+tls://127.0.0.1").path("EventsDropped").asInt()).isEqualTo(32);
            assertThat(first.emfFor("tcp+tls://127.0.0.1").path("EventsRedacted").asInt()).isEqualTo(2);
            assertThat(first.emfFor("tcp+tls://127.0.0.1").path("EventsFailed").asInt()).isZero();

            // Lambda retries the same event: the same events are sampled out
            HandlerRun retried = invoke(env, event);
            List<ReceivedMessage> all = rsyslog.awaitMessages(2 * (expected + 3), Duration.ofSeconds(60));
            List<String> archivedTwice = messages(all, Input.TCP);
            assertThat(archivedTwice.subList(archived.size(), archivedTwice.size())).isEqualTo(archived);
            assertThat(retried.summary()).contains("dropped=2 sampled=" + sampled + " redacted=3");
        }
    }

    private static HandlerRun invoke(Map<String, String> env, byte[] event) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CloudWatchLogsHandler handler = new CloudWatchLogsHandler(env,
                new MutableClock(Instant.parse("2024-05-01T12:00:00Z")), new PrintStream(stdout, true, UTF_8));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, new TestContext(60_000));
        return HandlerRun.of(response, null, stdout, 0);
    }

    /** How many events the summary says the archive (the first destination) was sent. */
    private static int countArchive(HandlerRun run) {
        Matcher m = Pattern.compile(" sent=(\\d+)").matcher(run.summary());
        assertThat(m.find()).as(run.summary()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<String> messages(List<ReceivedMessage> got, Input input) {
        return got.stream().filter(m -> m.input() == input).map(ReceivedMessage::msgWithoutBom).toList();
    }
}
