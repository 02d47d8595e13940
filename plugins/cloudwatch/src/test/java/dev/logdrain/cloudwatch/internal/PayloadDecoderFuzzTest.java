package dev.logdrain.cloudwatch.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.base64;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEventWithData;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.onFailureRecord;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The CloudWatch payload decoder given any bytes in every envelope it reads: the first byte picks the
 * envelope, the rest is what the envelope carries (mostly the JSON the fuzzer grows). Properties: decoded
 * payloads or an {@link InvalidInputException}, nothing else (no JVM error, no parser exception leaking);
 * no payload decodes to more than the cap; and the in-memory fast paths ({@link PayloadScanner}, one-array
 * gunzip, in-place base64) give exactly what the streaming Jackson path gives, payloads or error message,
 * as {@code PayloadDecoderTest}'s differential tests require. Regression inputs:
 * {@code PayloadDecoderFuzzTestInputs/envelopes/}; fuzz with bench/fuzz.
 *
 * <p>The first findings (2026-12-01: a NUL at the start taken for UTF-32, a line break quoted in an error,
 * two wordings of one base64 error) are fixed and kept there as regression inputs.
 */
class PayloadDecoderFuzzTest {

    /** Small, so that the fuzzer's few KB of gzip can reach it. */
    private static final long CAP = 256 * 1024;

    enum Envelope { RAW, GZIP, BASE64, LAMBDA_EVENT, KINESIS_DATA, ON_FAILURE_RECORD }

    @FuzzTest
    void envelopes(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Envelope envelope = Envelope.values()[(input[0] & 0xFF) % Envelope.values().length];
        byte[] content = Arrays.copyOfRange(input, 1, input.length);
        byte[] wrapped = switch (envelope) {
            case RAW -> content;
            case GZIP, KINESIS_DATA -> gzip(content);
            case BASE64 -> base64(gzip(content)).getBytes(US_ASCII);
            case LAMBDA_EVENT -> lambdaEventWithData(base64(gzip(content)));
            case ON_FAILURE_RECORD -> onFailureRecord(lambdaEventWithData(base64(gzip(content))));
        };

        Object reference = outcome(() -> PayloadDecoder.streamingOnly(CAP).decode(new ByteArrayInputStream(wrapped), "input"));
        Object fast = envelope == Envelope.KINESIS_DATA
                ? outcome(() -> new PayloadDecoder(CAP).decode(wrapped, "input"))
                : outcome(() -> new PayloadDecoder(CAP).decode(new ByteArrayInputStream(wrapped), "input"));

        assertThat(fast).as("fast path vs Jackson, %s", envelope).isEqualTo(reference);
        if (reference instanceof String message) {
            assertThat(message).isNotBlank().doesNotContain("\n", "\r", "\u2028", "\u2029").hasSizeLessThan(1000);
        } else {
            @SuppressWarnings("unchecked")
            List<CloudWatchPayload> payloads = (List<CloudWatchPayload>) reference;
            for (CloudWatchPayload payload : payloads) {
                long chars = payload.logEvents().stream().map(LogEvent::message).mapToLong(String::length).sum();
                assertThat(chars).as("characters decoded").isLessThanOrEqualTo(CAP);
            }
        }
    }

    private interface Decoding {
        List<CloudWatchPayload> run() throws IOException;
    }

    /** The payloads, or the message of the InvalidInputException; any other exception is a finding. */
    private static Object outcome(Decoding decoding) throws IOException {
        try {
            return decoding.run();
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }
}
