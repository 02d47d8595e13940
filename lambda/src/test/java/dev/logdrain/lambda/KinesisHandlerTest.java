package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.controlPayloadJson;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static dev.logdrain.lambda.testing.KinesisFixtures.cloudWatchRecord;
import static dev.logdrain.lambda.testing.KinesisFixtures.dataRecord;
import static dev.logdrain.lambda.testing.KinesisFixtures.event;
import static dev.logdrain.lambda.testing.KinesisFixtures.rawRecord;
import static dev.logdrain.lambda.testing.KinesisFixtures.sequenceNumber;
import static dev.logdrain.lambda.testing.TestContext.FUNCTION;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.lambda.testing.HandlerRun;
import dev.logdrain.lambda.testing.KinesisFixtures;
import dev.logdrain.lambda.testing.KinesisFixtures.Record;
import dev.logdrain.lambda.testing.MutableClock;
import dev.logdrain.lambda.testing.TestContext;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.MemorySinkProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KinesisHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));

    @TempDir
    Path cacheDir;

    @BeforeEach
    void reset() {
        MemorySinkProvider.reset();
    }

    private KinesisHandler handler(String urls, String... more) {
        Map<String, String> env = TestContext.environment(more);
        if (urls != null) {
            env.putIfAbsent("LOGDRAIN_URL", urls);
        }
        env.putIfAbsent("LOGDRAIN_CACHE_DIR", cacheDir.toString());
        return new KinesisHandler(env, clock, new PrintStream(stdout, true, UTF_8));
    }

    private HandlerRun invoke(KinesisHandler handler, byte[] event) {
        return invoke(handler, event, 30_000);
    }

    private HandlerRun invoke(KinesisHandler handler, byte[] event, long budgetMillis) {
        return HandlerRun.invoke(handler, event, budgetMillis, stdout);
    }

    /** The CloudWatch Logs stream of record i, and its events: "record i event j". */
    private static String stream(int i) {
        return "web/app/" + String.format("%032x", 0xabc000L + i);
    }

    private static List<LogEvent> eventsOf(int record, int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            events.add(new LogEvent(CloudWatchFixtures.eventId(record * 100 + j), 1_714_564_800_000L + record * 100 + j,
                    "record " + record + " event " + j));
        }
        return events;
    }

    private static Record logRecord(int i, int events) {
        return cloudWatchRecord(i, payloadJson("/ecs/shop", stream(i), eventsOf(i, events)));
    }

    /** Records 0 to 4, of 2, 3, 2, 1 and 4 events. */
    private static List<Record> fiveRecords() {
        return List.of(logRecord(0, 2), logRecord(1, 3), logRecord(2, 2), logRecord(3, 1), logRecord(4, 4));
    }

    /** What format=plain makes of the events of record i. */
    private static List<String> lines(int record, int count) {
        return eventsOf(record, count).stream().map(e -> "/ecs/shop|" + stream(record) + "|" + CloudWatchFixtures.OWNER
                + "|" + e.id() + "|" + e.timestamp() + "|" + e.message()).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        Arrays.stream(lists).forEach(all::addAll);
        return all;
    }

    /** The sequence number the response names, or null for an empty batchItemFailures list. */
    private static String reported(HandlerRun run) throws IOException {
        JsonNode response = JSON.readTree(run.response());
        assertThat(response.size()).as(run.response()).isEqualTo(1);
        JsonNode failures = response.get("batchItemFailures");
        assertThat(failures.isArray()).as(run.response()).isTrue();
        if (failures.isEmpty()) {
            return null;
        }
        assertThat(failures).as("one failure at most: the first record not handled").hasSize(1);
        assertThat(failures.get(0).size()).isEqualTo(1);
        return failures.get(0).get("itemIdentifier").asText();
    }

    private static List<String> corruptLines(HandlerRun run) {
        return run.lines().stream().filter(l -> l.startsWith("logdrain: corrupt record")).toList();
    }

    @Test
    void deliversEveryRecordInOrderAndReportsNoFailure() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain memory://b?format=plain");

        HandlerRun run = invoke(handler, event(List.of(logRecord(0, 3), logRecord(1, 1), logRecord(2, 5))));

        assertThat(run.error()).isNull();
        assertThat(run.response()).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(reported(run)).isNull();
        List<String> expected = concat(lines(0, 3), lines(1, 1), lines(2, 5));
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(expected);
        assertThat(MemorySinkProvider.received("b")).containsExactlyElementsOf(expected);
        assertThat(run.summary())
                .startsWith("logdrain: group=/ecs/shop stream=" + stream(0) + "," + stream(1) + "," + stream(2)
                        + " events=9 control=0 skipped=0 records=3 corrupt=0 retried=0 duration=")
                .contains("| memory://a?format=plain sent=9 failed=0", "| memory://b?format=plain sent=9 failed=0")
                .doesNotContain("retryFrom", "error=");
        assertThat(corruptLines(run)).isEmpty();
        JsonNode invocation = run.emfInvocation();
        assertThat(invocation.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").findValuesAsText("Name"))
                .containsExactly("EventsReceived", "ControlMessages", "EventsSkipped", "InvalidPayloads",
                        "FailedInvocations", "RecordsReceived", "RecordsCorrupt", "RecordsFailed", "RecordsRetried");
        assertThat(invocation.path("RecordsReceived").asInt()).isEqualTo(3);
        assertThat(invocation.path("RecordsCorrupt").asInt()).isZero();
        assertThat(invocation.path("RecordsFailed").asInt()).isZero();
        assertThat(invocation.path("RecordsRetried").asInt()).isZero();
        assertThat(invocation.path("FailedInvocations").asInt()).isZero();
        assertThat(run.emfFor("memory://a").path("EventsDelivered").asInt()).isEqualTo(9);
    }

    @Test
    void aRecordHoldingSeveralPayloadsDeliversThemAllInOrder() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain");
        Record several = dataRecord(1, KinesisFixtures.concatenatedGzip(
                payloadJson("/ecs/shop", stream(1), eventsOf(1, 2)),
                payloadJson("/ecs/shop", stream(2), eventsOf(2, 3))));

        HandlerRun run = invoke(handler, event(List.of(logRecord(0, 1), several, logRecord(3, 1))));

        assertThat(reported(run)).isNull();
        assertThat(MemorySinkProvider.received("a"))
                .containsExactlyElementsOf(concat(lines(0, 1), lines(1, 2), lines(2, 3), lines(3, 1)));
        assertThat(run.summary()).contains("events=7", "records=3");
    }

    @Test
    void controlMessagesAreCountedAndNotSent() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain");

        HandlerRun run = invoke(handler, event(List.of(cloudWatchRecord(0, controlPayloadJson()), logRecord(1, 2))));

        assertThat(reported(run)).isNull();
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(lines(1, 2));
        assertThat(run.summary()).contains("events=2 control=1 skipped=0 records=2 corrupt=0");
        assertThat(run.emfInvocation().path("ControlMessages").asInt()).isEqualTo(1);
    }

    @Test
    void onlyControlMessagesDialNothing() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain");

        HandlerRun run = invoke(handler, event(List.of(cloudWatchRecord(0, controlPayloadJson()))));

        assertThat(reported(run)).isNull();
        assertThat(MemorySinkProvider.connections("a")).isZero();
    }

    @Test
    void anOutOfMemoryErrorIsReportedInTheSummaryAndTheMetricsAsAFailedInvocation() {
        KinesisHandler handler = handler("memory://a?format=oom");
        byte[] event = KinesisFixtures.event(List.of(KinesisFixtures.cloudWatchRecord(0,
                payloadJson("/g", "s", List.of(new LogEvent("1", 1, "exhaust the heap"))))));

        HandlerRun run = invoke(handler, event);

        assertThat(run.error()).isInstanceOf(OutOfMemoryError.class);
        assertThat(run.summary()).contains("| error=\"out of memory (Java heap space, heap ");
        assertThat(run.emfInvocation().path("FailedInvocations").asInt()).isEqualTo(1);
    }

    @Test
    void anEmptyBatchSucceeds() throws IOException {
        HandlerRun run = invoke(handler("memory://a?format=plain"), "{\"Records\":[]}".getBytes(UTF_8));

        assertThat(run.error()).isNull();
        assertThat(reported(run)).isNull();
        assertThat(run.summary()).contains("events=0", "records=0");
    }

    @Test
    void aRecordWhoseEventsAreAllFilteredOut_isHandled_andAFailureLaterNamesTheRightRecord() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain&exclude=%5Erecord%20(1|3)%20");
        MemorySinkProvider.refuse("a", "record 4 event");
        List<Record> records = fiveRecords();

        HandlerRun run = invoke(handler, event(records));

        assertThat(reported(run)).as("dropped events are not failed ones").isEqualTo(sequenceNumber(4));
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(concat(lines(0, 2), lines(2, 2)));
        assertThat(run.summary()).contains("records=5 corrupt=0 retried=1 retryFrom=" + sequenceNumber(4))
                .contains("sent=4 failed=4").contains("dropped=4 sampled=0 redacted=0");
        assertThat(run.emfInvocation().path("RecordsFailed").asInt()).isEqualTo(1);

        MemorySinkProvider.reset();
        HandlerRun retried = invoke(handler, event(records.subList(4, 5)));
        assertThat(reported(retried)).isNull();
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(lines(4, 4));
    }

    @Test
    void aFailedDeliveryReportsThatRecordAndSendsNothingAfterIt() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain");
        MemorySinkProvider.refuse("a", "record 2 event");
        List<Record> records = fiveRecords();

        HandlerRun run = invoke(handler, event(records));

        assertThat(run.error()).as("a partial batch failure is an answer, not an error").isNull();
        assertThat(reported(run)).isEqualTo(sequenceNumber(2));
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(concat(lines(0, 2), lines(1, 3)));
        assertThat(MemorySinkProvider.sends("a")).as("records 3 and 4 are never sent").isEqualTo(3);
        assertThat(run.summary())
                .contains("events=7 control=0 skipped=0 records=5 corrupt=0 retried=3 retryFrom=" + sequenceNumber(2))
                .contains("| memory://a?format=plain sent=5 failed=2")
                .contains("error=\"delivery failed at record 3 of 5 (sequence number " + sequenceNumber(2)
                        + "): memory://a?format=plain: 2 of 2 events not delivered (refused by the test)\"");
        JsonNode invocation = run.emfInvocation();
        assertThat(invocation.path("RecordsReceived").asInt()).isEqualTo(5);
        assertThat(invocation.path("RecordsFailed").asInt()).isEqualTo(1);
        assertThat(invocation.path("RecordsRetried").asInt()).isEqualTo(3);
        assertThat(invocation.path("FailedInvocations").asInt()).isEqualTo(1);

        // Lambda checkpoints before record 2 and invokes again from it; the destination is back.
        MemorySinkProvider.recover("a");
        HandlerRun retry = invoke(handler, event(records.subList(2, 5)));

        assertThat(reported(retry)).isNull();
        assertThat(MemorySinkProvider.received("a")).as("every event once, in the shard's order")
                .containsExactlyElementsOf(concat(lines(0, 2), lines(1, 3), lines(2, 2), lines(3, 1), lines(4, 4)));
    }

    @Test
    void oneEventWithEveryKindOfRecord() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain");
        MemorySinkProvider.refuse("a", "record 5 event");
        List<Record> records = List.of(
                logRecord(0, 2),
                cloudWatchRecord(1, controlPayloadJson()),
                dataRecord(2, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 1, 2, 3}),
                dataRecord(3, KinesisFixtures.concatenatedGzip(payloadJson("/ecs/shop", stream(3), eventsOf(3, 2)),
                        payloadJson("/ecs/shop", stream(4), eventsOf(4, 1)))),
                logRecord(5, 3),
                logRecord(6, 1));

        HandlerRun run = invoke(handler, event(records));

        assertThat(reported(run)).isEqualTo(sequenceNumber(5));
        assertThat(MemorySinkProvider.received("a"))
                .containsExactlyElementsOf(concat(lines(0, 2), lines(3, 2), lines(4, 1)));
        assertThat(corruptLines(run)).singleElement().asString().contains("sequenceNumber=" + sequenceNumber(2));
        assertThat(run.summary()).contains("control=1", "records=6 corrupt=1 retried=2 retryFrom=" + sequenceNumber(5));
    }

    @Test
    void aFailureInTheFirstRecordReportsTheFirstSequenceNumber() throws IOException {
        KinesisHandler handler = handler("memory://down?format=plain&fail=true");

        HandlerRun run = invoke(handler, event(List.of(logRecord(0, 1), logRecord(1, 1))));

        assertThat(reported(run)).isEqualTo(sequenceNumber(0));
        assertThat(run.summary()).contains("records=2 corrupt=0 retried=2 retryFrom=" + sequenceNumber(0));
    }

    @Test
    void whenOneOfTwoDestinationsFailsTheRecordIsRetriedForBoth() throws IOException {
        KinesisHandler handler = handler("memory://ok?format=plain memory://flaky?format=plain");
        MemorySinkProvider.refuse("flaky", "record 1 event");

        HandlerRun run = invoke(handler, event(List.of(logRecord(0, 1), logRecord(1, 2), logRecord(2, 1))));

        assertThat(reported(run)).isEqualTo(sequenceNumber(1));
        // at least once: the healthy destination took record 1 and will take it again when Lambda retries
        assertThat(MemorySinkProvider.received("ok")).containsExactlyElementsOf(concat(lines(0, 1), lines(1, 2)));
        assertThat(MemorySinkProvider.received("flaky")).containsExactlyElementsOf(lines(0, 1));
        assertThat(run.summary()).contains("error=\"delivery failed at record 2 of 3 (sequence number "
                + sequenceNumber(1) + "): memory://flaky?format=plain: 2 of 2 events not delivered");
    }

    @Test
    void corruptRecordsAreReportedAndSkippedByDefault() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain");
        byte[] gz = gzip(payloadJson("/ecs/shop", stream(3), eventsOf(3, 20)).getBytes(UTF_8));
        List<Record> records = List.of(
                logRecord(0, 2),
                dataRecord(1, "plain text, not gzip".getBytes(UTF_8)),
                logRecord(2, 1),
                dataRecord(3, Arrays.copyOf(gz, gz.length - 30)),
                rawRecord(4, "%%% not base64 %%%"),
                cloudWatchRecord(5, "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"/ecs/shop\",\"logStream\":\"s\"}"),
                logRecord(6, 3));

        HandlerRun run = invoke(handler, event(records));

        assertThat(run.error()).isNull();
        assertThat(reported(run)).as("nothing to retry: a corrupt record never gets better").isNull();
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(concat(lines(0, 2), lines(2, 1), lines(6, 3)));
        List<String> corrupt = corruptLines(run);
        assertThat(corrupt).hasSize(4);
        String where = "logdrain: corrupt record skipped: shard=" + KinesisFixtures.SHARD + " sequenceNumber=";
        assertThat(corrupt.get(0)).startsWith(where + sequenceNumber(1) + " partitionKey=9f0c4f8d1e2a3b4c5d6e7f8091a2b3c4 "
                        + "arrival=2024-05-01T12:00:00.124Z bytes=20 error=\"record data is not a CloudWatch Logs payload");
        assertThat(corrupt.get(1)).startsWith(where + sequenceNumber(3)).contains("error=\"record data is truncated gzip");
        assertThat(corrupt.get(2)).startsWith(where + sequenceNumber(4)).contains("error=\"record data is not base64");
        assertThat(corrupt.get(3)).startsWith(where + sequenceNumber(5))
                .contains("error=\"record data: the payload lacks field 'logEvents'\"");
        assertThat(run.summary()).contains("events=6 control=0 skipped=0 records=7 corrupt=4 retried=0")
                .doesNotContain("error=");
        JsonNode invocation = run.emfInvocation();
        assertThat(invocation.path("RecordsCorrupt").asInt()).isEqualTo(4);
        assertThat(invocation.path("RecordsFailed").asInt()).isZero();
        assertThat(invocation.path("FailedInvocations").asInt()).isZero();
    }

    @Test
    void withCorruptFailACorruptRecordStopsTheBatchAndIsReported() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain", "LOGDRAIN_KINESIS_CORRUPT", "fail");

        HandlerRun run = invoke(handler, event(List.of(logRecord(0, 2), dataRecord(1, new byte[] {0x1f, (byte) 0x8b, 8, 0}),
                logRecord(2, 1))));

        assertThat(run.error()).isNull();
        assertThat(reported(run)).isEqualTo(sequenceNumber(1));
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(lines(0, 2));
        assertThat(corruptLines(run)).singleElement().asString()
                .startsWith("logdrain: corrupt record, not skipped (LOGDRAIN_KINESIS_CORRUPT=fail): shard="
                        + KinesisFixtures.SHARD + " sequenceNumber=" + sequenceNumber(1))
                .contains("error=\"record data is truncated gzip");
        assertThat(run.summary()).contains("records=3 corrupt=1 retried=2 retryFrom=" + sequenceNumber(1),
                "error=\"record 2 of 3 (sequence number " + sequenceNumber(1) + ") is corrupt: record data is truncated gzip");
        assertThat(run.emfInvocation().path("RecordsFailed").asInt()).isEqualTo(1);
        assertThat(run.emfInvocation().path("FailedInvocations").asInt()).isEqualTo(1);
    }

    @Test
    void aGzipBombIsACorruptRecord() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain", "LOGDRAIN_MAX_PAYLOAD", "1MiB");

        HandlerRun run = invoke(handler, event(List.of(dataRecord(0, CloudWatchFixtures.gzipBomb(8L * 1024 * 1024)),
                logRecord(1, 1))));

        assertThat(reported(run)).isNull();
        assertThat(corruptLines(run)).singleElement().asString().contains("larger than the limit of 1 MiB");
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(lines(1, 1));
    }

    @Test
    void aBadCorruptSettingFailsTheInit() {
        assertThatThrownBy(() -> handler("memory://a?format=plain", "LOGDRAIN_KINESIS_CORRUPT", "ignore"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("LOGDRAIN_KINESIS_CORRUPT='ignore' must be skip or fail");
        assertThatThrownBy(() -> handler("memory://a?format=plain&colour=red"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'colour'");
    }

    @Test
    void noRecordIsStartedWhenTheRemainingTimeIsShorterThanARecordTook() throws IOException {
        // 4 s left and no margin: record 0 takes 2.2 s, so at most 1.8 s are left for record 1, less than that.
        KinesisHandler handler = handler("memory://slow?format=plain", "LOGDRAIN_DEADLINE_MARGIN_MS", "0");
        MemorySinkProvider.delay("slow", Duration.ofMillis(2_200));

        HandlerRun run = invoke(handler, event(List.of(logRecord(0, 1), logRecord(1, 1), logRecord(2, 1))), 4_000);

        assertThat(reported(run)).isEqualTo(sequenceNumber(1));
        assertThat(MemorySinkProvider.received("slow")).containsExactlyElementsOf(lines(0, 1));
        assertThat(MemorySinkProvider.sends("slow")).isEqualTo(1);
        assertThat(run.summary()).contains("records=3 corrupt=0 retried=2 retryFrom=" + sequenceNumber(1),
                "note=\"stopped before record 2 of 3 (sequence number " + sequenceNumber(1) + "):")
                .doesNotContain("error=");
        assertThat(run.emfInvocation().path("RecordsRetried").asInt()).isEqualTo(2);
        assertThat(run.emfInvocation().path("RecordsFailed").asInt()).isZero();
    }

    @Test
    void aRecordStillUnsentAtTheDeadlineIsReported() throws IOException {
        KinesisHandler handler = handler("memory://slow?format=plain&hang=true", "LOGDRAIN_DEADLINE_MARGIN_MS", "500");

        HandlerRun run = invoke(handler, event(List.of(logRecord(0, 1), logRecord(1, 1))), 2_000);

        assertThat(run.error()).isNull();
        assertThat(reported(run)).isEqualTo(sequenceNumber(0));
        assertThat(run.summary()).contains("retried=2", "(timed out)");
    }

    @Test
    void aDestinationUrlThatCannotBeReadIsAFailedRecord() throws IOException {
        // no LOGDRAIN_URL: the URL is read from the stack, which needs a region
        Map<String, String> env = new HashMap<>(Map.of("LOGDRAIN_STACK", "logdrain", "LOGDRAIN_CACHE_DIR",
                cacheDir.toString()));
        KinesisHandler handler = new KinesisHandler(env, clock, new PrintStream(stdout, true, UTF_8));

        HandlerRun run = invoke(handler, event(List.of(logRecord(0, 1), logRecord(1, 1))));

        assertThat(run.error()).isNull();
        assertThat(reported(run)).isEqualTo(sequenceNumber(0));
        assertThat(run.summary()).contains("retryFrom=" + sequenceNumber(0),
                "error=\"delivery failed at record 1 of 2 (sequence number " + sequenceNumber(0)
                        + "): AWS_REGION is not set");
    }

    @Test
    void neverForwardsItsOwnLogGroup() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain");

        HandlerRun run = invoke(handler, event(List.of(
                cloudWatchRecord(0, payloadJson("/aws/lambda/" + FUNCTION, "2024/05/01/[$LATEST]abc", eventsOf(0, 4))),
                logRecord(1, 1))));

        assertThat(reported(run)).isNull();
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(lines(1, 1));
        assertThat(run.summary()).contains("events=5 control=0 skipped=4", "own log group");
    }

    @Test
    void warmInvocationsReuseTheConnection() throws IOException {
        KinesisHandler handler = handler("memory://a?format=plain");
        assertThat(MemorySinkProvider.connections("a")).as("nothing is dialled at init").isZero();

        for (int i = 0; i < 3; i++) {
            assertThat(reported(invoke(handler, event(List.of(logRecord(i, 2)))))).isNull();
        }

        assertThat(MemorySinkProvider.connections("a")).isEqualTo(1);
        assertThat(MemorySinkProvider.received("a")).hasSize(6);
    }

    @Test
    void anEventThatIsNotAKinesisEventFailsTheInvocation() {
        KinesisHandler handler = handler("memory://a?format=plain");
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("the event is not a Kinesis event: it has no field 'Records' (it is a CloudWatch Logs subscription "
                + "event: its handler is dev.logdrain.lambda.CloudWatchLogsHandler::handleRequest)",
                lambdaEvent(payloadJson("/ecs/shop", "s", eventsOf(0, 1))));
        cases.put("Records[0] has no 'kinesis' object: the event is not a Kinesis event (eventSource aws:sqs)",
                "{\"Records\":[{\"messageId\":\"1\",\"body\":\"x\",\"eventSource\":\"aws:sqs\"}]}".getBytes(UTF_8));
        cases.put("Records[1].kinesis lacks field 'sequenceNumber'",
                ("{\"Records\":[{\"kinesis\":{\"sequenceNumber\":\"1\",\"data\":\"\"}},{\"kinesis\":{\"data\":\"\"}}]}")
                        .getBytes(UTF_8));
        cases.put("the event is not a Kinesis event: expected a JSON object, found an array", "[]".getBytes(UTF_8));
        cases.put("the event is not a Kinesis event: Records is not an array", "{\"Records\":{}}".getBytes(UTF_8));
        cases.put("the event is not valid JSON", "{\"Records\":[{\"kinesis\":".getBytes(UTF_8));

        cases.forEach((message, bytes) -> {
            HandlerRun run = invoke(handler, bytes);

            assertThat(run.error()).as(message).isInstanceOf(InvalidEventException.class).hasMessageContaining(message);
            assertThat(run.error().getStackTrace()).as("one line, no stack trace").isEmpty();
            assertThat(run.error().getMessage()).doesNotContain("\n");
            assertThat(run.summary()).contains("error=");
            assertThat(run.emfInvocation().path("InvalidPayloads").asInt()).isEqualTo(1);
            assertThat(run.emfInvocation().path("FailedInvocations").asInt()).isEqualTo(1);
        });
        assertThat(MemorySinkProvider.received("a")).isEmpty();
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownOnesAreIgnored() throws IOException {
        Record r = logRecord(0, 2);
        String event = "{\"window\":{\"start\":\"2024-05-01T12:00:00Z\"},\"Records\":[{\"eventSourceARN\":\""
                + KinesisFixtures.STREAM_ARN + "\",\"eventID\":\"shardId-000000000001:" + r.sequenceNumber()
                + "\",\"kinesis\":{\"data\":\"" + r.base64Data() + "\",\"extra\":[1,{\"a\":2}],\"sequenceNumber\":\""
                + r.sequenceNumber() + "\"}}],\"isFinalInvokeForWindow\":false}";
        KinesisHandler handler = handler("memory://a?format=plain");

        HandlerRun run = invoke(handler, event.getBytes(UTF_8));

        assertThat(reported(run)).isNull();
        assertThat(MemorySinkProvider.received("a")).containsExactlyElementsOf(lines(0, 2));
    }

    @Test
    void theRecordsComeFromTheSourceTheSettingsName() {
        KinesisHandler handler = handler("memory://a?format=plain", "LOGDRAIN_SOURCE", "test-lines");

        HandlerRun run = invoke(handler, "{\"Records\":[]}".getBytes(UTF_8));

        assertThat(run.error()).as("a source that knows no Kinesis event says so, in one line")
                .isInstanceOf(InvalidEventException.class).hasMessage("this source cannot read a Kinesis event");
        assertThat(run.emfInvocation().path("InvalidPayloads").asInt()).isEqualTo(1);
    }
}
