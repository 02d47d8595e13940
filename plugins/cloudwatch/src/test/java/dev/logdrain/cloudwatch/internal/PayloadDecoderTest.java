package dev.logdrain.cloudwatch.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.base64;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.eventId;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The in-memory fast paths (the Lambda event's data decoded in place, one-array gunzip, {@link PayloadScanner})
 * against the streaming Jackson path they replace: same payloads, same errors.
 */
class PayloadDecoderTest {

    private static final long CAP = 64L * 1024 * 1024;

    /** Events with what makes strings hard: escapes, non-ASCII, line breaks, every length around 8 bytes. */
    private static List<LogEvent> trickyEvents() {
        List<String> messages = new ArrayList<>(List.of("", "plain", "line\n", "crlf\r\n", "two\n\nlines", "inner CRLF\r\n and LF\n inside", "tab\there",
                "quote \" and backslash \\ and slash /", "{\"level\":\"info\",\"msg\":\"a \\\"b\\\"\"}",
                "ünïcödé ✓ 日本語 😀 mixed", "control \u0001\u0007\u001f\u007f end", "\b\f", "é", "😀",
                "trailing non-ASCII é", "\u2028\u2029 separators", "\uFFFD replacement character, as CloudWatch writes for bytes that are not UTF-8",
                "a very long ASCII message ".repeat(40), "nul \u0000 inside and at the end \u0000",
                "escaped tab\t, é and 😀 before an escaped CRLF\r\n", "\r\n", "\n", "\r", "only a CR\r",
                "4-byte 𝄞😀🏳️‍🌈 at the end 😀", "a long non-ASCII message ✓ ".repeat(40) + "\n",
                "\uFFFD\uFFFD", "\u0080\u07ff\u0800\uFFFF\uD800\uDC00\uDBFF\uDFFF edges"));
        for (int length = 0; length < 20; length++) {
            messages.add("x".repeat(length) + "\"" + "y".repeat(19 - length));
            messages.add("x".repeat(length) + "é");
            messages.add("x".repeat(length) + "\n");
        }
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            events.add(new LogEvent(eventId(i), 1_700_000_000_000L + i, messages.get(i)));
        }
        return events;
    }

    private static String trickyPayload() {
        return CloudWatchFixtures.payloadJson("/g/é", "s", trickyEvents());
    }

    @Test
    void theScannerReadsTheUsualPayloadAsTheParserDoes() throws IOException {
        String json = trickyPayload();
        byte[] bytes = json.getBytes(UTF_8);

        CloudWatchPayload scanned = PayloadScanner.scan(bytes, 0, bytes.length);

        assertThat(scanned).isNotNull();
        assertThat(scanned.logEvents()).isEqualTo(trickyEvents());
        assertThat(List.of(scanned)).isEqualTo(reference(bytes));
        assertSameAsReference(bytes);
        assertSameAsReference(gzip(bytes));
        assertSameAsReference(lambdaEvent(json));
    }

    @Test
    void theScannerHandlesEveryValidFormOfThePayload() throws IOException {
        String events = "[{\"id\":\"1\",\"timestamp\":-0,\"message\":\"\\u00e9\\u2713\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\"},"
                + " { \"message\" : \"m\" , \"extractedFields\" : {\"a\": [1, -2.5e3, 0.1E+2, true, false, null,"
                + " {\"b\": []}, \"s\"], \"c\": {}}, \"timestamp\" : 0 ,\"id\":\"y\" } ]";
        List<String> payloads = List.of(
                "{\"messageType\":\"DATA_MESSAGE\",\"owner\":null,\"logGroup\":\"g\",\"logStream\":\"s\","
                        + "\"subscriptionFilters\":null,\"logEvents\":" + events + "}",
                " \n\t{ \"logEvents\" : " + events + " , \"policyLevel\" : \"ACCOUNT_LEVEL_POLICY\" , \"logStream\" :"
                        + " \"s\", \"logGroup\" : \"g\" , \"messageType\" : \"DATA_MESSAGE\", \"subscriptionFilters\":"
                        + " [ \"a\" , \"b\" ], \"n\": 12, \"t\": true, \"x\": [] }\r\n",
                "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":[]}",
                CloudWatchFixtures.controlPayloadJson());
        for (String payload : payloads) {
            byte[] bytes = payload.getBytes(UTF_8);
            assertThat(PayloadScanner.scan(bytes, 0, bytes.length)).as(payload).isNotNull()
                    .isEqualTo(reference(bytes).get(0));
            assertSameAsReference(bytes);
            assertSameAsReference(gzip(bytes));
        }
        byte[] first = payloads.get(0).getBytes(UTF_8);
        assertThat(PayloadScanner.scan(first, 0, first.length).logEvents())
                .containsExactly(new LogEvent("1", 0, "é✓😀/\b\f\n\r\t"), new LogEvent("y", 0, "m"));
    }

    @Test
    void theScannerLeavesEverythingElseToTheParser() throws IOException {
        String head = "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":[";
        List<String> others = List.of(
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"lone \\ud800 surrogate\"}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"lone \\udc00 low surrogate\"}]}",
                head + "{\"id\":7,\"timestamp\":1,\"message\":\"numeric id\"}]}",
                head + "{\"id\":\"1\",\"timestamp\":\"5\",\"message\":\"string timestamp\"}]}",
                head + "{\"id\":\"1\",\"timestamp\":1.5,\"message\":\"fraction\"}]}",
                head + "{\"id\":\"1\",\"timestamp\":01,\"message\":\"leading zero\"}]}",
                head + "{\"id\":\"1\",\"timestamp\":99999999999999999999,\"message\":\"too big\"}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"raw \u0001 control\"}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"bad \\x escape\"}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",}]}",
                head + "{\"id\":\"1\",\"timestamp\":1 \"message\":\"m\"}]}",
                head + "{\"id\":\"1\",\"message\":\"no timestamp\"}]}",
                head + "{}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":null}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"x\":nul}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"x\":01}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"x\":[1,]}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"\\u0078\":1}]}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\"}]} {}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\"}]",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\"}]}, {\"messageType\":\"CONTROL_MESSAGE\"}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\"}], \"awslogs\":{}}",
                head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\"}], \"x\":" + "[".repeat(100) + "]".repeat(100)
                        + "}",
                "{\"messageType\":\"SURPRISE\",\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":[]}",
                "{\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":[]}",
                "{\"messageType\":\"DATA_MESSAGE\",\"logStream\":\"s\",\"logEvents\":[]}",
                "[" + CloudWatchFixtures.controlPayloadJson() + "]");
        for (String other : others) {
            byte[] bytes = other.getBytes(UTF_8);
            assertThat(PayloadScanner.scan(bytes, 0, bytes.length)).as(other).isNull();
            assertSameAsReference(bytes);
            assertSameAsReference(gzip(bytes));
        }
        // bytes that are not UTF-8
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((head + "{\"id\":\"1\",\"timestamp\":1,\"message\":\"x").getBytes(UTF_8));
            out.writeBytes(bad);
            out.writeBytes("y\"}]}".getBytes(UTF_8));
            byte[] bytes = out.toByteArray();
            assertThat(PayloadScanner.scan(bytes, 0, bytes.length)).isNull();
            assertSameAsReference(bytes);
        }
    }

    @Test
    void timestampsOfEveryLengthAndFormAreReadAsTheParserReadsThem() throws IOException {
        String head = "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":[";
        for (int digits = 1; digits <= 21; digits++) {
            String number = "1234567890123456789012".substring(0, digits);
            for (String form : List.of(number, "-" + number, "0" + number, number.replace('1', '9'),
                    number + ".0", number + "e2", number + "x", number.substring(0, digits - 1) + ":",
                    number.substring(0, digits - 1) + "/")) {
                for (String event : List.of("{\"id\":\"1\",\"timestamp\":" + form + ",\"message\":\"m\"}",
                        "{\"id\":\"1\",\"message\":\"m\",\"timestamp\":" + form + "}")) {
                    byte[] bytes = (head + event + "]}").getBytes(UTF_8);
                    assertSameAsReference(bytes);
                    if (digits <= 18 && (form.equals(number) || form.equals("-" + number))) {
                        assertThat(PayloadScanner.scan(bytes, 0, bytes.length)).as(event).isNotNull()
                                .isEqualTo(reference(bytes).get(0));
                    }
                }
            }
        }
    }

    @Test
    void randomlyDamagedPayloadsFailOrDecodeAsTheParserDecides() throws IOException {
        byte[] valid = ("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"subscriptionFilters\":[\"f\"],\"logEvents\":[{\"id\":\"12\",\"timestamp\":1700000000000,"
                + "\"message\":\"a \\\"q\\\" é\\n\"},{\"id\":\"13\",\"timestamp\":5,\"message\":\"b\",\"x\":[1,{}]}]}")
                .getBytes(UTF_8);
        byte[] alphabet = "{}[]:,\"\\ntu01-.eE \u0001a/".getBytes(UTF_8);
        SplittableRandom random = new SplittableRandom(9);
        for (int round = 0; round < 3000; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = random.nextInt(valid.length);
            int kind = random.nextInt(3);
            out.write(valid, 0, at);
            if (kind != 2) {
                out.write(random.nextInt(8) == 0 ? (byte) (0x80 + random.nextInt(0x80)) : alphabet[random.nextInt(
                        alphabet.length)]);
            }
            int skip = kind == 0 ? 0 : 1;
            out.write(valid, at + skip, valid.length - at - skip);
            assertSameAsReference(out.toByteArray());
        }
    }

    @Test
    void lambdaEventsInEveryShapeDecodeAsTheParserDoes() throws IOException {
        String json = trickyPayload();
        String data = base64(gzip(json.getBytes(UTF_8)));
        assertThat(data).contains("/");
        List<CloudWatchPayload> expected = reference(lambdaEvent(json));
        assertThat(expected.get(0).logEvents()).isEqualTo(trickyEvents());
        List<String> events = List.of(
                "{\"awslogs\":{\"data\":\"" + data + "\"}}",
                " \n{ \"awslogs\" :\t{\r\n \"data\" : \"" + data + "\" \n} } \n",
                // JSON may escape '/' as "\/": not base64 as it stands, the parser's path unescapes it
                "{\"awslogs\":{\"data\":\"" + data.replace("/", "\\/") + "\"}}",
                "{\"awslogs\":{\"data\":\"" + data.replace("=", "") + "\"}}",
                "{\"awslogs\":{\"type\":\"x\",\"data\":\"" + data + "\"}}",
                "{\"awslogs\":{\"data\":\"" + data + "\",\"type\":\"x\"}}",
                "{\"source\":\"aws.logs\",\"awslogs\":{\"data\":\"" + data + "\"}}",
                "{\"awslogs\":{\"data\":\"" + data + "\"},\"extra\":[1,2]}",
                "{\"\\u0061wslogs\":{\"d\\u0061ta\":\"" + data + "\"}}",
                "{\"awslogs\":{\"data\":\"" + data + "\"}}\n{\"awslogs\":{\"data\":\"" + data + "\"}}",
                "[{\"awslogs\":{\"data\":\"" + data + "\"}}]",
                new String(CloudWatchFixtures.onFailureRecord(lambdaEvent(json)), UTF_8));
        for (String event : events) {
            byte[] bytes = event.getBytes(UTF_8);
            List<CloudWatchPayload> decoded = fast(bytes);
            assertThat(decoded).as(event.substring(0, 60)).isEqualTo(reference(bytes));
            assertThat(decoded.get(0)).isEqualTo(expected.get(0));
        }
    }

    @Test
    void badDataInTheLambdaEventFailsAsBefore() throws IOException {
        byte[] gz = gzip(trickyPayload().getBytes(UTF_8));
        byte[] corrupt = gz.clone();
        corrupt[gz.length / 2] ^= 0x55;
        byte[] badTrailer = gz.clone();
        badTrailer[gz.length - 6] ^= 0x01;
        // inflated whole, corrupt data is caught by the CRC before the parser sees it (the stream's parser may
        // fail first on the garbage)
        assertThat(error(CloudWatchFixtures.lambdaEventWithData(base64(corrupt)))).startsWith(
                "awslogs.data is corrupt gzip: ");
        assertThatThrownBy(() -> reference(CloudWatchFixtures.lambdaEventWithData(base64(corrupt))))
                .isInstanceOf(InvalidInputException.class);
        for (String data : List.of("not base64!", "H4sI", "QUJD", base64(badTrailer),
                base64(java.util.Arrays.copyOf(gz, gz.length - 4)), base64(java.util.Arrays.copyOf(gz, 5)),
                base64("{\"messageType\":".getBytes(UTF_8)), "", "\\u0048")) {
            assertSameAsReference(CloudWatchFixtures.lambdaEventWithData(data));
        }
        assertThat(error(CloudWatchFixtures.lambdaEventWithData(base64(badTrailer))))
                .isEqualTo("awslogs.data is corrupt gzip: Corrupt GZIP trailer");
    }

    @Test
    void base64TextThatIsNotBase64FailsAlikeOnBothPaths() throws IOException {
        String gz = base64(gzip(trickyPayload().getBytes(UTF_8)));
        // an illegal character (the fuzzer's "7b" against "0x7b"), a dangling byte, text after the padding
        for (String text : List.of("H4sIs {\"m:\":00}", "H4sI\u00e9", "H4sIA", "H4sIAA=A", gz + "*", gz + "==",
                gz.substring(0, gz.length() - 1), "H4sIAA==AAAA", gz + "\nH4sI")) {
            assertSameAsReference(text.getBytes(UTF_8));
        }
        assertThat(error("H4sIs {\"m:\":00}".getBytes(UTF_8))).isEqualTo("input is not base64: Illegal base64 character 0x7b");
        assertThat(error((gz.substring(0, gz.length() - 2) + "==AAAA").getBytes(UTF_8)))
                .isEqualTo("input is not base64: text after the padding");
    }

    @Test
    void gzipHeaderFieldsMembersAndTrailingBytesAreReadAsGzipInputStreamDoes() throws IOException {
        byte[] a = CloudWatchFixtures.payloadJson("/a", "s", trickyEvents()).getBytes(UTF_8);
        byte[] b = CloudWatchFixtures.payloadJson("/b", "s", CloudWatchFixtures.events("b", 3)).getBytes(UTF_8);
        byte[] plain = gzip(a);
        // the same member with FEXTRA, FNAME, FCOMMENT and FHCRC set
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(new byte[] {0x1F, (byte) 0x8B, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 0xFF});
        header.write(new byte[] {3, 0, 'x', 'y', 'z'});
        header.writeBytes("name.json\0".getBytes(UTF_8));
        header.writeBytes("a comment\0".getBytes(UTF_8));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(header.toByteArray());
        header.write((int) crc.getValue() & 0xFF);
        header.write((int) (crc.getValue() >> 8) & 0xFF);
        header.write(plain, 10, plain.length - 10);
        byte[] flagged = header.toByteArray();

        List<byte[]> inputs = List.of(flagged, concat(gzip(a), gzip(b)), concat(flagged, gzip(b)),
                concat(gzip(b), "trailing bytes that are not gzip".getBytes(UTF_8)), concat(gzip(b), new byte[] {0x1F}));
        for (byte[] input : inputs) {
            assertSameAsReference(input);
            assertThat(fast(input).get(0).logGroup()).isIn("/a", "/b");
        }
        assertThat(fast(concat(gzip(a), gzip(b)))).extracting(CloudWatchPayload::logGroup).containsExactly("/a", "/b");

        byte[] badHeaderCrc = flagged.clone();
        badHeaderCrc[10 + 5 + 10 + 10] ^= 1;
        byte[] badMethod = plain.clone();
        badMethod[2] = 7;
        for (byte[] input : List.of(badHeaderCrc, badMethod, java.util.Arrays.copyOf(plain, 6),
                java.util.Arrays.copyOf(flagged, 20), java.util.Arrays.copyOf(plain, plain.length - 3),
                java.util.Arrays.copyOf(plain, plain.length / 2))) {
            assertSameAsReference(input);
        }
        assertThat(error(java.util.Arrays.copyOf(plain, 6)))
                .isEqualTo("input is truncated gzip: it ends inside the gzip header");
        assertThat(error(java.util.Arrays.copyOf(plain, plain.length - 3)))
                .startsWith("input is truncated gzip: the data ends before the gzip stream does");
    }

    @Test
    void largeInputsAndPayloadsAreStreamed() throws IOException {
        // 17 MiB of JSON: past the in-memory limits of both the input and the inflated payload
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            events.add(new LogEvent(eventId(i), i, ("event " + i + " ").repeat(200_000).substring(0, 1 << 20)));
        }
        byte[] json = CloudWatchFixtures.payloadJson("/big", "s", events).getBytes(UTF_8);
        assertThat(json.length).isGreaterThan(17 << 20);
        byte[] gz = gzip(json);

        assertThat(fast(gz).get(0).logEvents()).isEqualTo(events);
        assertThat(fast(json).get(0).logEvents()).isEqualTo(events);
        assertThat(error(gz, 16L << 20)).isEqualTo(
                "input: the decoded payload is larger than the limit of 16 MiB (a gzip bomb, or raise the limit)");
        assertThat(error(gz, 17L << 20)).contains("larger than the limit of 17 MiB");
        assertThat(new PayloadDecoder(18L << 20).decode(new ByteArrayInputStream(gz), "input")).hasSize(1);
    }

    @Test
    void reusedBuffersNeverLeakAnEarlierInput() throws IOException {
        byte[] large = gzip(trickyPayload().getBytes(UTF_8));
        byte[] small = gzip(CloudWatchFixtures.payloadJson("/s", "s", CloudWatchFixtures.events("s", 2)).getBytes(UTF_8));
        // the small payload cut short: inflated into the buffer the large one left full of its bytes
        byte[] truncated = gzip(CloudWatchFixtures.payloadJson("/s", "s", CloudWatchFixtures.events("s", 2))
                .substring(0, 150).getBytes(UTF_8));
        for (byte[] input : List.of(large, small, large, truncated, large, small)) {
            assertSameAsReference(input);
        }
        // the same for the input buffer: a short input read into the array a long one left behind
        byte[] event = lambdaEvent(trickyPayload());
        for (byte[] input : List.of(event, "{\"awslogs\":{\"data\":\"H4sI".getBytes(UTF_8), event,
                "{\"awslogs\":".getBytes(UTF_8), event, "{}".getBytes(UTF_8))) {
            assertSameAsReference(input);
        }
        assertThat(fast(small).get(0).logEvents()).isEqualTo(CloudWatchFixtures.events("s", 2));
    }

    @Test
    void oneTrailingLineBreakWrittenAsAnEscapeIsStrippedAsTheParserDoes() throws IOException {
        String head = "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":[";
        List<String> messages = List.of("a\\n", "a\\r\\n", "\\n", "\\r\\n", "a\\n\\n", "é\\r\\n", "😀\\n",
                "\\u00e9\\u000a", "a\\r", "\\u0000\\n", "a\\n\\r");
        StringBuilder json = new StringBuilder(head);
        for (int i = 0; i < messages.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"timestamp\":1,\"message\":\"")
                    .append(messages.get(i)).append("\"}");
        }
        byte[] bytes = json.append("]}").toString().getBytes(UTF_8);
        CloudWatchPayload scanned = PayloadScanner.scan(bytes, 0, bytes.length);
        assertThat(scanned).isNotNull();
        assertThat(scanned.logEvents()).extracting(LogEvent::message).containsExactly("a", "a", "", "", "a\n", "é", "😀",
                "é", "a\r", "\u0000", "a\n\r");
        assertThat(List.of(scanned)).isEqualTo(reference(bytes));
        assertSameAsReference(bytes);
    }

    @Test
    void eventsKeepTheirMessagesAfterTheBuffersAreReused() throws IOException {
        byte[] json = trickyPayload().getBytes(UTF_8);
        byte[] other = CloudWatchFixtures.payloadJson("/o", "o", CloudWatchFixtures.events("o", 300)).getBytes(UTF_8);
        for (byte[] input : List.of(json, gzip(json), lambdaEvent(trickyPayload()))) {
            List<CloudWatchPayload> kept = fast(input); // no message read yet: none decoded to a String
            fast(gzip(other));
            fast(lambdaEvent(new String(other, UTF_8)));
            assertThat(kept.get(0).logEvents()).isEqualTo(trickyEvents());
        }
    }

    @Test
    void manyMessagesOfEverySizeSpanTheArenaAsTheParserReadsThem() throws IOException {
        Random random = new Random(20261202);
        String[] pieces = {"a", "plain words ", "é", "✓", "😀", "\n", "\"", "\\", "\u0000", "\uFFFD", "\t", "x"};
        for (int round = 0; round < 20; round++) {
            List<LogEvent> events = new ArrayList<>();
            int count = 1 + random.nextInt(400);
            for (int i = 0; i < count; i++) {
                StringBuilder sb = new StringBuilder();
                int length = random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(200);
                while (sb.length() < length) {
                    sb.append(pieces[random.nextInt(pieces.length)]);
                }
                // (a trailing line break would be stripped twice: once here, once when decoded)
                events.add(new LogEvent(eventId(i), i, sb.append('.').toString()));
            }
            byte[] bytes = CloudWatchFixtures.payloadJson("/g", "s", events).getBytes(UTF_8);
            CloudWatchPayload scanned = PayloadScanner.scan(bytes, 0, bytes.length);
            assertThat(scanned).isNotNull();
            assertThat(scanned.logEvents()).isEqualTo(events);
            assertThat(List.of(scanned)).isEqualTo(reference(bytes));
        }
    }

    @Test
    void theCapCountsTheInflatedBytesOnEveryPath() throws IOException {
        byte[] json = trickyPayload().getBytes(UTF_8);
        for (byte[] input : List.of(json, gzip(json), lambdaEvent(trickyPayload()))) {
            assertThat(error(input, json.length - 1)).contains("larger than the limit of");
        }
        assertThat(new PayloadDecoder(json.length).decode(new ByteArrayInputStream(gzip(json)), "input")).hasSize(1);
    }

    // -------------------------------------------------------------------------------------------------------------

    private static List<CloudWatchPayload> fast(byte[] input) throws IOException {
        return new PayloadDecoder(CAP).decode(new ByteArrayInputStream(input), "input");
    }

    private static List<CloudWatchPayload> reference(byte[] input) throws IOException {
        return PayloadDecoder.streamingOnly(CAP).decode(new ByteArrayInputStream(input), "input");
    }

    /** Both paths decode the same payloads, or fail with the same message. */
    private static void assertSameAsReference(byte[] input) throws IOException {
        String what = new String(input, 0, Math.min(input.length, 200), UTF_8);
        Object expected;
        try {
            expected = reference(input);
        } catch (InvalidInputException e) {
            expected = e.getMessage();
        }
        Object actual;
        try {
            actual = fast(input);
        } catch (InvalidInputException e) {
            actual = e.getMessage();
        }
        assertThat(actual).as(what).isEqualTo(expected);
    }

    private static String error(byte[] input) throws IOException {
        return error(input, CAP);
    }

    private static String error(byte[] input, long cap) throws IOException {
        try {
            new PayloadDecoder(cap).decode(new ByteArrayInputStream(input), "input");
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded without error");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
