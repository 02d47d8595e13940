package dev.logdrain.redrive;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.onFailureRecord;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.redrive.testing.LocalSqs;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redrive from a real SQS-compatible server (ElasticMQ) through the real SDK into a real rsyslog. */
class SqsRedriveIT {

    private static LocalSqs sqs;
    private static AwsAccess aws;
    private static final PluginRegistry REGISTRY = PluginRegistry.builtIns();

    @BeforeAll
    static void start() {
        LocalSqs.defaultChainForTests();
        sqs = LocalSqs.start();
        aws = new AwsAccess(sqs.endpoint());
    }

    @AfterAll
    static void stop() {
        aws.close();
        sqs.close();
    }

    /** Record {@code i} of a stream: three events whose timestamps put it after record {@code i - 1}. */
    static byte[] record(String stream, int i) {
        List<LogEvent> events = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            events.add(new LogEvent(String.format("%056d", i * 10 + e), 1_700_000_000_000L + i * 10L + e,
                    stream + " record " + i + " event " + e));
        }
        return onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", stream, events)));
    }

    /** The messages of records 0 to {@code count - 1} of a stream, in order. */
    static List<String> messages(String stream, int count) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (int e = 0; e < 3; e++) {
                messages.add(stream + " record " + i + " event " + e);
            }
        }
        return messages;
    }

    static RedriveReport redrive(String queue, String url, Redriver.Settings settings, Redriver.Progress progress) {
        try (FailureStore store = aws.open(queue); Forwarder forwarder = Forwarder.fromUrls(REGISTRY, List.of(url))) {
            RecordReader reader = new RecordReader(REGISTRY.source("cloudwatch").create(Map.of()), aws.kinesis());
            return new Redriver(store, reader, forwarder::forward, settings, progress).run(Deadline.after(Duration.ofMinutes(5)));
        }
    }

    static Redriver.Settings settings() {
        return Redriver.Settings.defaults().withBatchTimeout(Duration.ofSeconds(10));
    }

    @Test
    void everyEventOnceInOrderPerStreamAndTheQueueEmptiedAfterDelivery() {
        String queue = sqs.createQueue("ordered");
        // newest first into the queue: the redrive must put them back in order
        for (int i = 4; i >= 0; i--) {
            sqs.send(queue, record("a", i));
            sqs.send(queue, record("b", i));
        }
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start()) {
            RedriveReport report = redrive(queue, rsyslog.url(dev.logdrain.testing.Input.RELP), settings(), (r, d, n) -> { });

            assertThat(report.counts()).isEqualTo("10 records redriven (30 events), 0 still failing, 0 poison, 0 left for later");
            List<ReceivedMessage> got = rsyslog.awaitMessages(30, Duration.ofSeconds(30));
            rsyslog.assertNoMoreThan(30, Duration.ofSeconds(1));
            for (String stream : List.of("a", "b")) {
                List<String> texts = got.stream().map(ReceivedMessage::msgWithoutBom).filter(m -> m.startsWith(stream + " ")).toList();
                assertThat(texts).containsExactlyElementsOf(messages(stream, 5));
            }
            assertThat(sqs.count(queue)).isZero();
        }
    }

    @Test
    void aDestinationDownInTheMiddleDeletesOnlyWhatWasDeliveredAndTheRestFollowsLater() {
        String queue = sqs.createQueue("outage");
        for (int i = 0; i < 6; i++) {
            sqs.send(queue, record("s", i));
        }
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start()) {
            String url = rsyslog.url(dev.logdrain.testing.Input.RELP);
            List<String> deleted = new ArrayList<>();
            RedriveReport first = redrive(queue, url, settings(), (record, delivered, events) -> {
                if (delivered) {
                    deleted.add(record.id());
                    if (deleted.size() == 2) {
                        rsyslog.stop(); // the destination goes away after the second record
                    }
                }
            });
            assertThat(first.redriven()).isEqualTo(2);
            assertThat(first.stillFailing()).isEqualTo(1);
            assertThat(first.leftForLater()).isEqualTo(3); // held back behind the failed one: order holds
            assertThat(first.problems()).singleElement().asString().contains("not delivered");
            assertThat(sqs.count(queue)).isEqualTo(4);
            List<String> left = sqs.bodies(queue);
            assertThat(left).hasSize(4).allSatisfy(b -> assertThat(b).doesNotContain("\"data\":\"\""));

            rsyslog.restart();
            RedriveReport second = redrive(queue, url, settings(), (r, d, n) -> { });
            assertThat(second.counts()).isEqualTo("4 records redriven (12 events), 0 still failing, 0 poison, 0 left for later");
            List<String> texts = rsyslog.awaitMessages(18, Duration.ofSeconds(30)).stream()
                    .map(ReceivedMessage::msgWithoutBom).toList();
            rsyslog.assertNoMoreThan(18, Duration.ofSeconds(1));
            assertThat(texts).containsExactlyElementsOf(messages("s", 6));
            assertThat(sqs.count(queue)).isZero();
        }
    }

    @Test
    void poisonRecordsAreReportedAndLeftInTheQueue() {
        String queue = sqs.createQueue("poison");
        sqs.send(queue, "{\"requestPayload\":{\"awslogs\":{\"data\":\"not base64!\"}}}".getBytes());
        sqs.send(queue, record("p", 0));
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start()) {
            String url = rsyslog.url(dev.logdrain.testing.Input.RELP);
            rsyslog.stop();
            Redriver.Settings settings = settings().withMaxReceives(1).withBatchTimeout(Duration.ofSeconds(3));
            RedriveReport first = redrive(queue, url, settings, (r, d, n) -> { });
            assertThat(first.poison()).isEqualTo(1); // unreadable at once
            assertThat(first.stillFailing()).isEqualTo(1);
            RedriveReport second = redrive(queue, url, settings, (r, d, n) -> { });
            assertThat(second.poison()).isEqualTo(2); // received twice, more than the limit of 1
            assertThat(second.problems()).anySatisfy(p -> assertThat(p).contains("poison (received 2 times)"));
            assertThat(second.problems()).anySatisfy(p -> assertThat(p).contains("poison: ").contains("base64"));
            assertThat(sqs.count(queue)).isEqualTo(2);
        }
    }

    @Test
    void aDryRunDeletesNothing() {
        String queue = sqs.createQueue("dry");
        sqs.send(queue, record("d", 0));
        RedriveReport report = redrive(queue, "memory://dry", settings().withDryRun(true), (r, d, n) -> { });
        assertThat(report.redriven()).isEqualTo(1);
        assertThat(sqs.bodies(queue)).hasSize(1); // still there, and visible again at once
    }
}
