package dev.logdrain.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.redrive.internal.S3Store;
import dev.logdrain.redrive.testing.LocalS3;
import dev.logdrain.redrive.testing.LocalSqs;
import dev.logdrain.spi.Deadline;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.MemorySinkProvider;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redrive from a real S3-compatible server (S3Proxy, in-memory) through the real SDK into a real rsyslog. */
class S3RedriveIT {

    private static LocalS3 s3;
    private static AwsAccess aws;
    private static final PluginRegistry REGISTRY = PluginRegistry.builtIns();

    @BeforeAll
    static void start() throws Exception {
        LocalSqs.defaultChainForTests();
        s3 = LocalS3.start();
        aws = new AwsAccess(s3.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
        s3.close();
    }

    static RedriveReport redrive(String location, String url, Redriver.Settings settings, Redriver.Progress progress) {
        try (FailureStore store = aws.open(location); Forwarder forwarder = Forwarder.fromUrls(REGISTRY, List.of(url))) {
            RecordReader reader = new RecordReader(REGISTRY.source("cloudwatch").create(Map.of()), null);
            return new Redriver(store, reader, forwarder::forward, settings, progress).run(Deadline.after(Duration.ofMinutes(5)));
        }
    }

    @Test
    void objectsAreRedrivenInOrderAndDeletedOnlyAfterDeliveryAndOnlyUnderThePrefix() {
        s3.createBucket("failures");
        // keys in reverse time order: the redrive orders by the events, not by the keys
        for (int i = 0; i < 4; i++) {
            s3.put("failures", "aws/lambda/async/" + (9 - i), SqsRedriveIT.record("s", i));
        }
        s3.put("failures", "other/0", SqsRedriveIT.record("other", 0));
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start()) {
            String url = rsyslog.url(Input.RELP);
            List<String> delivered = new ArrayList<>();
            RedriveReport first = redrive("s3://failures/aws/lambda/", url, SqsRedriveIT.settings()
                    .withBatchTimeout(Duration.ofSeconds(5)), (record, ok, events) -> {
                        if (ok) {
                            delivered.add(record.id());
                            if (delivered.size() == 2) {
                                rsyslog.stop();
                            }
                        }
                    });
            assertThat(first.counts()).isEqualTo("2 records redriven (6 events), 1 still failing, 0 poison, 1 left for later");
            assertThat(s3.keys("failures")).containsExactlyInAnyOrder("aws/lambda/async/6", "aws/lambda/async/7", "other/0");
            // the one tried and not delivered carries the attempt; the one not tried does not
            assertThat(s3.metadata("failures", "aws/lambda/async/7")).containsEntry(S3Store.ATTEMPTS, "1");
            assertThat(s3.metadata("failures", "aws/lambda/async/6")).doesNotContainKey(S3Store.ATTEMPTS);

            rsyslog.restart();
            RedriveReport second = redrive("s3://failures/aws/lambda/", url, SqsRedriveIT.settings(), (r, ok, n) -> { });
            assertThat(second.counts()).isEqualTo("2 records redriven (6 events), 0 still failing, 0 poison, 0 left for later");
            List<String> texts = rsyslog.awaitMessages(12, Duration.ofSeconds(30)).stream()
                    .map(ReceivedMessage::msgWithoutBom).toList();
            rsyslog.assertNoMoreThan(12, Duration.ofSeconds(1));
            assertThat(texts).containsExactlyElementsOf(SqsRedriveIT.messages("s", 4));
            assertThat(s3.keys("failures")).containsExactly("other/0");
        }
    }

    @Test
    void anObjectThatFailedMoreThanTheLimitIsPoisonAndStays() {
        s3.createBucket("poison");
        s3.put("poison", "r", SqsRedriveIT.record("p", 0));
        s3.put("poison", "junk", "\u0000\u0001 not a record".getBytes());
        Redriver.Settings settings = SqsRedriveIT.settings().withMaxReceives(2).withBatchTimeout(Duration.ofSeconds(2));
        MemorySinkProvider.refuse("poison", "p record"); // the destination refuses this record's events
        List<RedriveReport> runs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            runs.add(redrive("arn:aws:s3:::poison", "memory://poison", settings, (r, ok, n) -> { }));
        }
        assertThat(runs.get(0).stillFailing()).as(runs.toString()).isEqualTo(1);
        assertThat(runs.get(1).stillFailing()).isEqualTo(1);
        assertThat(runs.get(2).poison()).isEqualTo(2); // the junk at once, the record on its third attempt
        assertThat(runs.get(2).problems()).anySatisfy(p -> assertThat(p).startsWith("s3://poison/r: poison (received 3 times)"));
        assertThat(s3.metadata("poison", "r")).containsEntry(S3Store.ATTEMPTS, "3");
        assertThat(s3.keys("poison")).containsExactlyInAnyOrder("r", "junk");
    }
}
