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
import java.io.CharConversionException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The CloudWatch payload decoder given any bytes in every envelope it reads: the first byte picks the
 * envelope, the rest is what the envelope carries (mostly the JSON the fuzzer grows). Properties: decoded
 * payloads or an {@link InvalidInputException}, nothing else (no JVM error, no parser exception leaking);
 * no payload decodes to more than the cap; and the in-memory fast paths ({@link PayloadScanner}, one-array
 * gunzip, in-place base64) give exactly what the streaming Jackson path gives, payloads or error message,
 * as {@code PayloadDecoderTest}'s differential tests require. Regression inputs:
 * {@code PayloadDecoderFuzzTestInputs/envelopes/}; fuzz with bench/fuzz.
 *
 * <p>KNOWN BUGS, handed over (found by this target on 2026-12-01, not fixed here because the decoder is
 * being changed on another branch); their inputs are kept in {@code PayloadDecoderFuzzTestKnownCrashes/}
 * (see its README) and replayed by the disabled {@link #knownCrashes()}:
 * <ol>
 * <li>JSON whose first bytes hold NULs (00 00 00 xx, xx 00 00 00 ...) makes Jackson's encoding detection
 * read it as UTF-32 and throw {@link CharConversionException}, an IOException the decoder lets through
 * instead of an InvalidInputException, on the streaming and the fast path alike. While it stands,
 * {@link #outcome} records that exception instead of failing, so that fuzzing still looks for the rest.</li>
 * <li>An unknown {@code messageType} is quoted raw in the error: a line break in it makes a multi-line
 * error (a payload can write a line of its own into the CLI's or the Lambda function's log).</li>
 * <li>Not base64: the fast path says "Illegal base64 character 7b", the Jackson path "... 0x7b".</li>
 * </ol>
 * Remove the tolerance, move the files to the inputs directory and delete {@link #knownCrashes()} once fixed.
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
            assertThat(message).isNotBlank().doesNotContain("\n");
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
        } catch (CharConversionException e) {
            if (!knownBugTolerated) {
                throw e;
            }
            return "KNOWN BUG (see the class comment): " + e.getClass().getSimpleName();
        }
    }

    /** False in {@link #knownCrashes()}: there the known bug must fail. */
    private static boolean knownBugTolerated = true;

    @Test
    @Disabled("known decoder bugs, handed over: CharConversionException leaks, messageType quoted with its line breaks, base64 error differs between paths (see the class comment)")
    void knownCrashes() throws IOException, URISyntaxException {
        knownBugTolerated = false;
        try (Stream<Path> files = Files.list(Path.of(getClass().getResource("PayloadDecoderFuzzTestKnownCrashes").toURI()))) {
            for (Path file : files.sorted().toList()) {
                envelopes(Files.readAllBytes(file));
            }
        } finally {
            knownBugTolerated = true;
        }
    }
}
