package dev.logdrain.cloudwatch.internal;

import com.fasterxml.jackson.core.JsonFactory;
import dev.logdrain.cloudwatch.DecodeLimits;
import dev.logdrain.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The decoder of one input: sniffs it (gzip, JSON, base64 text) and decodes it. An input of up to 16 MiB (every
 * Lambda event) is read into memory: the usual Lambda event's base64 is then decoded in place by
 * {@code java.util.Base64}, gzip is inflated by one raw {@code Inflater} ({@link GzipBytes}) into one array (up to
 * 16 MiB of JSON, from the {@link BufferPool}) and the usual payload is read by {@link PayloadScanner}. Anything
 * else (other shapes, escapes in the base64, errors) goes to the {@link JacksonPayloadReader}, as do larger
 * inputs, which are streamed ({@link Base64Text}, {@link GzipStream}) so that memory stays bounded. One instance
 * per input: its {@link DecodeBudget} counts the JSON bytes and the events against the {@link DecodeLimits}, which
 * also cap the length of a string, the nesting and the gzip members; a duplicate key is an error on both paths.
 * {@link #decode(InputStream, String)} is the stable entry point (fuzz tests call it).
 */
public final class PayloadDecoder {

    /** Base64 of a gzip header (1f 8b 08). */
    private static final byte[] BASE64_GZIP = {'H', '4', 's', 'I'};

    /** Decoded payloads of up to this many bytes of JSON are inflated whole; larger ones are streamed. */
    private static final int WHOLE_JSON_LIMIT = 16 * 1024 * 1024;

    /** The buffers each thread used last for inputs and for inflated JSON. */
    private static final BufferPool INPUT_BUFFER = new BufferPool(WHOLE_JSON_LIMIT);
    private static final BufferPool JSON_BUFFER = new BufferPool(WHOLE_JSON_LIMIT);

    /** Inputs up to this size are read whole (a Lambda event is at most 6 MB); larger ones are streamed. */
    private static final int IN_MEMORY_LIMIT = 16 * 1024 * 1024;

    /** {"awslogs":{"data":" and "}} of the Lambda event, tokens that blanks may separate. */
    private static final byte[][] LAMBDA_EVENT_HEAD = {
            ascii("{"), ascii("\"awslogs\""), ascii(":"), ascii("{"), ascii("\"data\""), ascii(":"), ascii("\"")};
    private static final byte[] LAMBDA_EVENT_TAIL = ascii("\"}}");

    /** How deep wrappers (requestPayload → awslogs.data → ...) may nest. */
    private static final int MAX_DEPTH = 4;

    private final DecodeLimits limits;
    private final DecodeBudget budget;
    private final JsonFactory parserFactory;
    private final JacksonPayloadReader reader;

    /** False: every input takes the streaming Jackson path, the reference that tests hold the fast paths to. */
    private final boolean fast;

    /** A decoder with the limits of this JVM's heap, the decoded bytes capped at {@code maxBytes}. */
    public PayloadDecoder(long maxBytes) {
        this(DecodeLimits.forThisJvm(maxBytes));
    }

    public PayloadDecoder(DecodeLimits limits) {
        this(limits, true);
    }

    private PayloadDecoder(DecodeLimits limits, boolean fast) {
        this.limits = limits;
        this.budget = new DecodeBudget(limits);
        this.parserFactory = JacksonPayloadReader.factory(limits);
        this.reader = new JacksonPayloadReader(budget, this::decodeBytes);
        this.fast = fast;
    }

    /** A decoder without the in-memory fast paths (for tests). */
    static PayloadDecoder streamingOnly(long maxBytes) {
        return streamingOnly(DecodeLimits.forThisJvm(maxBytes));
    }

    static PayloadDecoder streamingOnly(DecodeLimits limits) {
        return new PayloadDecoder(limits, false);
    }


    /**
     * Decodes every payload of the input.
     *
     * @param where names the input in error messages, e.g. {@code input}
     */
    public List<CloudWatchPayload> decode(InputStream in, String where) throws IOException {
        List<CloudWatchPayload> out = new ArrayList<>();
        if (!fast) {
            decodeSniffed(in, where, 0, out);
            return nonEmpty(out, where);
        }
        Prefix prefix = Prefix.read(in, IN_MEMORY_LIMIT, INPUT_BUFFER.borrow(0));
        try {
            if (prefix.complete()) {
                decodeBytes(prefix.bytes(), 0, prefix.length(), where, 0, out);
            } else {
                InputStream whole = new SequenceInputStream(
                        new ByteArrayInputStream(prefix.bytes(), 0, prefix.length()), in);
                decodeSniffed(whole, where, 0, out);
            }
        } finally {
            INPUT_BUFFER.giveBack(prefix.bytes());
        }
        return nonEmpty(out, where);
    }

    /** Decodes every payload of data held in memory. */
    public List<CloudWatchPayload> decode(byte[] data, String where) throws IOException {
        List<CloudWatchPayload> out = new ArrayList<>();
        decodeBytes(data, 0, data.length, where, 0, out);
        return nonEmpty(out, where);
    }

    private static List<CloudWatchPayload> nonEmpty(List<CloudWatchPayload> out, String where) {
        if (out.isEmpty()) {
            throw new InvalidInputException(where + ": no CloudWatch Logs payload in it");
        }
        return out;
    }

    /** The first bytes of an input, read whole when it is at most the limit. */
    private record Prefix(byte[] bytes, int length, boolean complete) {

        /** @param spare an array to read into if it is large enough, or null */
        static Prefix read(InputStream in, int limit, byte[] spare) throws IOException {
            // one read into an array of the right size when the stream knows its length (the Lambda runtime's
            // and the benchmark's do): +1 so that the end is seen without growing the array
            int size = Math.max(8192, Math.min(limit, in.available() + 1));
            byte[] b = spare != null && spare.length >= size ? spare : new byte[size];
            int n = 0;
            while (true) {
                if (n == b.length) {
                    if (n >= limit) {
                        return new Prefix(b, n, false);
                    }
                    b = Arrays.copyOf(b, (int) Math.min(limit, 2L * n));
                }
                int r = in.read(b, n, b.length - n);
                if (r < 0) {
                    return new Prefix(b, n, true);
                }
                n += r;
            }
        }
    }

    /** As {@link #decodeSniffed} for data held in memory: the Lambda event's data is decoded without a parser. */
    private void decodeBytes(byte[] b, int off, int len, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        if (!fast) {
            decodeSniffed(new ByteArrayInputStream(b, off, len), where, depth, out);
            return;
        }
        int end = off + len;
        int i = off;
        while (i < end && isBlank(b[i])) {
            i++;
        }
        if (i == end) {
            throw new InvalidInputException(where + " is empty");
        }
        int n = Math.min(4, end - i);
        if (n >= 2 && (b[i] & 0xFF) == 0x1F && (b[i + 1] & 0xFF) == 0x8B) {
            decodeGzip(b, i, end - i, where, depth, out);
        } else if (b[i] == '{' || b[i] == '[') {
            if (!decodeLambdaEvent(b, i, end, where, depth, out)) {
                decodeJson(b, i, end - i, where, depth, out);
            }
        } else if (n == 4 && Arrays.equals(b, i, i + 4, BASE64_GZIP, 0, 4)) {
            byte[] gzip = Base64Text.decodeOrNull(b, i, end);
            if (gzip == null) {
                // not base64: the streaming path words the error (the JDK's two decoders word it differently)
                decodeSniffed(new ByteArrayInputStream(b, i, end - i), where, depth, out);
                return;
            }
            decodeGzip(gzip, 0, gzip.length, where, depth, out);
        } else {
            throw new InvalidInputException(where + " is not a CloudWatch Logs payload: expected gzip data, JSON or "
                    + "base64 text, found " + describe(Arrays.copyOfRange(b, i, i + n), n));
        }
    }

    /**
     * Gzip data held in memory. Payloads of up to {@link #WHOLE_JSON_LIMIT} bytes of JSON are inflated into one
     * array (sized by the gzip trailer) and parsed from it, which is much faster than parsing from an inflating
     * stream; larger ones are parsed as they are inflated, so memory stays bounded.
     */
    private void decodeGzip(byte[] b, int off, int len, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        checkDepth(where, depth);
        try (GzipBytes in = new GzipBytes(b, off, len, where, limits.maxGzipMembers())) {
            // ISIZE, the size of the last member mod 2^32: exact for one member; just a first guess otherwise
            // (+1 to see the end without growing), trusted no further than gzip's greatest ratio (1032:1) and
            // the cap
            long size = len < 18 ? 0 : uint32(b, off + len - 4);
            long guess = Math.min(Math.min(size, 1032L * len), budget.bytesLeft()) + 1;
            int wanted = (int) Math.min(WHOLE_JSON_LIMIT, Math.max(64, guess));
            byte[] json = JSON_BUFFER.borrow(wanted);
            try {
                decodeGzip(in, json, where, depth, out);
            } finally {
                JSON_BUFFER.giveBack(json);
            }
        }
    }

    /** Inflates into the buffer (grown up to the limit, streamed past it) and decodes the JSON. */
    private void decodeGzip(GzipBytes in, byte[] buffer, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        byte[] json = buffer;
        int n = 0;
        while (true) {
            if (n == json.length) {
                if (n >= WHOLE_JSON_LIMIT) {
                    InputStream rest = new SequenceInputStream(new ByteArrayInputStream(json, 0, n), in);
                    InputStream counted = Utf8Json.checked(budget.counting(rest, where, n), where);
                    reader.read(parserFactory.createParser(counted), where, depth, out);
                    return;
                }
                json = Arrays.copyOf(json, (int) Math.min(WHOLE_JSON_LIMIT, 2L * n));
            }
            int r = in.read(json, n, json.length - n);
            if (r < 0) {
                break;
            }
            budget.count(r, where);
            n += r;
        }
        decodeJsonBytes(json, 0, n, where, depth, out);
    }


    private static long uint32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * The Lambda event as the Lambda service sends it, {@code {"awslogs":{"data":"BASE64"}}} (blanks allowed
     * between the tokens), decoded with {@code java.util.Base64} straight from the input: several times faster
     * than a JSON parser's base64 decoding. False, with nothing done, for any other shape or when the data is
     * not plain base64 (a JSON escape such as {@code \/}, a line break): the parser then decides.
     */
    private boolean decodeLambdaEvent(byte[] b, int start, int end, String where, int depth,
                                      List<CloudWatchPayload> out) throws IOException {
        if (depth >= MAX_DEPTH) {
            return false;
        }
        int i = start;
        for (byte[] token : LAMBDA_EVENT_HEAD) {
            while (i < end && isBlank(b[i])) {
                i++;
            }
            if (end - i < token.length || !Arrays.equals(b, i, i + token.length, token, 0, token.length)) {
                return false;
            }
            i += token.length;
        }
        int j = end;
        for (int t = LAMBDA_EVENT_TAIL.length - 1; t >= 0; t--) {
            while (j > i && isBlank(b[j - 1])) {
                j--;
            }
            if (j == i || b[j - 1] != LAMBDA_EVENT_TAIL[t]) {
                return false;
            }
            j--;
        }
        // The decoder accepts only the base64 alphabet and padding, so a quote or backslash between i and j
        // (another shape, or an escape) fails here and the parser takes over.
        ByteBuffer gzip;
        try {
            gzip = Base64.getDecoder().decode(ByteBuffer.wrap(b, i, j - i));
        } catch (IllegalArgumentException e) {
            return false;
        }
        budget.count(end - start, where);
        decodeBytes(gzip.array(), gzip.arrayOffset(), gzip.remaining(), JacksonPayloadReader.prefix(where) + "awslogs.data", depth + 1,
                out);
        return true;
    }



    private void decodeSniffed(InputStream raw, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        int first = in.read();
        while (first == ' ' || first == '\t' || first == '\r' || first == '\n') {
            first = in.read();
        }
        if (first < 0) {
            throw new InvalidInputException(where + " is empty");
        }
        byte[] head = new byte[4];
        head[0] = (byte) first;
        int n = 1 + readFully(in, head, 1, 3);
        in.unread(head, 0, n);
        if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            try (GzipStream gzip = gunzip(in, where)) {
                decodeJson(gzip, where, depth, out);
            }
        } else if (first == '{' || first == '[') {
            decodeJson(in, where, depth, out);
        } else if (n == 4 && head[0] == BASE64_GZIP[0] && head[1] == BASE64_GZIP[1] && head[2] == BASE64_GZIP[2]
                && head[3] == BASE64_GZIP[3]) {
            InputStream base64 = Base64Text.decoding(in, where);
            try (GzipStream gzip = gunzip(base64, where)) {
                decodeJson(gzip, where, depth, out);
            }
        } else {
            throw new InvalidInputException(where + " is not a CloudWatch Logs payload: expected gzip data, JSON or "
                    + "base64 text, found " + describe(head, n));
        }
    }

    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int r = in.read(b, off + total, len - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    /** Gzip read as a stream: members in a loop, not one call deeper per member as GZIPInputStream does. */
    private GzipStream gunzip(InputStream in, String where) throws IOException {
        return new GzipStream(in, where, limits.maxGzipMembers());
    }

    private void decodeJson(InputStream in, String where, int depth, List<CloudWatchPayload> out) throws IOException {
        checkDepth(where, depth);
        InputStream counted = Utf8Json.checked(budget.counting(in, where, 0), where);
        reader.read(parserFactory.createParser(counted), where, depth, out);
    }

    private void decodeJson(byte[] b, int off, int len, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        checkDepth(where, depth);
        budget.count(len, where);
        decodeJsonBytes(b, off, len, where, depth, out);
    }

    /** JSON in memory, counted already: the usual payload by the scanner, anything else by the parser. */
    private void decodeJsonBytes(byte[] b, int off, int len, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        CloudWatchPayload payload = PayloadScanner.scan(b, off, len, limits.maxStringBytes(), budget.eventsLeft());
        if (payload != null) {
            budget.addEvents(payload.logEvents().size());
            out.add(payload);
        } else {
            Utf8Json.check(b, off, len, where);
            reader.read(parserFactory.createParser(b, off, len), where, depth, out);
        }
    }

    private static void checkDepth(String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(where + ": payloads nested more than " + MAX_DEPTH + " deep");
        }
    }



    private static String describe(byte[] head, int n) {
        StringBuilder sb = new StringBuilder("bytes");
        for (int i = 0; i < n; i++) {
            sb.append(String.format(" %02x", head[i] & 0xFF));
        }
        boolean printable = true;
        for (int i = 0; i < n; i++) {
            printable &= head[i] >= 0x20 && head[i] < 0x7F;
        }
        if (printable) {
            sb.append(" ('").append(new String(head, 0, n, java.nio.charset.StandardCharsets.US_ASCII)).append("')");
        }
        return sb.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

}
