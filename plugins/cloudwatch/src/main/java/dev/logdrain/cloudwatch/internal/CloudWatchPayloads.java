package dev.logdrain.cloudwatch.internal;

import dev.logdrain.cloudwatch.DecodeLimits;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.SourceResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes CloudWatch Logs subscription payloads. Memory stays bounded: an input of up to 16 MiB (a Lambda
 * event is at most 6 MB) and a decoded payload of up to 16 MiB of JSON are decoded in memory, the fastest
 * way; larger ones are streamed (base64 decoded and gzip inflated as they are read, JSON parsed token by
 * token). The input is recognised by its first bytes:
 * <ul>
 *   <li>gzip data (Kinesis or Firehose record data, a file from S3),</li>
 *   <li>JSON: the Lambda event {@code {"awslogs":{"data":"BASE64"}}}, a Lambda on-failure destination record
 *       that wraps that event in {@code requestPayload}, the decoded payload itself
 *       ({@code {"messageType":...,"logEvents":[...]}}), an array of these, or several back to back,</li>
 *   <li>base64 text of gzip data (starts with {@code H4sI}).</li>
 * </ul>
 * Unknown fields are ignored. Either every payload of the input is returned or an
 * {@link InvalidInputException} names what was wrong (not base64, not gzip, truncated gzip, not JSON, a
 * missing field, a duplicate key, too large): an input is never half-decoded. The JSON bytes decoded from one
 * input are capped ({@link #DEFAULT_MAX_PAYLOAD_BYTES} unless told otherwise) so that a gzip bomb fails fast,
 * and so are the length of a string, the number of events and the nesting, by {@link DecodeLimits} derived
 * from the heap: no input can exhaust it.
 *
 * <p>Control messages are returned as payloads ({@link CloudWatchPayload#isControlMessage()}); {@link #result}
 * counts and drops them.
 */
public final class CloudWatchPayloads {

    /** 64 MiB of decompressed JSON per input. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 64L * 1024 * 1024;

    private CloudWatchPayloads() {
    }

    /** Decodes every payload of {@code in} with the default size cap. */
    public static List<CloudWatchPayload> read(InputStream in) throws IOException {
        return read(in, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /**
     * Decodes every payload of {@code in}.
     *
     * @param maxPayloadBytes the most JSON bytes (after base64 and gzip decoding) to read from this input
     * @throws InvalidInputException when the input is malformed or too large, with a one-line message
     * @throws IOException           when reading {@code in} fails
     */
    public static List<CloudWatchPayload> read(InputStream in, long maxPayloadBytes) throws IOException {
        return read(in, DecodeLimits.forThisJvm(maxPayloadBytes));
    }

    /** As {@link #read(InputStream, long)} with the limits given. */
    public static List<CloudWatchPayload> read(InputStream in, DecodeLimits limits) throws IOException {
        return new PayloadDecoder(limits).decode(in, "input");
    }

    /**
     * Decodes the data of one Kinesis or Firehose record: gzip data, base64 text of it, or JSON.
     *
     * @throws InvalidInputException when the data is malformed or too large
     */
    public static List<CloudWatchPayload> decodeRecordData(byte[] data) {
        return decodeRecordData(data, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** As {@link #decodeRecordData(byte[])} with a size cap. */
    public static List<CloudWatchPayload> decodeRecordData(byte[] data, long maxPayloadBytes) {
        return decodeRecordData(data, DecodeLimits.forThisJvm(maxPayloadBytes));
    }

    /** As {@link #decodeRecordData(byte[])} with the limits given. */
    public static List<CloudWatchPayload> decodeRecordData(byte[] data, DecodeLimits limits) {
        try {
            return new PayloadDecoder(limits).decode(data, "record data");
        } catch (IOException e) {
            // a byte array cannot fail to read; a decoding problem is an InvalidInputException
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gzip data as it is inflated: every member one after another, as gunzip reads them (but without
     * {@code GZIPInputStream}'s recursion per member and its stop at a pipe that has nothing available yet).
     * Closing it frees the inflater, not {@code in}.
     *
     * @param where names the input in error messages, e.g. {@code input}
     * @throws InvalidInputException (also from its reads) when the data is not gzip, is corrupt or truncated, or
     *                               has more than {@link DecodeLimits#MAX_GZIP_MEMBERS} members
     */
    public static InputStream gunzip(InputStream in, String where) throws IOException {
        return new GzipStream(in, where, DecodeLimits.MAX_GZIP_MEMBERS);
    }

    /**
     * What a host forwards: the data messages as batches, in order, and the control messages counted. The only
     * place where control messages are told from data messages.
     *
     * @param where names the input, e.g. {@code line 3, at requestPayload}; each batch's origin when there is one
     *              payload, else {@code where} and the payload's number
     */
    public static SourceResult result(List<CloudWatchPayload> payloads, String where) {
        List<SourceResult.Located> batches = new ArrayList<>(payloads.size());
        int control = 0;
        for (int i = 0; i < payloads.size(); i++) {
            CloudWatchPayload payload = payloads.get(i);
            if (payload.isControlMessage()) {
                control++;
            } else {
                String origin = payloads.size() == 1 ? where
                        : (where.isEmpty() ? "" : where + ", ") + "payload " + (i + 1) + " of " + payloads.size();
                batches.add(new SourceResult.Located(origin, payload.toBatch()));
            }
        }
        return new SourceResult(batches, control);
    }

    /**
     * Parses a size such as {@code 67108864}, {@code 64MiB}, {@code 512k} or {@code 1g} (binary units).
     *
     * @param what names the setting in the error message
     * @throws ConfigurationException when it is not a positive size
     */
    public static long parseSize(String text, String what) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
                {"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
                {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}}) {
            if (s.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                s = s.substring(0, s.length() - suffix[0].length()).strip();
                break;
            }
        }
        try {
            long value = Long.parseLong(s);
            if (value > 0 && value <= Long.MAX_VALUE / unit) {
                return value * unit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(what + "=" + ErrorText.quoted(text) + " is not a size: write bytes or a number with "
                + "KiB, MiB or GiB, e.g. 64MiB");
    }
}
