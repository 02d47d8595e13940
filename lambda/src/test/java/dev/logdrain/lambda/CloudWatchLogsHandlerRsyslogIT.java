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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: the handler, configured with {@code LOGDRAIN_URL} as a Lambda function would be, receives a
 * real subscription event and delivers every event in RFC 5424 to a real rsyslog over TCP and over TLS
 * (certificate chain and hostname verified against the test CA).
 */
class CloudWatchLogsHandlerRsyslogIT {

    private static final String GROUP = "/ecs/shop";

    /** The tcp and tcp+tls sinks come from the syslog-transport module; until it is built there is nothing to test. */
    @BeforeAll
    static void transportsPresent() {
        try (dev.logdrain.PluginRegistry registry = dev.logdrain.PluginRegistry.builtIns()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(registry.schemes().containsAll(java.util.Set.of("tcp", "tcp+tls")),
                    "syslog-transport (tcp, tcp+tls) is not on the class path yet");
        }
    }
    private static final String STREAM = "web/app/5f2a9c0d1e3b4a7f8e6d5c4b3a291807";

    @Test
    void everyEventReachesRsyslogOverTcpAndTlsWithTheExpectedFields() throws Exception {
        List<LogEvent> events = List.of(
                new LogEvent("37295030453899342174592364890000000000000000000000000001", 1_714_564_800_123L,
                        "GET /checkout 200 12ms"),
                new LogEvent("37295030453899342174592364890000000000000000000000000002", 1_714_564_800_456L,
                        "Exception in thread \"main\"\n\tat shop.Checkout.run(Checkout.java:42)"),
                new LogEvent("37295030453899342174592364890000000000000000000000000003", 1_714_564_801_000L,
                        "ünïcödé ✓ 日本語 and a trailing line break\n"));

        try (Rsyslog rsyslog = Rsyslog.builder().tcp().tls().start()) {
            String urls = rsyslog.url(Input.TCP) + " " + rsyslog.url(Input.TLS) + "?ca=" + TestCertificates.caCert();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            CloudWatchLogsHandler handler = new CloudWatchLogsHandler(
                    Map.of("LOGDRAIN_URL", urls, "AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function-X"),
                    new MutableClock(Instant.parse("2024-05-01T12:00:00Z")), new PrintStream(stdout, true, UTF_8));

            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(lambdaEvent(payloadJson(GROUP, STREAM, events))), response,
                    new TestContext(60_000));
            HandlerRun run = HandlerRun.of(response, null, stdout, 0);

            List<ReceivedMessage> received = rsyslog.awaitMessages(2 * events.size(), Duration.ofSeconds(60));
            for (Input input : List.of(Input.TCP, Input.TLS)) {
                List<ReceivedMessage> got = received.stream().filter(m -> m.input() == input).toList();
                assertThat(got).as(input.name()).hasSize(events.size());
                for (int i = 0; i < events.size(); i++) {
                    ReceivedMessage m = got.get(i);
                    LogEvent e = events.get(i);
                    assertThat(m.msgWithoutBom()).as(input + " message " + i).isEqualTo(e.message());
                    assertThat(m.instant()).isEqualTo(Instant.ofEpochMilli(e.timestamp()));
                    assertThat(m.hostname()).isEqualTo(GROUP);
                    assertThat(m.appName()).isEqualTo("app");
                    assertThat(m.procid()).isEqualTo("5f2a9c0d1e3b4a7f8e6d5c4b3a291807");
                    assertThat(m.facility()).isEqualTo(1);
                    assertThat(m.severity()).isEqualTo(6);
                }
            }
            assertThat(run.summary()).contains("events=3").doesNotContain("failed=1", "failed=2", "failed=3");
            assertThat(run.emfFor("tcp+tls://127.0.0.1").path("EventsDelivered").asInt()).isEqualTo(3);
            assertThat(run.emfFor("tcp://127.0.0.1").path("EventsDelivered").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aStoppedServerFailsTheInvocationWithinTheDeadline() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            String url = rsyslog.url(Input.TCP);
            rsyslog.stop();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            CloudWatchLogsHandler handler = new CloudWatchLogsHandler(
                    Map.of("LOGDRAIN_URL", url, "LOGDRAIN_DEADLINE_MARGIN_MS", "2000"),
                    new MutableClock(Instant.parse("2024-05-01T12:00:00Z")), new PrintStream(stdout, true, UTF_8));
            Throwable error = null;
            long start = System.nanoTime();
            try {
                handler.handleRequest(new ByteArrayInputStream(lambdaEvent(payloadJson(GROUP, STREAM,
                        List.of(new LogEvent("1", 1, "lost?"))))), new ByteArrayOutputStream(), new TestContext(8_000));
            } catch (DeliveryFailedException e) {
                error = e;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            HandlerRun run = HandlerRun.of(new ByteArrayOutputStream(), error, stdout, millis);

            assertThat(error).isNotNull().hasMessageStartingWith("delivery failed: " + url + ": 1 of 1 events not delivered");
            assertThat(millis).as("before Lambda's own timeout").isLessThan(8_000);
            assertThat(run.emfFor("tcp://127.0.0.1").path("EventsFailed").asInt()).isEqualTo(1);
        }
    }

    /** rsyslog (gtls, x509/certvalid) trusting another CA refuses our client certificate after the handshake. */
    @Test
    void aClientCertificateTheServerRefusesFailsEveryEvent() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().mutualTls().caCertificate(TestCertificates.otherCaCert()).start()) {
            String url = rsyslog.url(Input.TLS_MUTUAL) + "?ca=" + TestCertificates.caCert() + "&cert="
                    + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            CloudWatchLogsHandler handler = new CloudWatchLogsHandler(Map.of("LOGDRAIN_URL", url),
                    new MutableClock(Instant.parse("2024-05-01T12:00:00Z")), new PrintStream(stdout, true, UTF_8));
            List<LogEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                events.add(new LogEvent(String.valueOf(i), 1_714_564_800_000L + i, "event " + i));
            }
            Throwable error = null;
            try {
                handler.handleRequest(new ByteArrayInputStream(lambdaEvent(payloadJson(GROUP, STREAM, events))),
                        new ByteArrayOutputStream(), new TestContext(60_000));
            } catch (DeliveryFailedException e) {
                error = e;
            }
            HandlerRun run = HandlerRun.of(new ByteArrayOutputStream(), error, stdout, 0);

            assertThat(error).isNotNull().hasMessageContaining("6 of 6 events not delivered")
                    .hasMessageContaining("client certificate refused");
            assertThat(run.summary()).contains("failed=6");
            assertThat(rsyslog.assertNoMoreThan(0, Duration.ofSeconds(1))).isEmpty();
        }
    }
}
