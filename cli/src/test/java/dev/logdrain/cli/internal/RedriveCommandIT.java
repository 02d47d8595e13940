package dev.logdrain.cli.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.onFailureRecord;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.redrive.testing.LocalSqs;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code logdrain redrive}, the README's one command, against ElasticMQ and rsyslog through the real SDK. */
class RedriveCommandIT {

    private static LocalSqs sqs;

    @BeforeAll
    static void start() {
        LocalSqs.defaultChainForTests();
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @Test
    void theReadmeCommandDeliversEveryRecordAndEmptiesTheQueue() {
        String queue = sqs.createQueue("cli-failures");
        sqs.send(queue, onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", "web/1", events("late", 3)))));
        sqs.send(queue, onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", "web/2", events("later", 2)))));
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            Cli.Result result = Cli.run("redrive", "--url", rsyslog.url(Input.TCP), "--endpoint-url",
                    sqs.endpoint().toString(), queue);

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.errLine()).isEqualTo("logdrain redrive: " + queue
                    + ": 2 records redriven (5 events), 0 still failing, 0 poison, 0 left for later");
            assertThat(rsyslog.awaitMessages(5, Duration.ofSeconds(30))).extracting(ReceivedMessage::msgWithoutBom)
                    .containsExactlyInAnyOrder("late message 0", "late message 1", "late message 2",
                            "later message 0", "later message 1");
            assertThat(sqs.count(queue)).isZero();
        }
    }

    @Test
    void withoutUrlTheDestinationsAreTheUrlOfTheFunctionsStack() throws Exception {
        String queue = sqs.createQueue("cli-stack");
        sqs.send(queue, onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", "web/1", events("stack", 2)))));
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start();
             StackAndQueueEndpoint aws = new StackAndQueueEndpoint(sqs.endpoint(), rsyslog.url(Input.TCP))) {
            // the README's first command: ./logdrain redrive "$FAILURE_QUEUE_URL"
            Cli.Result result = Cli.run("redrive", "--endpoint-url", aws.endpoint(), queue);

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(aws.cloudFormationActions).containsExactly("DescribeStackResources logdrain",
                    "DescribeStacks logdrain");
            assertThat(rsyslog.awaitMessages(2, Duration.ofSeconds(30))).extracting(ReceivedMessage::msgWithoutBom)
                    .containsExactly("stack message 0", "stack message 1");
            assertThat(sqs.count(queue)).isZero();
        }
    }

    @Test
    void whatIsNotDeliveredStaysAndTheExitStatusSaysSo() {
        String queue = sqs.createQueue("cli-down");
        sqs.send(queue, onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", "web/1", events("x", 1)))));
        Cli.Result result = Cli.run("redrive", "--url", "tcp://127.0.0.1:" + dev.logdrain.testing.FreePorts.unused(),
                "--timeout", "2", "--endpoint-url", sqs.endpoint().toString(), queue);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("not delivered").endsWith(
                ": 0 records redriven (0 events), 1 still failing, 0 poison, 0 left for later\n");
        assertThat(sqs.bodies(queue)).hasSize(1);
    }

    @Test
    void maxLimitsTheRecordsTaken() {
        String queue = sqs.createQueue("cli-max");
        for (int i = 0; i < 3; i++) {
            sqs.send(queue, onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", "web/" + i, events("m" + i, 1)))));
        }
        Cli.Result result = Cli.run("redrive", "--url", "memory://max", "--max", "2", "--endpoint-url",
                sqs.endpoint().toString(), queue);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.errLine()).endsWith(": 2 records redriven (2 events), 0 still failing, 0 poison, 0 left for later");
        assertThat(sqs.bodies(queue)).hasSize(1);
    }

    @Test
    void aDryRunDeletesNothing() {
        String queue = sqs.createQueue("cli-dry");
        sqs.send(queue, onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", "web/1", events("dry", 2)))));
        Cli.Result result = Cli.run("redrive", "--dry-run", "--endpoint-url", sqs.endpoint().toString(), queue);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.errLine()).endsWith("dry run, nothing deleted: 1 record redriven (2 events), 0 still failing, "
                + "0 poison, 0 left for later");
        assertThat(sqs.bodies(queue)).hasSize(1);
    }

    @Test
    void withoutUrlTheFunctionsStackIsAskedAndAFailureToAskIsOneLine() {
        String queue = sqs.createQueue("cli-nourl");
        sqs.send(queue, onFailureRecord(lambdaEvent(payloadJson("/ecs/shop", "web/1", events("n", 1)))));
        // the endpoint is ElasticMQ's, which is no CloudFormation: the lookup fails, and says what to do
        Cli.Result result = Cli.run("redrive", "--endpoint-url", sqs.endpoint().toString(), queue);

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).startsWith("logdrain redrive: cannot read the destinations of function logdrain "
                + "from CloudFormation").endsWith("give --url").doesNotContain("\n");
        assertThat(sqs.bodies(queue)).hasSize(1);
    }

    @Test
    void aSourceThatIsNeitherAQueueNorABucketIsBadUsage() {
        Cli.Result result = Cli.run("redrive", "--url", "tcp://127.0.0.1:1", "ftp://nowhere");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).isEqualTo("logdrain redrive: 'ftp://nowhere' is not an SQS queue (URL or "
                + "arn:aws:sqs:...) nor an S3 location (s3://BUCKET[/PREFIX] or arn:aws:s3:::BUCKET)");
        assertThat(List.of(result.out())).containsExactly("");
    }
}
