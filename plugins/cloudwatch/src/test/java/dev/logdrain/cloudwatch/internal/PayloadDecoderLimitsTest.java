package dev.logdrain.cloudwatch.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEventWithData;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.base64;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.cloudwatch.DecodeLimits;
import dev.logdrain.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against the decoder's limits and strictness: duplicate keys, huge strings, millions of events,
 * deep nesting, thousands of empty gzip members. Every case ends in one clear {@link InvalidInputException}
 * (or the payload), the same on the fast paths as on the streaming Jackson path.
 */
class PayloadDecoderLimitsTest {

    private static final long MIB = 1024 * 1024;
    /** The limits of a 96 MiB heap (what a 128 MB Lambda function has, roughly). */
    private static final DecodeLimits SMALL = DecodeLimits.forHeap(96 * MIB, 64 * MIB);

    private static final String HEAD = "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":";
    private static final String EVENT = "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\"}";

    @Test
    void limitsFollowTheHeap() {
        assertThat(SMALL.maxDecodedBytes()).isEqualTo(16 * MIB); // a sixth of the heap
        assertThat(SMALL.maxStringBytes()).isEqualTo(6 * MIB);
        assertThat(SMALL.maxEvents()).isEqualTo(24 * MIB / DecodeLimits.EVENT_COST);
        assertThat(SMALL.decodedBytesFromHeap()).isTrue();
        DecodeLimits large = DecodeLimits.forHeap(4096 * MIB, 64 * MIB);
        assertThat(large.maxDecodedBytes()).isEqualTo(64 * MIB);
        assertThat(large.decodedBytesFromHeap()).isFalse();
        assertThat(large.maxEvents()).isEqualTo((int) (1024 * MIB / DecodeLimits.EVENT_COST));
        assertThat(DecodeLimits.forHeap(8 * MIB, 64 * MIB).maxStringBytes()).isEqualTo((int) MIB);
    }

    @Test
    void aDuplicateKeyAnywhereIsAnErrorThatNamesIt() throws IOException {
        String events = "[" + EVENT + "]";
        List<String[]> cases = List.of(
                new String[] {HEAD + events + ",\"logEvents\":[]}", "logEvents"},
                new String[] {"{\"messageType\":\"DATA_MESSAGE\"," + HEAD.substring(1) + events + "}", "messageType"},
                new String[] {HEAD + events + ",\"logGroup\":\"other\"}", "logGroup"},
                new String[] {"{\"owner\":\"1\",\"owner\":\"2\"," + HEAD.substring(1) + events + "}", "owner"},
                new String[] {"{\"subscriptionFilters\":[],\"subscriptionFilters\":[]," + HEAD.substring(1) + events + "}",
                        "subscriptionFilters"},
                new String[] {HEAD + events + ",\"policyLevel\":\"a\",\"policyLevel\":\"b\"}", "policyLevel"},
                new String[] {HEAD + "[{\"id\":\"1\",\"id\":\"2\",\"timestamp\":1,\"message\":\"m\"}]}", "id"},
                new String[] {HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"timestamp\":2,\"message\":\"m\"}]}", "timestamp"},
                new String[] {HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"message\":\"forged\"}]}", "message"},
                new String[] {HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"x\":1,\"x\":2}]}", "x"},
                new String[] {HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"extractedFields\":{\"a\":{\"b\":1,"
                        + "\"b\":2}}}]}", "b"},
                new String[] {"{\"awslogs\":{\"data\":\"" + base64(gzip((HEAD + events + "}").getBytes(UTF_8)))
                        + "\",\"data\":\"x\"}}", "data"},
                new String[] {"{\"requestPayload\":" + HEAD + events + "},\"requestPayload\":{}}", "requestPayload"});
        for (String[] c : cases) {
            byte[] json = c[0].getBytes(UTF_8);
            String expected = "duplicate key '" + c[1] + "' in a JSON object";
            assertThat(PayloadScanner.scan(json, 0, json.length)).as(c[0]).isNull();
            for (byte[] input : List.of(json, gzip(json), lambdaEventWithData(base64(gzip(json))))) {
                assertThat(fast(input, SMALL)).as(c[0]).contains(expected);
                assertThat(reference(input, SMALL)).as(c[0]).isEqualTo(fast(input, SMALL));
            }
        }
        // the same names in different objects are no duplicates
        String fine = HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"x\":{\"id\":2,\"x\":{\"x\":[{\"x\":1},"
                + "{\"x\":2}]}},\"y\":1},{\"id\":\"2\",\"timestamp\":1,\"message\":\"m\",\"x\":1}],\"x\":1}";
        byte[] json = fine.getBytes(UTF_8);
        assertThat(PayloadScanner.scan(json, 0, json.length)).isNotNull();
        assertThat(decode(gzip(json), SMALL).get(0).logEvents()).hasSize(2);
        // and so are many keys, which the scanner leaves to the parser
        StringBuilder keys = new StringBuilder(HEAD + "[" + EVENT + "]");
        for (int i = 0; i < 40; i++) {
            keys.append(",\"k").append(i).append("\":").append(i);
        }
        byte[] many = keys.append('}').toString().getBytes(UTF_8);
        assertThat(decode(many, SMALL).get(0).logEvents()).hasSize(1);
        assertThat(fast(concat(many, "{\"k3\":1}".getBytes(UTF_8)), SMALL)).isEqualTo(reference(concat(many,
                "{\"k3\":1}".getBytes(UTF_8)), SMALL));
    }

    @Test
    void aStringLongerThanTheLimitFailsBeforeItIsHeld() throws IOException {
        DecodeLimits limits = new DecodeLimits(64 * MIB, 1000, 1000, 100, 100, 96 * MIB);
        byte[] ok = (HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"" + "é".repeat(500) + "\"}]}").getBytes(UTF_8);
        byte[] escaped = (HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"" + "\\n".repeat(1000) + "\"}]}").getBytes(UTF_8);
        byte[] tooLong = (HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"" + "x".repeat(1001) + "\"}]}").getBytes(UTF_8);
        byte[] longGroup = ("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"" + "g".repeat(5000) + "\",\"logStream\":\"s\","
                + "\"logEvents\":[]}").getBytes(UTF_8);
        for (byte[] input : List.of(ok, escaped, gzip(ok), gzip(escaped))) {
            assertThat(decode(input, limits)).hasSize(1);
            assertThat(fast(input, limits)).isEqualTo(reference(input, limits));
        }
        for (byte[] input : List.of(tooLong, gzip(tooLong), longGroup, gzip(longGroup))) {
            assertThat(fast(input, limits)).startsWith("input: a JSON string is longer than the limit of 1000 bytes "
                    + "(the most this JVM's heap of 96 MiB allows; give it more memory)");
            assertThat(reference(input, limits)).isEqualTo(fast(input, limits));
        }
    }

    @Test
    void aOneGigabyteStringBombFailsWithinTheLimitsOfASmallHeap() throws IOException {
        byte[] bomb = CloudWatchFixtures.stringBomb(1L << 30);
        assertThat(bomb.length).isLessThan(2 << 20);
        byte[] event = lambdaEventWithData(base64(bomb));
        // in memory the gzip trailer's size (1 GiB) is refused before anything is inflated
        assertThat(fast(event, SMALL)).isEqualTo("awslogs.data: the decoded payload is larger than the limit of 16 MiB "
                + "(a gzip bomb? a sixth of the heap, the most this JVM's heap of 96 MiB allows; give it more memory)");
        assertThat(fast(bomb, SMALL)).startsWith("input: a JSON string is longer than the limit of 6 MiB"); // streamed
        assertThat(reference(bomb, SMALL)).isEqualTo(fast(bomb, SMALL));
        // with a string limit above the byte cap, the byte cap stops it
        DecodeLimits bytesFirst = new DecodeLimits(4 * MIB, (int) (8 * MIB), 1000, 100, 100, 96 * MIB);
        assertThat(fast(bomb, bytesFirst)).isEqualTo("input: the decoded payload is larger than the limit of 4 MiB "
                + "(a gzip bomb, or raise the limit)");
        assertThat(fast(bomb, SMALL.withMaxDecodedBytes(3 * MIB))).startsWith(
                "input: the decoded payload is larger than the limit of 3 MiB");
    }

    @Test
    void moreEventsThanTheLimitFailOnEveryPath() throws IOException {
        DecodeLimits limits = new DecodeLimits(64 * MIB, 1000, 3, 100, 100, 96 * MIB);
        byte[] three = (HEAD + "[" + EVENT + "," + EVENT + "," + EVENT + "]}").getBytes(UTF_8);
        byte[] four = (HEAD + "[" + EVENT + "," + EVENT + "," + EVENT + "," + EVENT + "]}").getBytes(UTF_8);
        byte[] twoAndTwo = (HEAD + "[" + EVENT + "," + EVENT + "]}" + HEAD + "[" + EVENT + "," + EVENT + "]}").getBytes(UTF_8);
        assertThat(decode(three, limits).get(0).logEvents()).hasSize(3);
        assertThat(decode(gzip(three), limits).get(0).logEvents()).hasSize(3);
        for (byte[] input : List.of(four, gzip(four), twoAndTwo, concat(gzip(three), gzip(three)),
                lambdaEventWithData(base64(gzip(four))))) {
            assertThat(fast(input, limits)).contains("more than 3 log events (the most this JVM's heap of 96 MiB "
                    + "allows; give it more memory)");
            assertThat(reference(input, limits)).isEqualTo(fast(input, limits));
        }
    }

    @Test
    void onePointFiveMillionTinyEventsFailWithinTheLimitsOfASmallHeap() throws IOException {
        byte[] many = CloudWatchFixtures.manyTinyEvents(1_500_000);
        assertThat(many.length).isLessThan(400_000);
        String error = fast(lambdaEventWithData(base64(many)), SMALL);
        assertThat(error).startsWith("awslogs.data: ");
        assertThat(error).containsAnyOf("more than " + SMALL.maxEvents() + " log events",
                "the decoded payload is larger than the limit of 16 MiB");
        // the event limit on its own
        DecodeLimits eventsFirst = SMALL.withMaxDecodedBytes(1024 * MIB);
        assertThat(fast(many, eventsFirst)).startsWith("input: more than " + SMALL.maxEvents() + " log events");
        assertThat(reference(many, eventsFirst)).isEqualTo(fast(many, eventsFirst));
    }

    @Test
    void nestingDeeperThanTheLimitFails() throws IOException {
        String deep = "[".repeat(150) + "]".repeat(150);
        byte[] input = (HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"x\":" + deep + "}]}").getBytes(UTF_8);
        assertThat(fast(input, SMALL)).startsWith("input: JSON nested more than 100 levels deep");
        assertThat(reference(input, SMALL)).isEqualTo(fast(input, SMALL));
        String fine = "[".repeat(90) + "]".repeat(90);
        byte[] ok = (HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"x\":" + fine + "}]}").getBytes(UTF_8);
        assertThat(decode(ok, SMALL)).hasSize(1);
    }

    @Test
    void tenThousandEmptyGzipMembersBeforeAPayloadAreReadInALoop() throws IOException {
        byte[] payload = gzip((HEAD + "[" + EVENT + "]}").getBytes(UTF_8));
        byte[] input = concat(CloudWatchFixtures.emptyGzipMembers(10_000), payload);
        for (byte[] shape : List.of(input, lambdaEventWithData(base64(input)), base64(input).getBytes(UTF_8))) {
            assertThat(decode(shape, SMALL).get(0).logEvents()).hasSize(1);
            assertThat(fast(shape, SMALL)).isEqualTo(reference(shape, SMALL));
        }
        // streamed (past the in-memory limit), with a stream that hands out a few bytes at a time
        List<CloudWatchPayload> streamed = new PayloadDecoder(SMALL).decode(new Trickle(concat(input,
                new byte[17 << 20])), "input");
        assertThat(streamed.get(0).logEvents()).hasSize(1);

        DecodeLimits fewMembers = new DecodeLimits(64 * MIB, 1000, 1000, 100, 100, 96 * MIB);
        for (byte[] shape : List.of(input, lambdaEventWithData(base64(input)))) {
            assertThat(fast(shape, fewMembers)).endsWith("is gzip of more than 100 members");
            assertThat(reference(shape, fewMembers)).isEqualTo(fast(shape, fewMembers));
        }
    }

    // -------------------------------------------------------------------------------------------------------------

    private static List<CloudWatchPayload> decode(byte[] input, DecodeLimits limits) throws IOException {
        return new PayloadDecoder(limits).decode(new ByteArrayInputStream(input), "input");
    }

    /** The fast path's payloads as text, or its error message. */
    private static String fast(byte[] input, DecodeLimits limits) throws IOException {
        try {
            return String.valueOf(decode(input, limits));
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    private static String reference(byte[] input, DecodeLimits limits) throws IOException {
        try {
            return String.valueOf(PayloadDecoder.streamingOnly(limits).decode(new ByteArrayInputStream(input), "input"));
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** A pipe-like stream: a few bytes per read, nothing ever available() (GZIPInputStream stops there). */
    private static final class Trickle extends ByteArrayInputStream {
        Trickle(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 7));
        }

        @Override
        public synchronized int available() {
            return 0;
        }
    }
}
