package dev.logdrain.cli.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.jsonString;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.onFailureRecord;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.cloudwatch.CloudWatchSourceProvider;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.MemorySinkProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayCommandTest {

    private static final String TO_MEMORY = "memory://got?format=events";
    private static final Path EXAMPLES = Path.of("..", "examples", "events");

    @TempDir
    Path dir;

    private final List<LogEvent> web = events("web", 3);
    private final List<LogEvent> worker = events("worker", 2);
    private final String webPayload = payloadJson("/ecs/orders", "web/web/0123456789abcdef0123456789abcdef", web);
    private final String workerPayload = payloadJson("/ecs/orders", "worker/worker/fedcba9876543210fedcba9876543210", worker);

    @BeforeEach
    void clear() {
        MemorySinkProvider.reset();
    }

    // ---- input shapes ----

    @Test
    void lambdaEvent_deliversEveryEventInOrder() throws IOException {
        Cli.Result result = replay(file("event.json", lambdaEvent(webPayload)));

        assertThat(result.status()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(delivered()).containsExactlyElementsOf(lines("/ecs/orders", "web/web/0123456789abcdef0123456789abcdef", web));
    }

    @Test
    void decodedPayload_prettyPrinted() throws IOException {
        String pretty = webPayload.replace(",", ",\n  ").replace("{", "{\n  ");

        Cli.Result result = replay(file("decoded.json", pretty.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(webLines());
    }

    @Test
    void rawGzip_ofTheDecodedPayload() throws IOException {
        Cli.Result result = replay(file("record.gz", gzip(webPayload.getBytes(StandardCharsets.UTF_8))));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(webLines());
    }

    @Test
    void rawGzip_ofSeveralPayloadsBackToBack_asFirehoseWritesThemToS3() throws IOException {
        byte[] both = concat(gzip(webPayload.getBytes(StandardCharsets.UTF_8)), gzip(workerPayload.getBytes(StandardCharsets.UTF_8)));

        Cli.Result result = replay(file("firehose-object", both));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(concat(webLines(), workerLines()));
    }

    @Test
    void onFailureRecord_deliversExactlyTheEventsOfTheOriginalPayload() throws IOException {
        byte[] originalEvent = lambdaEvent(webPayload);
        List<String> expected = new ArrayList<>();
        for (LogBatch batch : new CloudWatchSourceProvider().create(Map.of()).read(new ByteArrayInputStream(originalEvent)).logBatches()) {
            expected.addAll(lines(batch.logGroup(), batch.logStream(), batch.events()));
        }

        Cli.Result result = replay(file("record.json", onFailureRecord(originalEvent)));

        assertThat(result.status()).isZero();
        assertThat(expected).hasSize(web.size());
        assertThat(delivered()).containsExactlyElementsOf(expected);
    }

    @Test
    void sqsReceiveMessageOutput_withOnFailureRecordsInTheBodies() throws IOException {
        String sqs = "{\"Messages\":[" + sqsMessage(onFailureRecord(lambdaEvent(webPayload))) + ","
                + sqsMessage(onFailureRecord(lambdaEvent(workerPayload))) + "]}";

        Cli.Result result = replay(file("sqs.json", sqs.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(concat(webLines(), workerLines()));
    }

    @Test
    void lambdaSqsEvent_recordsWithBodies() throws IOException {
        String event = "{\"Records\":[{\"messageId\":\"1\",\"body\":" + jsonString(onFailureRecord(lambdaEvent(webPayload)))
                + ",\"eventSource\":\"aws:sqs\"}]}";

        Cli.Result result = replay(file("sqs-event.json", event.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(webLines());
    }

    @Test
    void kinesisEvent_recordDataIsBase64Gzip() throws IOException {
        String data = Base64.getEncoder().encodeToString(gzip(webPayload.getBytes(StandardCharsets.UTF_8)));
        String event = "{\"Records\":[{\"kinesis\":{\"partitionKey\":\"k\",\"data\":\"" + data + "\"},\"eventSource\":\"aws:kinesis\"}]}";

        Cli.Result result = replay(file("kinesis.json", event.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(webLines());
    }

    @Test
    void oneDocumentALine_withBlankLines() throws IOException {
        String lines = new String(lambdaEvent(webPayload), StandardCharsets.UTF_8) + "\n\n"
                + new String(onFailureRecord(lambdaEvent(workerPayload)), StandardCharsets.UTF_8) + "\r\n";

        Cli.Result result = replay(file("events.ndjson", lines.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(concat(webLines(), workerLines()));
    }

    @Test
    void jsonArrayOfEvents() throws IOException {
        String array = "[" + new String(lambdaEvent(webPayload), StandardCharsets.UTF_8) + ", " + workerPayload + "]";

        Cli.Result result = replay(file("array.json", array.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(concat(webLines(), workerLines()));
    }

    @Test
    void base64Line_asCopiedFromAwslogsData() throws IOException {
        String data = CloudWatchFixtures.base64(gzip(webPayload.getBytes(StandardCharsets.UTF_8)));

        Cli.Result result = replay(file("data.txt", (data + "\n").getBytes(StandardCharsets.UTF_8)));

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(webLines());
    }

    @Test
    void standardInput_whenNoFileOrDash() {
        assertThat(Cli.runWithInput(lambdaEvent(webPayload), "replay", "--url", TO_MEMORY).status()).isZero();
        assertThat(Cli.runWithInput(lambdaEvent(workerPayload), "replay", "--url", TO_MEMORY, "-").status()).isZero();

        assertThat(delivered()).containsExactlyElementsOf(concat(webLines(), workerLines()));
    }

    @Test
    void severalFiles_inTheOrderGiven_toEveryDestination() throws IOException {
        Path second = file("2.json", lambdaEvent(workerPayload));
        Path first = file("1.json", lambdaEvent(webPayload));

        Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, "--url", "memory://other?format=events",
                first.toString(), second.toString());

        assertThat(result.status()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(concat(webLines(), workerLines()));
        assertThat(MemorySinkProvider.received("other")).containsExactlyElementsOf(concat(webLines(), workerLines()));
    }

    @Test
    void controlMessage_deliversNothing_andSaysSo() throws IOException {
        Cli.Result result = replay(file("control.json", lambdaEvent(CloudWatchFixtures.controlPayloadJson())));

        assertThat(result.status()).isZero();
        assertThat(delivered()).isEmpty();
        assertThat(result.errLine()).contains("nothing to deliver").contains("control message");
    }

    // ---- processing ----

    /** The built-ins LauncherIT does not run through replay: include, group and stream filters, minseverity, aws-key, bearer, redact.pattern. */
    @Test
    void processing_filtersAndRedactors_throughReplay() throws IOException {
        List<LogEvent> api = List.of(
                new LogEvent("1", 1_714_564_800_000L, "INFO GET /orders key=AKIAIOSFODNN7EXAMPLE"),
                new LogEvent("2", 1_714_564_800_001L, "WARN Authorization: Bearer abcdefgh12345678 for cus_42"),
                new LogEvent("3", 1_714_564_800_002L, "ERROR order ord_77 failed"),
                new LogEvent("4", 1_714_564_800_003L, "DEBUG health ok"));
        Path input = file("processing.json", concat(concat(
                lambdaEvent(payloadJson("/ecs/orders", "web/web/0123456789abcdef0123456789abcdef", api)),
                lambdaEvent(payloadJson("/ecs/orders", "worker/worker/fedcba9876543210fedcba9876543210", api))),
                lambdaEvent(payloadJson("/aws/batch/job", "web/x/1", api))));

        Cli.Result result = Cli.run("replay", "--process", "include.group=^/ecs/&exclude.stream=^worker/",
                "--url", "memory://proc?format=events&minseverity=warning&redact=aws-key,bearer&redact.pattern=cus_%5B0-9%5D%2B&include=o",
                input.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(MemorySinkProvider.received("proc")).hasSize(2);
        assertThat(MemorySinkProvider.received("proc").get(0)).endsWith("WARN Authorization: Bearer [REDACTED] for [REDACTED]");
        assertThat(MemorySinkProvider.received("proc").get(1)).endsWith("ERROR order ord_77 failed");
        assertThat(result.err()).isEqualTo("processing: 12 events read, 10 dropped by filter, 0 sampled out, 1 redacted\n");
    }

    @Test
    void examples_eachShapeOfTheSameEvents_givesTheSameLines() {
        List<String> lines = sameLines("ecs-service.json", "ecs-service.decoded.json");

        assertThat(lines).hasSize(6)
                .allSatisfy(line -> assertThat(line).matches("<1[1-5]>1 2024-05-14T09:30:00\\..*")
                        .contains(" /ecs/orders web 0123456789abcdef0123456789abcdef - - "));
        // severity=auto, the default: the JSON lines' own levels, info for the access log lines
        assertThat(lines).extracting(line -> line.substring(0, 4))
                .containsExactly("<14>", "<14>", "<14>", "<14>", "<12>", "<11>");
    }

    @Test
    void examples_onFailureRecordAndSqsOutput_giveTheWorkerBatch() {
        assertThat(sameLines("on-failure-record.json", "sqs-receive-message.json")).hasSize(3)
                .allSatisfy(line -> assertThat(line).contains(" /ecs/orders worker fedcba9876543210fedcba9876543210 "));
    }

    @Test
    void examples_lambdaFunction_keepsTheStackTraceInOneMessage() {
        Cli.Result result = replayExample("lambda-function.json", "fn");

        assertThat(result.status()).isZero();
        List<String> got = MemorySinkProvider.received("fn");
        assertThat(got).hasSize(6);
        assertThat(got.get(1)).contains("orders-api").contains("START RequestId: ");
        assertThat(got.get(3)).contains("ERROR\tError: inventory service returned 503")
                .contains("\n    at reserve (/var/task/inventory.js:41:11)\n").doesNotEndWith("\n");
        assertThat(got.get(5)).contains("REPORT RequestId: ");
    }

    // ---- exit status 1: delivery failed ----

    @Test
    void deliveryFailure_exits1_withOneLineNamingDestinationAndPlace() throws IOException {
        Path event = file("event.json", lambdaEvent(webPayload));

        Cli.Result result = Cli.run("replay", "--url", "memory://fail?format=events&fail=true", event.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).hasLineCount(1);
        assertThat(result.errLine()).startsWith("logdrain replay: " + event + " line 1: not delivered: memory://fail")
                .contains("3 of 3 events not delivered (connection refused)")
                .contains("nothing was delivered before it");
    }

    @Test
    void deliveryFailure_stopsTheRun_andSaysWhatWasDeliveredBefore() throws IOException {
        String lines = new String(lambdaEvent(webPayload), StandardCharsets.UTF_8) + "\n"
                + new String(lambdaEvent(workerPayload), StandardCharsets.UTF_8) + "\n"
                + new String(lambdaEvent(webPayload), StandardCharsets.UTF_8) + "\n";
        Path file = file("three.ndjson", lines.getBytes(StandardCharsets.UTF_8));

        Cli.Result result = Cli.run("replay", "--url", "memory://fail?format=events&fail=true&failafter=1", "--url", TO_MEMORY,
                file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.errLine()).contains(file + " line 2: not delivered")
                .contains("3 events in 1 batch were delivered before it");
        // the other destination got the failed batch too, but nothing after it
        assertThat(delivered()).containsExactlyElementsOf(concat(webLines(), workerLines()));
    }

    // ---- exit status 2: bad usage or bad input ----

    @Test
    void missingFile_exits2_beforeDeliveringAnything() throws IOException {
        Path good = file("good.json", lambdaEvent(webPayload));

        Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, good.toString(), dir.resolve("nope.json").toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).isEqualTo("logdrain replay: " + dir.resolve("nope.json") + ": no such file");
        assertThat(delivered()).isEmpty();
    }

    @Test
    void directory_exits2() {
        Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, dir.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains("is a directory");
    }

    @Test
    void notJson_exits2_naming_file_and_line() throws IOException {
        String text = new String(lambdaEvent(webPayload), StandardCharsets.UTF_8) + "\n{\"awslogs\": {\"data\": }\n";
        Path file = file("broken.json", text.getBytes(StandardCharsets.UTF_8));

        Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, file.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).hasLineCount(1);
        assertThat(result.errLine()).startsWith("logdrain replay: " + file + ": line 2: not JSON: ")
                .endsWith("(3 events in 1 batch were delivered before it)");
        assertThat(delivered()).containsExactlyElementsOf(webLines());
    }

    @Test
    void unknownObject_exits2_namingItsMembers() throws IOException {
        Path file = file("other.json", "{\"Records\":[{\"s3\":{\"bucket\":{}}}]}".getBytes(StandardCharsets.UTF_8));

        Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, file.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains(file + ": line 1: at Records[0]: not a CloudWatch Logs payload")
                .contains("found an object with members s3");
    }

    @Test
    void badPayloadInsideAWrapper_exits2_namingWhere() throws IOException {
        byte[] record = onFailureRecord(CloudWatchFixtures.lambdaEventWithData("H4sIbroken!!"));
        Path file = file("record.json", record);

        Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, file.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).hasLineCount(1);
        assertThat(result.errLine()).contains(file + ": line 1: at requestPayload: ");
        assertThat(delivered()).isEmpty();
    }

    @Test
    void corruptGzip_exits2() throws IOException {
        byte[] data = gzip(webPayload.getBytes(StandardCharsets.UTF_8));
        Path file = file("truncated.gz", java.util.Arrays.copyOf(data, data.length / 2));

        Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, file.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains("gzip");
        assertThat(delivered()).isEmpty();
    }

    @Test
    void tenThousandEmptyGzipMembersBeforeThePayload_areReadInALoop_noStackOverflow() throws IOException {
        byte[] data = concat(CloudWatchFixtures.emptyGzipMembers(10_000), gzip(webPayload.getBytes(StandardCharsets.UTF_8)));
        // raw gzip, and the same as base64 gzip inside an SQS message body
        Cli.Result raw = replay(file("members.gz", data));
        assertThat(raw.status()).as(raw.err()).isZero();
        Cli.Result wrapped = replay(file("members.json", sqsMessage(CloudWatchFixtures.base64(data).getBytes(
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertThat(wrapped.status()).as(wrapped.err()).isZero();
        assertThat(delivered()).containsExactlyElementsOf(concat(webLines(), webLines()));
    }

    @Test
    void aSingleStringGzipBomb_rawOrAsALambdaEvent_exits2_inOneLine() throws IOException {
        byte[] bomb = CloudWatchFixtures.stringBomb(200L << 20);
        for (Path file : List.of(file("bomb.gz", bomb), file("bomb.json",
                CloudWatchFixtures.lambdaEventWithData(CloudWatchFixtures.base64(bomb))))) {
            Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, file.toString());

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.err()).hasLineCount(1);
            assertThat(result.errLine()).containsAnyOf("a document larger than", "larger than the limit of");
            assertThat(delivered()).isEmpty();
        }
    }

    @Test
    void duplicateKeys_inThePayloadOrAWrapper_exit2_namingTheKey_nothingDelivered() throws IOException {
        String twice = webPayload.substring(0, webPayload.length() - 1) + ",\"logEvents\":[]}";
        String wrapperTwice = "{\"requestPayload\":" + new String(lambdaEvent(webPayload), StandardCharsets.UTF_8)
                + ",\"requestPayload\":" + new String(lambdaEvent(workerPayload), StandardCharsets.UTF_8) + "}";
        for (String[] c : new String[][] {{twice, "logEvents"}, {wrapperTwice, "requestPayload"},
                {new String(lambdaEvent(twice), StandardCharsets.UTF_8), "logEvents"}}) {
            Path file = file("twice.json", c[0].getBytes(StandardCharsets.UTF_8));

            Cli.Result result = Cli.run("replay", "--url", TO_MEMORY, file.toString());

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.err()).hasLineCount(1);
            assertThat(result.errLine()).contains("duplicate key '" + c[1] + "'");
            assertThat(delivered()).isEmpty();
        }
    }

    @Test
    void emptyInput_deliversNothing() {
        Cli.Result result = Cli.runWithInput("", "replay", "--url", TO_MEMORY);

        assertThat(result.status()).isZero();
        assertThat(result.errLine()).contains("nothing to deliver: no payloads");
    }

    /** A bad --url or --process: exit status 2 and one line that says what is wrong; nothing delivered. */
    @ParameterizedTest
    @MethodSource("usageErrors")
    void badUrlOrProcessing_exit2_inOneLine(List<String> options, List<String> said) throws IOException {
        Path event = file("event.json", lambdaEvent(webPayload));
        List<String> args = new ArrayList<>(List.of("replay"));
        args.addAll(options);
        args.add(event.toString());

        Cli.Result result = Cli.run(args.toArray(String[]::new));

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).hasLineCount(1);
        said.forEach(part -> assertThat(result.errLine()).contains(part));
        assertThat(MemorySinkProvider.received("x")).isEmpty();
        assertThat(delivered()).isEmpty();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                arguments(List.of("--url", "carrier-pigeon://coop"), List.of("unknown scheme 'carrier-pigeon'", "memory")),
                arguments(List.of("--url", "memory://x?colour=blue"), List.of("unknown option 'colour'")),
                arguments(List.of("--url", "no-scheme-here"), List.of()),
                arguments(List.of("--process", "exlcude=x"), List.of("unknown option 'exlcude'")),
                arguments(List.of("--url", "memory://x?minseverity=loud"), List.of("option minseverity='loud' is not valid")),
                arguments(List.of("--process", "exclude=a&exclude=b"), List.of("--process is not valid", "given twice")));
    }

    @Test
    void secretsInTheUrl_neverPrinted() throws IOException {
        Path event = file("event.json", lambdaEvent(webPayload));

        Cli.Result result = Cli.run("replay", "--verbose", "--url", "memory://user:hunter2@fail?format=events&fail=true", event.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).doesNotContain("hunter2");
    }

    @Test
    void missingPluginDirectory_exits2() throws IOException {
        Cli.Result result = Cli.run("replay", "--plugins", dir.resolve("none").toString(), "--url", TO_MEMORY,
                file("e.json", lambdaEvent(webPayload)).toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains("plugin directory").contains("does not exist");
    }

    @Test
    void verbose_reportsEachBatch() throws IOException {
        Cli.Result result = Cli.run("replay", "--verbose", "--url", TO_MEMORY, file("e.json", lambdaEvent(webPayload)).toString());

        assertThat(result.status()).isZero();
        assertThat(result.err()).contains("line 1: /ecs/orders web/web/0123456789abcdef0123456789abcdef: 3 events to "
                + "memory://got?format=events: 3 sent, 0 failed").contains("delivered 3 events in 1 batch to 1 destination in ");
    }

    // ---- helpers ----

    private Cli.Result replay(Path file) {
        return Cli.run("replay", "--url", TO_MEMORY, file.toString());
    }

    /** Replays an example of examples/events to the memory destination {@code name}, in RFC 5424. */
    private static Cli.Result replayExample(String example, String name) {
        return Cli.run("replay", "--url", "memory://" + name + "?format=rfc5424", EXAMPLES.resolve(example).toString());
    }

    /** Replays two examples that hold the same events in other shapes: both succeed, giving the same lines. */
    private static List<String> sameLines(String example, String sameEventsExample) {
        Cli.Result first = replayExample(example, "first");
        Cli.Result second = replayExample(sameEventsExample, "second");

        assertThat(first.status()).isZero();
        assertThat(second.status()).isZero();
        assertThat(MemorySinkProvider.received("first")).isEqualTo(MemorySinkProvider.received("second"));
        return MemorySinkProvider.received("first");
    }

    private static List<String> delivered() {
        return MemorySinkProvider.received("got");
    }

    private List<String> webLines() {
        return lines("/ecs/orders", "web/web/0123456789abcdef0123456789abcdef", web);
    }

    private List<String> workerLines() {
        return lines("/ecs/orders", "worker/worker/fedcba9876543210fedcba9876543210", worker);
    }

    private static List<String> lines(String group, String stream, List<LogEvent> events) {
        List<String> lines = new ArrayList<>();
        for (LogEvent e : events) {
            lines.add(group + "|" + stream + "|" + e.id() + "|" + e.timestamp() + "|" + e.message());
        }
        return lines;
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static String sqsMessage(byte[] body) {
        return "{\"MessageId\":\"m\",\"ReceiptHandle\":\"r\",\"MD5OfBody\":\"x\",\"Body\":" + jsonString(body) + "}";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
