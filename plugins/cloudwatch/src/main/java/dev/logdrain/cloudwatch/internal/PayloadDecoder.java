package dev.logdrain.cloudwatch.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.logdrain.cloudwatch.DecodeLimits;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The decoder behind {@code CloudWatchPayloads}: sniffs the input (gzip, JSON, base64 text) and decodes it.
 * An input of up to 16 MiB (every Lambda event) is read into memory: the usual Lambda event's base64 is then
 * decoded in place by {@code java.util.Base64}, gzip is inflated by one raw {@code Inflater} into one array
 * (up to 16 MiB of JSON) and the usual payload is read by {@link PayloadScanner}. Anything else (other shapes,
 * escapes in the base64, errors) goes through jackson-core token by token, as do larger inputs, which are
 * streamed (base64 and gzip decoded as they are read) so that memory stays bounded. One instance per input:
 * it counts the JSON bytes and the events decoded against its {@link DecodeLimits}, which also cap the length
 * of a string, the nesting and the gzip members; a duplicate key is an error on both paths.
 */
public final class PayloadDecoder {

    /** The parser factory of the last limits used (they are the same for every input of a JVM). */
    private static volatile Parsers parsers;

    /** Standard base64, padding optional as for java.util.Base64; no line breaks in a JSON string. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

    /** Base64 of a gzip header (1f 8b 08). */
    private static final byte[] BASE64_GZIP = {'H', '4', 's', 'I'};

    /** Decoded payloads of up to this many bytes of JSON are inflated whole; larger ones are streamed. */
    private static final int WHOLE_JSON_LIMIT = 16 * 1024 * 1024;

    /** The buffers each thread used last for inputs and for inflated JSON (see {@link #borrow}). */
    private static final ThreadLocal<SoftReference<byte[]>> INPUT_BUFFER = new ThreadLocal<>();
    private static final ThreadLocal<SoftReference<byte[]>> JSON_BUFFER = new ThreadLocal<>();

    /** Inputs up to this size are read whole (a Lambda event is at most 6 MB); larger ones are streamed. */
    private static final int IN_MEMORY_LIMIT = 16 * 1024 * 1024;

    /** {"awslogs":{"data":" and "}} of the Lambda event, tokens that blanks may separate. */
    private static final byte[][] LAMBDA_EVENT_HEAD = {
            ascii("{"), ascii("\"awslogs\""), ascii(":"), ascii("{"), ascii("\"data\""), ascii(":"), ascii("\"")};
    private static final byte[] LAMBDA_EVENT_TAIL = ascii("\"}}");

    /** How deep wrappers (requestPayload → awslogs.data → ...) may nest. */
    private static final int MAX_DEPTH = 4;

    private final DecodeLimits limits;
    private final long maxBytes;
    private final JsonFactory parserFactory;
    private long jsonBytes;
    /** Log events decoded from this input so far, against {@link DecodeLimits#maxEvents()}. */
    private int eventCount;

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
        this.maxBytes = limits.maxDecodedBytes();
        this.parserFactory = Parsers.of(limits);
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
     * A jackson-core factory for the limits: strings and nesting capped (a string is checked as it grows, so a
     * huge one fails before it is held), duplicate keys an error (the fast scanner agrees). The byte cap is
     * counted by the decoder itself; base64 decoded by the parser is not a string to it.
     */
    private record Parsers(int maxStringBytes, int maxNesting, JsonFactory json) {
        static JsonFactory of(DecodeLimits limits) {
            Parsers last = parsers;
            if (last == null || last.maxStringBytes != limits.maxStringBytes() || last.maxNesting != limits.maxNesting()) {
                last = new Parsers(limits.maxStringBytes(), limits.maxNesting(), JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(limits.maxStringBytes())
                                .maxNestingDepth(limits.maxNesting()).build())
                        .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
                        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build());
                parsers = last;
            }
            return last.json;
        }
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
        Prefix prefix = Prefix.read(in, IN_MEMORY_LIMIT, borrow(INPUT_BUFFER, 0));
        try {
            if (prefix.complete()) {
                decodeBytes(prefix.bytes(), 0, prefix.length(), where, 0, out);
            } else {
                InputStream whole = new SequenceInputStream(
                        new ByteArrayInputStream(prefix.bytes(), 0, prefix.length()), in);
                decodeSniffed(whole, where, 0, out);
            }
        } finally {
            giveBack(INPUT_BUFFER, prefix.bytes());
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
            byte[] gzip = base64Text(b, i, end, where);
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
            long guess = Math.min(Math.min(size, 1032L * len), maxBytes - jsonBytes) + 1;
            int wanted = (int) Math.min(WHOLE_JSON_LIMIT, Math.max(64, guess));
            byte[] json = borrow(JSON_BUFFER, wanted);
            try {
                decodeGzip(in, json, where, depth, out);
            } finally {
                giveBack(JSON_BUFFER, json);
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
                    decodeJson(parserFactory.createParser(new Limit(rest, where, n)), where, depth, out);
                    return;
                }
                json = Arrays.copyOf(json, (int) Math.min(WHOLE_JSON_LIMIT, 2L * n));
            }
            int r = in.read(json, n, json.length - n);
            if (r < 0) {
                break;
            }
            count(r, where);
            n += r;
        }
        decodeJsonBytes(json, 0, n, where, depth, out);
    }

    /**
     * A buffer of at least {@code size} bytes: the one this thread used last if it is large enough, saving the
     * allocation and zeroing of megabytes per payload when a Lambda function or the CLI decodes one payload
     * after another. It is held by a soft reference, so memory pressure frees it, and taken out while in use
     * (a payload nested in a payload gets its own). Null when there is none (size 0).
     */
    private static byte[] borrow(ThreadLocal<SoftReference<byte[]>> held, int size) {
        SoftReference<byte[]> ref = held.get();
        byte[] buffer = ref == null ? null : ref.get();
        if (buffer != null && buffer.length >= size) {
            held.remove();
            return buffer;
        }
        return size == 0 ? null : new byte[size];
    }

    private static void giveBack(ThreadLocal<SoftReference<byte[]>> held, byte[] buffer) {
        if (buffer.length <= WHOLE_JSON_LIMIT) {
            SoftReference<byte[]> ref = held.get();
            byte[] kept = ref == null ? null : ref.get();
            if (kept == null || kept.length < buffer.length) {
                held.set(new SoftReference<>(buffer));
            }
        }
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
        count(end - start, where);
        decodeBytes(gzip.array(), gzip.arrayOffset(), gzip.remaining(), prefix(where) + "awslogs.data", depth + 1,
                out);
        return true;
    }

    /** Base64 text read from a file: line breaks and blanks are dropped. */
    private static byte[] base64Text(byte[] b, int start, int end, String where) {
        byte[] text = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            if (!isBlank(b[i])) {
                text[n++] = b[i];
            }
        }
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(text, 0, n));
            return Arrays.copyOfRange(decoded.array(), decoded.arrayOffset(), decoded.arrayOffset() + decoded.remaining());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + " is not base64: " + e.getMessage());
        }
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
            InputStream base64 = new Base64Stage(Base64.getDecoder().wrap(new SkipLineBreaks(in)), where);
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
        decodeJson(parserFactory.createParser(new Limit(in, where)), where, depth, out);
    }

    private void decodeJson(byte[] b, int off, int len, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        checkDepth(where, depth);
        count(len, where);
        decodeJsonBytes(b, off, len, where, depth, out);
    }

    /** JSON in memory, counted already: the usual payload by the scanner, anything else by the parser. */
    private void decodeJsonBytes(byte[] b, int off, int len, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        CloudWatchPayload payload = PayloadScanner.scan(b, off, len, limits.maxStringBytes(),
                limits.maxEvents() - eventCount);
        if (payload != null) {
            eventCount += payload.logEvents().size();
            out.add(payload);
        } else {
            decodeJson(parserFactory.createParser(b, off, len), where, depth, out);
        }
    }

    private static void checkDepth(String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(where + ": payloads nested more than " + MAX_DEPTH + " deep");
        }
    }

    /** Parses one or more JSON values (objects or arrays of objects) back to back. */
    private void decodeJson(JsonParser parser, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        try (JsonParser p = parser) {
            JsonToken t;
            boolean any = false;
            while ((t = p.nextToken()) != null) {
                any = true;
                if (t == JsonToken.START_OBJECT) {
                    parseObject(p, where, depth, out);
                } else if (t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT) {
                            throw invalid(where, "expected JSON objects in the array, found " + describe(t), p);
                        }
                        parseObject(p, where, depth, out);
                    }
                } else {
                    throw invalid(where, "expected a JSON object, found " + describe(t), p);
                }
            }
            if (!any) {
                throw new InvalidInputException(where + " holds no JSON");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(jsonProblem(where, e.getOriginalMessage()) + at(e.getLocation()));
        }
    }

    /** The parser's complaint in the words of this input: a limit named as such, a duplicate key named. */
    private String jsonProblem(String where, String message) {
        if (message.startsWith("String value length")) {
            return where + ": a JSON string is longer than the limit of " + DecodeLimits.size(limits.maxStringBytes())
                    + " (" + limits.heapNote() + ")";
        }
        if (message.startsWith("Document nesting depth")) {
            return where + ": JSON nested more than " + limits.maxNesting() + " levels deep";
        }
        if (message.startsWith("Duplicate field ")) {
            // "Duplicate field 'logEvents'": a second value for a key must not silently replace the first
            return where + ": duplicate key " + message.substring("Duplicate field ".length()) + " in a JSON object";
        }
        return where + " is not valid JSON: " + message;
    }

    /** An object: a Lambda event, an on-failure record, or a decoded payload. The parser is on '{'. */
    private void parseObject(JsonParser p, String where, int depth, List<CloudWatchPayload> out) throws IOException {
        PayloadFields fields = null;
        boolean wrapper = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "awslogs" -> {
                    wrapper = true;
                    parseAwslogs(p, value, where, depth, out);
                }
                case "requestPayload" -> {
                    // a Lambda on-failure destination record: the original event is inside
                    wrapper = true;
                    String inner = prefix(where) + "requestPayload";
                    if (value != JsonToken.START_OBJECT) {
                        throw invalid(inner, "is not a JSON object", p);
                    }
                    parseObject(p, inner, depth + 1, out);
                }
                case "messageType", "owner", "logGroup", "logStream", "subscriptionFilters", "logEvents" -> {
                    if (fields == null) {
                        fields = new PayloadFields();
                    }
                    fields.read(name, value, p, where);
                }
                default -> p.skipChildren();
            }
        }
        if (fields != null && wrapper) {
            throw invalid(where, "mixes payload fields (messageType, logEvents ...) with awslogs or requestPayload",
                    p);
        }
        if (fields != null) {
            out.add(fields.toPayload(where));
        } else if (!wrapper) {
            throw invalid(where, "holds no CloudWatch Logs payload: expected awslogs.data, requestPayload, "
                    + "or the fields messageType, logGroup, logStream, logEvents", p);
        }
    }

    private void parseAwslogs(JsonParser p, JsonToken value, String where, int depth, List<CloudWatchPayload> out)
            throws IOException {
        String awslogs = prefix(where) + "awslogs";
        if (value != JsonToken.START_OBJECT) {
            throw invalid(awslogs, "is not a JSON object", p);
        }
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("data")) {
                String data = awslogs + ".data";
                if (v != JsonToken.VALUE_STRING) {
                    throw invalid(data, "is not a string", p);
                }
                found = true;
                // Jackson decodes the base64 straight from its input buffer, without first building the text
                // (a char[] twice the size of the data): the fastest path (bench/: DecodeBenchmark).
                byte[] decoded;
                try {
                    decoded = p.getBinaryValue(BASE64);
                } catch (JsonProcessingException e) {
                    // "Failed to decode VALUE_STRING as base64 (MIME-NO-LINEFEEDS): Illegal character ..."
                    String why = e.getOriginalMessage();
                    int cut = why.indexOf("): ");
                    throw new InvalidInputException(data + " is not base64: "
                            + (why.startsWith("Failed to decode") && cut > 0 ? why.substring(cut + 3) : why));
                }
                decodeBytes(decoded, 0, decoded.length, data, depth + 1, out);
            } else {
                p.skipChildren();
            }
        }
        if (!found) {
            throw invalid(awslogs, "lacks field 'data'", p);
        }
    }

    /** The fields of a decoded payload, collected in any order. */
    private final class PayloadFields {
        String messageType;
        String owner;
        String logGroup;
        String logStream;
        List<String> filters;
        List<LogEvent> events;

        void read(String name, JsonToken value, JsonParser p, String where) throws IOException {
            switch (name) {
                case "messageType" -> messageType = string(p, value, where, name);
                case "owner" -> owner = string(p, value, where, name);
                case "logGroup" -> logGroup = string(p, value, where, name);
                case "logStream" -> logStream = string(p, value, where, name);
                case "subscriptionFilters" -> filters = strings(p, value, where, name);
                case "logEvents" -> events = events(p, value, where);
                default -> p.skipChildren();
            }
        }

        CloudWatchPayload toPayload(String where) {
            if (messageType == null) {
                throw new InvalidInputException(where + ": the payload lacks field 'messageType'");
            }
            if (!messageType.equals(CloudWatchPayload.CONTROL_MESSAGE)) {
                if (!messageType.equals(CloudWatchPayload.DATA_MESSAGE)) {
                    throw new InvalidInputException(where + ": unknown messageType '" + clip(messageType)
                            + "' (expected DATA_MESSAGE or CONTROL_MESSAGE)");
                }
                for (String[] field : new String[][] {{"logGroup", logGroup}, {"logStream", logStream},
                        {"logEvents", events == null ? null : ""}}) {
                    if (field[1] == null) {
                        throw new InvalidInputException(where + ": the payload lacks field '" + field[0] + "'");
                    }
                }
            }
            return new CloudWatchPayload(messageType, owner, logGroup, logStream, filters, events);
        }
    }

    private List<LogEvent> events(JsonParser p, JsonToken value, String where) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw invalid(where, "logEvents is not an array", p);
        }
        List<LogEvent> events = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = events.size();
            if (++eventCount > limits.maxEvents()) {
                throw invalid(where, "more than " + limits.maxEvents() + " log events (" + limits.heapNote() + ")", p);
            }
            if (t != JsonToken.START_OBJECT) {
                throw invalid(where, "logEvents[" + index + "] is not an object", p);
            }
            String id = null;
            long timestamp = 0;
            boolean hasTimestamp = false;
            String message = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> {
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NUMBER_INT) {
                            throw invalid(where, "logEvents[" + index + "].id is not a string", p);
                        }
                        id = p.getText();
                    }
                    case "timestamp" -> {
                        timestamp = timestamp(p, v, where, index);
                        hasTimestamp = true;
                    }
                    case "message" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            throw invalid(where, "logEvents[" + index + "].message is not a string", p);
                        }
                        message = p.getText();
                    }
                    default -> p.skipChildren();
                }
            }
            String missing = id == null ? "id" : !hasTimestamp ? "timestamp" : message == null ? "message" : null;
            if (missing != null) {
                throw invalid(where, "logEvents[" + index + "] lacks field '" + missing + "'", p);
            }
            events.add(new LogEvent(id, timestamp, message));
        }
        return events;
    }

    private static long timestamp(JsonParser p, JsonToken v, String where, int index) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (JsonProcessingException e) {
                throw invalid(where, "logEvents[" + index + "].timestamp is out of range", p);
            }
        }
        if (v == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw invalid(where, "logEvents[" + index + "].timestamp is not a whole number of milliseconds", p);
    }

    private static String string(JsonParser p, JsonToken value, String where, String name) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw invalid(where, name + " is not a string", p);
        }
        return p.getText();
    }

    private static List<String> strings(JsonParser p, JsonToken value, String where, String name) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw invalid(where, name + " is not an array of strings", p);
        }
        List<String> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw invalid(where, name + " is not an array of strings", p);
            }
            list.add(p.getText());
        }
        return list;
    }

    private static InvalidInputException invalid(String where, String problem, JsonParser p) {
        // "awslogs.data is not a string", "input: logEvents[3] lacks field 'id'"
        String separator = problem.startsWith("is ") || problem.startsWith("lacks ") ? " " : ": ";
        return new InvalidInputException(where + separator + problem + at(p.currentLocation()));
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (JSON line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String prefix(String where) {
        return where.equals("input") || where.equals("record data") ? "" : where + ".";
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
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

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Counts the JSON bytes of this input and stops at the cap. */
    private final class Limit extends java.io.FilterInputStream {
        private final String where;

        /** How many bytes at the start of the stream were counted already. */
        private long counted;

        Limit(InputStream in, String where) {
            this(in, where, 0);
        }

        Limit(InputStream in, String where, long counted) {
            super(in);
            this.where = where;
            this.counted = counted;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count(r);
            }
            return r;
        }

        private void count(int n) {
            long already = Math.min(counted, n);
            counted -= already;
            if (n > already) {
                PayloadDecoder.this.count(n - already, where);
            }
        }
    }

    /** Counts JSON bytes of this input against the cap. */
    private void count(long n, String where) {
        jsonBytes += n;
        if (jsonBytes > maxBytes) {
            throw new InvalidInputException(where + ": the decoded payload is larger than the limit of "
                    + DecodeLimits.size(maxBytes) + (limits.decodedBytesFromHeap() ? " (a gzip bomb? a quarter of the heap, "
                    + limits.heapNote() + ")" : " (a gzip bomb, or raise the limit)"));
        }
    }

    /** Turns base64 decoding failures into a clear one-line error. */
    private static final class Base64Stage extends java.io.FilterInputStream {
        private final String where;

        Base64Stage(InputStream in, String where) {
            super(in);
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw notBase64(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw notBase64(e);
            }
        }

        private InvalidInputException notBase64(IOException e) {
            return new InvalidInputException(where + " is not base64: " + e.getMessage());
        }
    }

    /** Drops line breaks and blanks from base64 text read from a file (a trailing newline). */
    private static final class SkipLineBreaks extends java.io.FilterInputStream {
        SkipLineBreaks(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b;
            do {
                b = super.read();
            } while (b == '\n' || b == '\r' || b == ' ' || b == '\t');
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int r = super.read(b, off, len);
                if (r <= 0) {
                    return r;
                }
                int w = off;
                for (int i = off; i < off + r; i++) {
                    byte c = b[i];
                    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
                        b[w++] = c;
                    }
                }
                if (w > off) {
                    return w - off;
                }
            }
        }
    }
}
