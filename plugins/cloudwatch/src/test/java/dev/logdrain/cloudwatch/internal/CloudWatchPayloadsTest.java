package dev.logdrain.cloudwatch.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.base64;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.controlPayloadJson;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEventWithData;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudWatchPayloadsTest {

    private static final String GROUP = "/ecs/shop";
    private static final String STREAM = "web/app/0123456789abcdef";

    private static List<CloudWatchPayload> read(byte[] input) throws IOException {
        return CloudWatchPayloads.read(new ByteArrayInputStream(input));
    }

    private static List<CloudWatchPayload> read(String input) throws IOException {
        return read(input.getBytes(UTF_8));
    }

    @Test
    void decodesTheLambdaEventWithEveryField() throws IOException {
        List<LogEvent> events = List.of(
                new LogEvent("37295030453899342174592364890000000000000000000000000001", 1_700_000_000_123L,
                        "GET /health 200\n"),
                new LogEvent("37295030453899342174592364890000000000000000000000000002", 1_700_000_000_124L,
                        "line one\nline two ünïcödé ✓ \"quoted\" \\ tab\t"));

        List<CloudWatchPayload> payloads = read(lambdaEvent(payloadJson(GROUP, STREAM, events)));

        assertThat(payloads).hasSize(1);
        CloudWatchPayload p = payloads.get(0);
        assertThat(p.messageType()).isEqualTo("DATA_MESSAGE");
        assertThat(p.isControlMessage()).isFalse();
        assertThat(p.owner()).isEqualTo("123456789012");
        assertThat(p.logGroup()).isEqualTo(GROUP);
        assertThat(p.logStream()).isEqualTo(STREAM);
        assertThat(p.subscriptionFilters()).containsExactly("logdrain");
        assertThat(p.logEvents()).extracting(LogEvent::message)
                .containsExactly("GET /health 200", "line one\nline two ünïcödé ✓ \"quoted\" \\ tab\t");
        assertThat(p.logEvents()).extracting(LogEvent::id).containsExactly(events.get(0).id(), events.get(1).id());
        assertThat(p.logEvents()).extracting(LogEvent::timestamp).containsExactly(1_700_000_000_123L, 1_700_000_000_124L);

        LogBatch batch = p.toBatch();
        assertThat(batch.logGroup()).isEqualTo(GROUP);
        assertThat(batch.owner()).isEqualTo("123456789012");
        assertThat(batch.events()).isEqualTo(p.logEvents());
    }

    @Test
    void acceptsEveryFormOfTheSamePayload() throws IOException {
        String json = payloadJson(GROUP, STREAM, events("form", 3));
        byte[] gz = gzip(json.getBytes(UTF_8));
        byte[] event = lambdaEvent(json);
        List<CloudWatchPayload> expected = read(event);

        assertThat(read(json)).as("decoded JSON").isEqualTo(expected);
        assertThat(read("\n  " + json + "\n")).as("decoded JSON with blanks").isEqualTo(expected);
        assertThat(read(gz)).as("raw gzip").isEqualTo(expected);
        assertThat(read(base64(gz) + "\n")).as("base64 text").isEqualTo(expected);
        assertThat(read(CloudWatchFixtures.onFailureRecord(event))).as("on-failure record").isEqualTo(expected);
        assertThat(CloudWatchPayloads.decodeRecordData(gz)).as("record data").isEqualTo(expected);
        assertThat(CloudWatchPayloads.decodeRecordData(base64(gz).getBytes(UTF_8))).as("base64 record data")
                .isEqualTo(expected);
    }

    @Test
    void readsSeveralPayloadsInOrder() throws IOException {
        String a = payloadJson("/a", "s", events("a", 2));
        String b = payloadJson("/b", "s", events("b", 1));
        // Firehose writes gzip members back to back; files may hold events one after another or in an array
        byte[] members = concat(gzip(a.getBytes(UTF_8)), gzip(b.getBytes(UTF_8)));
        String array = "[" + new String(lambdaEvent(a), UTF_8) + ",\n" + new String(lambdaEvent(b), UTF_8) + "]";
        String lines = new String(lambdaEvent(a), UTF_8) + "\n" + new String(lambdaEvent(b), UTF_8) + "\n";

        for (byte[] input : List.of(members, array.getBytes(UTF_8), lines.getBytes(UTF_8))) {
            assertThat(read(input)).extracting(CloudWatchPayload::logGroup).containsExactly("/a", "/b");
        }
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownOnesAreIgnored() throws IOException {
        String json = "{\"logEvents\":[{\"message\":\"m\",\"extra\":{\"x\":[1,2]},\"timestamp\":\"5\",\"id\":7}],"
                + "\"policyLevel\":\"ACCOUNT_LEVEL_POLICY\",\"logStream\":\"s\",\"future\":[{}],\"logGroup\":\"g\","
                + "\"messageType\":\"DATA_MESSAGE\"}";

        CloudWatchPayload p = read(lambdaEvent(json)).get(0);

        assertThat(p.logEvents()).containsExactly(new LogEvent("7", 5, "m"));
        assertThat(p.owner()).isEmpty();
        assertThat(p.subscriptionFilters()).isEmpty();
    }

    @Test
    void controlMessagesAreReturnedButYieldNoBatch() throws IOException {
        List<CloudWatchPayload> payloads = read(lambdaEvent(controlPayloadJson()));

        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).isControlMessage()).isTrue();
        assertThat(CloudWatchPayloads.result(payloads, "").logBatches()).isEmpty();
    }

    @Test
    void anEmptyBatchIsABatchWithoutEvents() throws IOException {
        List<CloudWatchPayload> payloads = read(lambdaEvent(payloadJson(GROUP, STREAM, List.of())));

        assertThat(CloudWatchPayloads.result(payloads, "").logBatches()).singleElement()
                .satisfies(b -> assertThat(b.events()).isEmpty());
    }

    @Test
    void decodesTenThousandEvents() throws IOException {
        List<LogEvent> events = events("bulk", 10_000);

        CloudWatchPayload p = read(lambdaEvent(payloadJson(GROUP, STREAM, events))).get(0);

        assertThat(p.logEvents()).isEqualTo(events);
    }

    @Test
    void namesWhatIsWrongWithMalformedInput() {
        byte[] gzipped = gzip(payloadJson(GROUP, STREAM, events("x", 50)).getBytes(UTF_8));
        byte[] corrupt = gzipped.clone();
        for (int i = 20; i < 40; i++) {
            corrupt[i] ^= 0x55;
        }
        assertInvalid(lambdaEventWithData("not base64 at all!"), "awslogs.data is not base64");
        assertInvalid(lambdaEventWithData(base64("hello, world".getBytes(UTF_8))),
                "awslogs.data is not a CloudWatch Logs payload: expected gzip data, JSON or base64 text");
        assertInvalid(lambdaEventWithData(base64(Arrays.copyOf(gzipped, gzipped.length / 2))),
                "awslogs.data is truncated gzip");
        assertInvalid(lambdaEventWithData(base64(corrupt)), "awslogs.data is corrupt gzip");
        assertInvalid(lambdaEventWithData(base64(gzip("{\"messageType\": nope".getBytes(UTF_8)))),
                "awslogs.data is not valid JSON: Unrecognized token 'nope'");
        assertInvalid(lambdaEventWithData(base64(gzip("{\"messageType\":\"DATA_MESSAGE\",".getBytes(UTF_8)))),
                "awslogs.data is not valid JSON: Unexpected end-of-input");
        assertInvalid(lambdaEvent("{\"messageType\":\"DATA_MESSAGE\",\"logStream\":\"s\",\"logEvents\":[]}"),
                "awslogs.data: the payload lacks field 'logGroup'");
        assertInvalid(lambdaEvent("{\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":[]}"),
                "the payload lacks field 'messageType'");
        assertInvalid(lambdaEvent("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\"}"),
                "the payload lacks field 'logEvents'");
        assertInvalid(lambdaEvent("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":\"ok\"},{\"id\":\"2\",\"message\":\"m\"}]}"),
                "awslogs.data: logEvents[1] lacks field 'timestamp'");
        assertInvalid(lambdaEvent("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":42}]}"),
                "logEvents[0].message is not a string");
        assertInvalid(lambdaEvent("{\"messageType\":\"SURPRISE\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"logEvents\":[]}"), "unknown messageType 'SURPRISE'");
        assertInvalid("{\"awslogs\":{}}".getBytes(UTF_8), "awslogs lacks field 'data'");
        assertInvalid("{\"awslogs\":{\"data\":17}}".getBytes(UTF_8), "awslogs.data is not a string");
        assertInvalid("{\"hello\":\"world\"}".getBytes(UTF_8), "input: holds no CloudWatch Logs payload");
        // the payload inside decodes, but the event around it is cut short: nothing is returned
        String event = new String(lambdaEvent(payloadJson(GROUP, STREAM, events("cut", 2))), UTF_8);
        assertInvalid(event.substring(0, event.length() - 2).getBytes(UTF_8), "input is not valid JSON");
        assertInvalid("".getBytes(UTF_8), "input is empty");
        assertInvalid("hello".getBytes(UTF_8), "input is not a CloudWatch Logs payload");
        assertInvalid("42".getBytes(UTF_8), "input is not a CloudWatch Logs payload");
        assertInvalid(lambdaEventWithData(""), "awslogs.data is empty");
    }

    @Test
    void errorsAreOneLine() {
        InvalidInputException e = invalid(lambdaEventWithData(base64(gzip("{\n\n  \"x\": ]".getBytes(UTF_8)))));
        assertThat(e.getMessage()).doesNotContain("\n").contains("line 3");
    }

    @Test
    void aGzipBombFailsAtTheCap() {
        byte[] bomb = CloudWatchFixtures.gzipBomb(100L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);

        assertInvalid(lambdaEventWithData(base64(bomb)),
                "awslogs.data: the decoded payload is larger than the limit of 64 MiB");
        assertInvalid(bomb, "input: the decoded payload is larger than the limit of 64 MiB");
    }

    @Test
    void theCapCountsEveryJsonByteOfTheInput() throws IOException {
        byte[] event = lambdaEvent(payloadJson(GROUP, STREAM, events("cap", 200)));

        assertThat(CloudWatchPayloads.read(new ByteArrayInputStream(event), 1024 * 1024)).hasSize(1);
        assertThatThrownBy(() -> CloudWatchPayloads.read(new ByteArrayInputStream(event), 4096))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("larger than the limit of 4 KiB");
    }

    @Test
    void parsesSizes() {
        assertThat(CloudWatchPayloads.parseSize("67108864", "x")).isEqualTo(64L << 20);
        assertThat(CloudWatchPayloads.parseSize("64MiB", "x")).isEqualTo(64L << 20);
        assertThat(CloudWatchPayloads.parseSize(" 512 k ", "x")).isEqualTo(512L << 10);
        assertThat(CloudWatchPayloads.parseSize("1g", "x")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> CloudWatchPayloads.parseSize("lots", "LOGDRAIN_MAX_PAYLOAD"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("LOGDRAIN_MAX_PAYLOAD='lots' is not a size: write bytes or a number with KiB, MiB or "
                        + "GiB, e.g. 64MiB");
        assertThatThrownBy(() -> CloudWatchPayloads.parseSize("0", "x")).isInstanceOf(ConfigurationException.class);
    }

    private static void assertInvalid(byte[] input, String expected) {
        assertThat(invalid(input).getMessage()).as(new String(input, 0, Math.min(input.length, 80), UTF_8))
                .contains(expected).doesNotContain("\n");
    }

    private static InvalidInputException invalid(byte[] input) {
        try {
            List<CloudWatchPayload> decoded = read(input);
            throw new AssertionError("decoded without error: " + decoded);
        } catch (InvalidInputException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
