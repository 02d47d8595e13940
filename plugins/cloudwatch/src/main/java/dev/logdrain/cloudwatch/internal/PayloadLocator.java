package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the CloudWatch Logs subscription payloads in one input document, whatever wraps them, and hands
 * each to a handler (which passes it to the cloudwatch source). The shapes:
 * <ul>
 *   <li>a Lambda event {@code {"awslogs":{"data":"<base64 gzip>"}}} or a decoded payload (an object with
 *       {@code logEvents} or {@code messageType}): a payload, handed over as it is;</li>
 *   <li>a Lambda on-failure destination record: its {@code requestPayload};</li>
 *   <li>SQS: {@code aws sqs receive-message} output ({@code Messages[].Body}), one message ({@code Body}),
 *       or a Lambda SQS event ({@code Records[].body}); a Kinesis record ({@code kinesis.data});</li>
 *   <li>an array of any of these; a string holding any of these as JSON, or base64 gzip.</li>
 * </ul>
 */
final class PayloadLocator {

    /**
     * One payload to hand to the source: {@code data[offset, offset + length)}, valid only during the
     * handler's call.
     *
     * @param line the line of the input where its document starts
     * @param path where it is inside that document, e.g. {@code Messages[2].Body.requestPayload}, or empty
     */
    record Payload(byte[] data, int offset, int length, int line, String path) {

        /** {@code line 3} or {@code line 3, at requestPayload}: for messages. */
        String where() {
            return "line " + line + (path.isEmpty() ? "" : ", at " + path);
        }

        InputStream stream() {
            return new ByteArrayInputStream(data, offset, length);
        }
    }

    @FunctionalInterface
    interface Handler {
        void accept(Payload payload) throws IOException;
    }

    /** Strings holding JSON holding strings...: more levels than any real wrapper has. */
    private static final int MAX_NESTING = 8;

    private final int maxDocumentBytes;

    PayloadLocator(int maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * Reads a whole input (JSON documents one after another, or gzip of them) and hands every payload to
     * {@code handler}, in order, as it goes.
     *
     * @throws InvalidInputException naming the line (and the place in the document) of the first part that
     *                               is not a payload or a known wrapper of one
     */
    void read(InputStream input, Handler handler) throws IOException {
        Documents documents = documents(input);
        DocumentReader.Document document;
        while ((document = documents.next()) != null) {
            visit(document, documents.lineSuffix(), handler);
        }
    }

    /** The documents of an input, and what follows "line N" in its messages. */
    record Documents(DocumentReader reader, String lineSuffix) {
        DocumentReader.Document next() throws IOException {
            return reader.next();
        }
    }

    /** The documents of a whole input: JSON documents one after another, or gzip of them. */
    Documents documents(InputStream input) throws IOException {
        PushbackInputStream in = new PushbackInputStream(input, 2);
        byte[] magic = in.readNBytes(2);
        in.unread(magic);
        boolean gzip = magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
        String lineSuffix = gzip ? " of the gunzipped input" : "";
        return new Documents(new DocumentReader(gzip ? gunzip(in, "") : in, maxDocumentBytes, lineSuffix), lineSuffix);
    }

    /**
     * Hands every payload of one document to {@code handler}.
     *
     * @throws InvalidInputException naming the line (and the place in the document)
     */
    void visit(DocumentReader.Document document, String lineSuffix, Handler handler) throws IOException {
        int line = document.line();
        try {
            visit(document.range(), line, "", 0, handler);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("line " + line + lineSuffix + ": " + e.getMessage(), e.getCause());
        }
    }

    private void visit(JsonSpans.Range value, int line, String path, int nesting, Handler handler) throws IOException {
        if (nesting > MAX_NESTING) {
            throw error(path, "wrapped more than " + MAX_NESTING + " levels deep");
        }
        if (value.isObject()) {
            visitObject(value, line, path, nesting, handler);
        } else if (value.isArray()) {
            List<JsonSpans.Range> elements = JsonSpans.elements(value);
            for (int i = 0; i < elements.size(); i++) {
                visit(elements.get(i), line, path + "[" + i + "]", nesting, handler);
            }
        } else if (value.isString()) {
            visitText(JsonSpans.stringBytes(value), line, path, nesting + 1, handler);
        } else {
            visitText(value.bytes(), line, path, nesting + 1, handler);
        }
    }

    private void visitObject(JsonSpans.Range object, int line, String path, int nesting, Handler handler)
            throws IOException {
        List<JsonSpans.Member> members = JsonSpans.members(object);
        String duplicate = duplicate(members);
        if (duplicate != null) {
            // which of the two would count is anybody's guess: neither is taken
            throw error(path, "duplicate key " + ErrorText.quoted(duplicate) + " in a JSON object");
        }
        if (has(members, "awslogs") || has(members, "logEvents") || has(members, "messageType")) {
            handler.accept(new Payload(object.data(), object.start(), object.end() - object.start(), line, path));
            return;
        }
        for (String wrapper : List.of("requestPayload", "Messages", "Records", "Body", "body", "kinesis", "data")) {
            JsonSpans.Range inner = get(members, wrapper);
            if (inner != null) {
                if (wrapper.equals("requestPayload") && inner.first() == 'n') {
                    throw error(path, "a Lambda on-failure record without its requestPayload (null): "
                            + "the original event was not kept");
                }
                visit(inner, line, join(path, wrapper), nesting, handler);
                return;
            }
        }
        String names = members.stream().map(JsonSpans.Member::name).limit(8).collect(Collectors.joining(", "));
        throw error(path, "not a CloudWatch Logs payload: expected a Lambda event (awslogs.data), a decoded "
                + "payload (logEvents), an on-failure record (requestPayload) or an SQS message (Body); "
                + "found an object with " + (members.isEmpty() ? "no members" : "members " + names
                + (members.size() > 8 ? ", ..." : "")));
    }

    /** The content of a string, or a bare token: JSON, or base64 of gzip (as in awslogs.data). */
    private void visitText(byte[] text, int line, String path, int nesting, Handler handler) throws IOException {
        int start = JsonSpans.skipWhitespace(text, 0, text.length);
        int end = text.length;
        while (end > start && JsonSpans.isWhitespace(text[end - 1])) {
            end--;
        }
        if (start == end) {
            throw error(path, "an empty string where a payload was expected");
        }
        if (text[start] == '{' || text[start] == '[') {
            visitDocuments(new ByteArrayInputStream(text, start, end - start), line, path, nesting, handler);
        } else if (startsWith(text, start, "H4sI")) { // base64 of the gzip magic number
            byte[] gzip;
            try {
                gzip = Base64.getDecoder().decode(Arrays.copyOfRange(text, start, end));
            } catch (IllegalArgumentException e) {
                throw error(path, "bad base64: " + e.getMessage());
            }
            visitDocuments(gunzip(new ByteArrayInputStream(gzip), path), line, path, nesting, handler);
        } else {
            throw error(path, "not JSON and not base64 gzip: '" + preview(text, start) + "'");
        }
    }

    /** Every document of a stream (JSON values one after another) that a string or gzip data held. */
    private void visitDocuments(InputStream in, int line, String path, int nesting, Handler handler)
            throws IOException {
        DocumentReader reader = new DocumentReader(in, maxDocumentBytes, " of the embedded document");
        DocumentReader.Document document;
        try {
            while ((document = reader.next()) != null) {
                visit(document.range(), line, path, nesting, handler);
            }
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith("at ") ? e : error(path, e.getMessage());
        }
    }

    /**
     * A gzip stream: several members one after another are read as one, as gunzip does (in a loop: the JDK's
     * GZIPInputStream recurses per member and overflows the stack on thousands of empty ones).
     */
    static InputStream gunzip(InputStream in, String path) throws IOException {
        try {
            return CloudWatchPayloads.gunzip(in, "the data");
        } catch (InvalidInputException e) {
            throw error(path, e.getMessage());
        }
    }

    /** The first name that two members share, or null. */
    private static String duplicate(List<JsonSpans.Member> members) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonSpans.Member member : members) {
            if (!names.add(member.name())) {
                return member.name();
            }
        }
        return null;
    }

    private static boolean has(List<JsonSpans.Member> members, String name) {
        return get(members, name) != null;
    }

    private static JsonSpans.Range get(List<JsonSpans.Member> members, String name) {
        for (JsonSpans.Member member : members) {
            if (member.name().equals(name)) {
                return member.value();
            }
        }
        return null;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean startsWith(byte[] b, int pos, String prefix) {
        if (b.length - pos < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[pos + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] b, int start) {
        int end = Math.min(b.length, start + 40);
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < end; i++) {
            char c = (char) (b[i] & 0xFF);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return end < b.length ? sb + "..." : sb.toString();
    }

    private static InvalidInputException error(String path, String message) {
        return new InvalidInputException(path.isEmpty() ? message : "at " + path + ": " + message);
    }
}
