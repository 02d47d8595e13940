package dev.logdrain.redrive;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.redrive.testing.LocalSqs;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.MemorySinkProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kinesis path: an event source mapping's on-failure record (in a real ElasticMQ queue) names a shard and
 * sequence numbers; the batch is read back with the real SDK's GetShardIterator and GetRecords. No
 * Kinesis-compatible server runs here (kinesalite and LocalStack need Node or Docker, and none is on Maven
 * Central), so the stream is a local HTTP endpoint speaking the Kinesis JSON protocol (CBOR turned off with
 * {@code aws.cborEnabled=false}, as the SDK allows).
 */
class KinesisRedriveIT {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/logs";
    private static final Pattern START = Pattern.compile("\"StartingSequenceNumber\":\"(\\d+)\"");

    private static LocalSqs sqs;
    private static HttpServer kinesis;
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    /** Sequence numbers 100, 110, ... 190 of shard 0, each record one payload of two events; or trimmed up to 150. */
    private static volatile long firstHeld = 100;

    @BeforeAll
    static void start() throws IOException {
        LocalSqs.defaultChainForTests();
        System.setProperty("aws.cborEnabled", "false");
        sqs = LocalSqs.start();
        kinesis = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kinesis.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            requests.add(target + " " + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String answer;
            if ("Kinesis_20131202.GetShardIterator".equals(target)) {
                Matcher m = START.matcher(body);
                answer = "{\"ShardIterator\":\"at-" + (m.find() ? m.group(1) : "0") + "\"}";
            } else {
                long at = Long.parseLong(body.replaceAll(".*\"ShardIterator\":\"at-(\\d+)\".*", "$1"));
                StringBuilder records = new StringBuilder();
                long next = at;
                int count = 0;
                for (long seq = Math.max(firstHeld, at); seq < 200 && count < 3; seq += 10, count++) {
                    if (records.length() > 0) {
                        records.append(',');
                    }
                    List<LogEvent> events = List.of(new LogEvent(String.format("%056d", seq), 1_700_000_000_000L + seq,
                            "seq " + seq + " a"), new LogEvent(String.format("%056d", seq + 1), 1_700_000_000_001L + seq,
                            "seq " + seq + " b"));
                    String data = Base64.getEncoder().encodeToString(gzip(payloadJson("/ecs/k", "k1", events)
                            .getBytes(StandardCharsets.UTF_8)));
                    records.append("{\"SequenceNumber\":\"").append(seq).append("\",\"Data\":\"").append(data)
                            .append("\",\"PartitionKey\":\"p\",\"ApproximateArrivalTimestamp\":1.7E9}");
                    next = seq + 10;
                }
                answer = "{\"Records\":[" + records + "],\"NextShardIterator\":\"at-" + next
                        + "\",\"MillisBehindLatest\":" + (next >= 200 ? 0 : 1000) + "}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        kinesis.start();
    }

    @AfterAll
    static void stop() {
        kinesis.stop(0);
        sqs.close();
    }

    @BeforeEach
    void reset() {
        MemorySinkProvider.reset();
        requests.clear();
        firstHeld = 100;
    }

    static byte[] kinesisFailureRecord(long start, long end, int size) {
        return ("{\"requestContext\":{\"requestId\":\"r1\",\"functionArn\":\"arn:aws:lambda:us-east-1:123456789012:"
                + "function:logdrain-kinesis\",\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":3},"
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},"
                + "\"version\":\"1.0\",\"timestamp\":\"2024-01-01T00:00:00.000Z\",\"KinesisBatchInfo\":{\"shardId\":"
                + "\"shardId-000000000000\",\"startSequenceNumber\":\"" + start + "\",\"endSequenceNumber\":\"" + end
                + "\",\"approximateArrivalOfFirstRecord\":\"2024-01-01T00:00:00Z\",\"approximateArrivalOfLastRecord\":"
                + "\"2024-01-01T00:00:01Z\",\"batchSize\":" + size + ",\"streamArn\":\"" + STREAM + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static RedriveReport redrive(String queue) {
        PluginRegistry registry = PluginRegistry.builtIns();
        try (AwsAccess aws = new AwsAccess(sqs.endpoint()); AwsAccess stream = new AwsAccess(
                java.net.URI.create("http://127.0.0.1:" + kinesis.getAddress().getPort()));
             FailureStore store = aws.open(queue); Forwarder forwarder = Forwarder.fromUrls(registry,
                List.of("memory://k"))) {
            RecordReader reader = new RecordReader(registry.source("cloudwatch").create(Map.of()), stream.kinesis());
            return new Redriver(store, reader, forwarder::forward, Redriver.Settings.defaults(), (r, ok, n) -> { })
                    .run(Deadline.after(Duration.ofMinutes(2)));
        }
    }

    @Test
    void theBatchIsReadBackFromTheStreamBetweenItsSequenceNumbers() {
        String queue = sqs.createQueue("kinesis-failures");
        sqs.send(queue, kinesisFailureRecord(120, 170, 6));

        RedriveReport report = redrive(queue);

        assertThat(report.counts()).isEqualTo("1 record redriven (12 events), 0 still failing, 0 poison, 0 left for later");
        List<String> expected = new ArrayList<>();
        for (long seq = 120; seq <= 170; seq += 10) {
            expected.add("seq " + seq + " a");
            expected.add("seq " + seq + " b");
        }
        assertThat(MemorySinkProvider.received("k")).hasSize(12)
                .allSatisfy(m -> assertThat(expected).anySatisfy(e -> assertThat(m).endsWith(e)));
        assertThat(requests.get(0)).startsWith("Kinesis_20131202.GetShardIterator AWS4-HMAC-SHA256 Credential=test/")
                .contains("\"ShardId\":\"shardId-000000000000\"", "\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\"",
                        "\"StartingSequenceNumber\":\"120\"", "\"StreamARN\":\"" + STREAM + "\"");
        assertThat(requests.subList(1, requests.size())).isNotEmpty()
                .allSatisfy(r -> assertThat(r).startsWith("Kinesis_20131202.GetRecords AWS4-HMAC-SHA256"));
        assertThat(sqs.count(queue)).isZero();
    }

    @Test
    void aBatchTheStreamNoLongerHoldsIsPoisonAndStays() {
        String queue = sqs.createQueue("kinesis-expired");
        sqs.send(queue, kinesisFailureRecord(120, 170, 6));
        firstHeld = 150; // the retention period passed for 120..140

        RedriveReport report = redrive(queue);

        assertThat(report.poison()).as(report.toString()).isEqualTo(1);
        assertThat(report.problems()).singleElement().asString().contains("no longer holds the batch");
        assertThat(MemorySinkProvider.received("k")).isEmpty();
        assertThat(sqs.count(queue)).isEqualTo(1);
    }
}
