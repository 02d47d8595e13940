package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.controlPayloadJson;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static dev.logdrain.lambda.testing.KinesisFixtures.cloudWatchRecord;
import static dev.logdrain.lambda.testing.KinesisFixtures.dataRecord;
import static dev.logdrain.lambda.testing.KinesisFixtures.event;
import static dev.logdrain.lambda.testing.KinesisFixtures.sequenceNumber;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.testing.HandlerRun;
import dev.logdrain.lambda.testing.KinesisFixtures;
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
import org.junit.jupiter.api.Test;

/**
 * End to end: the Kinesis handler, configured with {@code LOGDRAIN_URL} as a Lambda function would be,
 * receives a Kinesis event of several records as the event source mapping delivers it, and sends every event
 * in RFC 5424 to a real rsyslog over TLS (certificate chain and hostname verified against the test CA).
 */
class KinesisHandlerRsyslogIT {

    private static final String GROUP = "/ecs/shop";
    private static final String WEB = "web/app/5f2a9c0d1e3b4a7f8e6d5c4b3a291807";
    private static final String WORKER = "worker/queue/0d1e3b4a7f8e6d5c4b3a2918075f2a9c";

    private static String id(int i) {
        return String.format("372950304538993421745923648900000000000000000000000%05d", i);
    }

    private static HandlerRun invoke(KinesisHandler handler, byte[] event, ByteArrayOutputStream stdout) throws Exception {
        return invoke(handler, event, stdout, 60_000);
    }

    private static HandlerRun invoke(KinesisHandler handler, byte[] event, ByteArrayOutputStream stdout, long budgetMillis)
            throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, new TestContext(budgetMillis));
        return HandlerRun.of(response, null, stdout, 0);
    }

    private static KinesisHandler handler(String url, ByteArrayOutputStream stdout) {
        return new KinesisHandler(Map.of("LOGDRAIN_URL", url, "AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function-X",
                "LOGDRAIN_DEADLINE_MARGIN_MS", "2000"),
                new MutableClock(Instant.parse("2024-05-01T12:00:00Z")), new PrintStream(stdout, true, UTF_8));
    }

    @Test
    void everyRecordOfAKinesisEventReachesRsyslogOverTlsInOrder() throws Exception {
        List<LogEvent> web = List.of(
                new LogEvent(id(1), 1_714_564_800_123L, "GET /checkout 200 12ms"),
                new LogEvent(id(2), 1_714_564_800_456L,
                        "Exception in thread \"main\"\n\tat shop.Checkout.run(Checkout.java:42)"),
                new LogEvent(id(3), 1_714_564_801_000L, "ünïcödé ✓ 日本語 and a trailing line break\n"));
        List<LogEvent> worker = List.of(
                new LogEvent(id(4), 1_714_564_801_500L, "job 7 done"),
                new LogEvent(id(5), 1_714_564_801_501L, "job 8 started"));
        List<LogEvent> later = List.of(new LogEvent(id(6), 1_714_564_802_000L, "GET /health 200 1ms"));
        byte[] event = event(List.of(
                cloudWatchRecord(0, payloadJson(GROUP, WEB, web)),
                cloudWatchRecord(1, controlPayloadJson()),
                cloudWatchRecord(2, payloadJson(GROUP, WORKER, worker)),
                dataRecord(3, "not a CloudWatch Logs payload".getBytes(UTF_8)),
                cloudWatchRecord(4, payloadJson(GROUP, WEB, later))));

        try (Rsyslog rsyslog = Rsyslog.builder().tls().start()) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            KinesisHandler handler = handler(rsyslog.url(Input.TLS) + "?ca=" + TestCertificates.caCert(), stdout);

            HandlerRun run = invoke(handler, event, stdout);

            assertThat(run.response()).isEqualTo("{\"batchItemFailures\":[]}");
            List<ReceivedMessage> got = rsyslog.awaitMessages(6, Duration.ofSeconds(60));
            assertThat(got).hasSize(6);
            List<String[]> expected = new ArrayList<>();
            web.forEach(e -> expected.add(new String[] {WEB, e.id()}));
            worker.forEach(e -> expected.add(new String[] {WORKER, e.id()}));
            later.forEach(e -> expected.add(new String[] {WEB, e.id()}));
            List<LogEvent> all = new ArrayList<>(web);
            all.addAll(worker);
            all.addAll(later);
            for (int i = 0; i < all.size(); i++) {
                ReceivedMessage m = got.get(i);
                LogEvent e = all.get(i);
                String stream = expected.get(i)[0];
                assertThat(m.input()).isEqualTo(Input.TLS);
                assertThat(m.msgWithoutBom()).as("message " + i).isEqualTo(e.message().replaceAll("\n$", ""));
                assertThat(m.instant()).isEqualTo(Instant.ofEpochMilli(e.timestamp()));
                assertThat(m.hostname()).isEqualTo(GROUP);
                assertThat(m.appName()).isEqualTo(stream.substring(stream.indexOf('/') + 1, stream.lastIndexOf('/')));
                assertThat(m.procid()).isEqualTo(stream.substring(stream.lastIndexOf('/') + 1));
                assertThat(m.severity()).isEqualTo(6);
            }
            assertThat(run.summary()).contains("events=6 control=1 skipped=0 records=5 corrupt=1 retried=0",
                    "tcp+tls://127.0.0.1:" + rsyslog.port(Input.TLS) + "?ca=").contains("sent=6 failed=0");
            assertThat(run.lines()).anyMatch(l -> l.startsWith("logdrain: corrupt record skipped: shard="
                    + KinesisFixtures.SHARD + " sequenceNumber=" + sequenceNumber(3)));
            assertThat(run.emfFor("tcp+tls://127.0.0.1").path("EventsDelivered").asInt()).isEqualTo(6);
            assertThat(run.emfInvocation().path("RecordsCorrupt").asInt()).isEqualTo(1);
        }
    }

    @Test
    void whileTheServerIsDownTheFirstRecordIsReportedAndTheRetryDeliversEverythingOnce() throws Exception {
        List<LogEvent> first = List.of(new LogEvent(id(1), 1_714_564_800_001L, "one"),
                new LogEvent(id(2), 1_714_564_800_002L, "two"));
        List<LogEvent> second = List.of(new LogEvent(id(3), 1_714_564_800_003L, "three"));
        byte[] event = event(List.of(cloudWatchRecord(0, payloadJson(GROUP, WEB, first)),
                cloudWatchRecord(1, payloadJson(GROUP, WEB, second))));

        try (Rsyslog rsyslog = Rsyslog.builder().tls().start()) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            KinesisHandler handler = handler(rsyslog.url(Input.TLS) + "?ca=" + TestCertificates.caCert(), stdout);
            rsyslog.stop();

            // the transport keeps trying until the deadline: 8 s less the 2 s margin
            HandlerRun down = invoke(handler, event, stdout, 8_000);

            assertThat(down.response()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                    + sequenceNumber(0) + "\"}]}");
            assertThat(down.summary()).contains("records=2 corrupt=0 retried=2 retryFrom=" + sequenceNumber(0),
                    "delivery failed at record 1 of 2");

            // Lambda invokes again from the reported record once the destination is back
            rsyslog.restart();
            HandlerRun retry = invoke(handler, event, stdout);

            assertThat(retry.response()).isEqualTo("{\"batchItemFailures\":[]}");
            List<ReceivedMessage> got = rsyslog.awaitMessages(3, Duration.ofSeconds(60));
            assertThat(got).extracting(ReceivedMessage::msgWithoutBom).containsExactly("one", "two", "three");
            rsyslog.assertNoMoreThan(3, Duration.ofSeconds(1));
        }
    }
}
