package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into its top-level documents: JSON values one after another, separated by any
 * whitespace (so both one pretty-printed document and one document a line), or bare tokens such as a
 * base64 line. Reads as it goes, so an input of any length needs only as much memory as its largest
 * document.
 */
final class DocumentReader {

    /** One document: {@code data[start, end)}, valid until the next call to {@link #next}. */
    record Document(JsonSpans.Range range, int line) {
    }

    private final InputStream in;
    private final int maxDocumentBytes;
    private byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean eof;
    /** Line number (1-based) at {@link #position}. */
    private int line = 1;
    private boolean first = true;

    private final String lineSuffix;

    /** @param lineSuffix follows "line N" in messages, e.g. " of the gunzipped input" */
    DocumentReader(InputStream in, int maxDocumentBytes, String lineSuffix) {
        this.in = in;
        this.maxDocumentBytes = maxDocumentBytes;
        this.lineSuffix = lineSuffix;
    }

    private String at(int lineNumber) {
        return "line " + lineNumber + lineSuffix + ": ";
    }

    /** The next document, or null at the end of the input. */
    Document next() throws IOException {
        if (first) {
            first = false;
            skipByteOrderMark();
        }
        // skip whitespace between documents, counting lines
        while (true) {
            while (position < limit && JsonSpans.isWhitespace(buffer[position])) {
                if (buffer[position] == '\n') {
                    line++;
                }
                position++;
            }
            if (position < limit || !fill()) {
                break;
            }
        }
        if (position >= limit) {
            return null;
        }
        int start = position;
        int end;
        while (true) {
            start = position;
            try {
                byte c = buffer[start];
                end = c == '{' || c == '[' || c == '"' ? JsonSpans.skipValue(buffer, start, limit) : endOfToken(start);
                start = position; // reading a long token may have moved the data to the front
                break;
            } catch (JsonSpans.SyntaxException e) {
                if (!e.incomplete || eof) {
                    throw new InvalidInputException(at(lineAt(e.offset)) + "not JSON: " + e.getMessage());
                }
            }
            int size = limit - start;
            if (size >= maxDocumentBytes) {
                throw new InvalidInputException(at(line) + "a document larger than " + (maxDocumentBytes >> 20) + " MiB");
            }
            // read at least as much again before scanning the document once more (linear overall)
            fill(size);
        }
        if (end < limit && !JsonSpans.isWhitespace(buffer[end]) && !isValueStart(buffer[end])) {
            throw new InvalidInputException(at(lineAt(end)) + "not JSON: unexpected "
                    + describe(buffer[end]) + " after a complete document");
        }
        Document document = new Document(new JsonSpans.Range(buffer, start, end), line);
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                line++;
            }
        }
        position = end;
        return document;
    }

    private static boolean isValueStart(byte c) {
        return c == '{' || c == '[' || c == '"';
    }

    private static String describe(byte c) {
        return c >= 0x21 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02x", c & 0xFF);
    }

    /** A bare token (a base64 line, or something that is not JSON) runs to the next whitespace. */
    private int endOfToken(int start) throws IOException {
        int end = start;
        while (true) {
            while (end < limit && !JsonSpans.isWhitespace(buffer[end])) {
                end++;
            }
            if (end < limit || eof) {
                return end;
            }
            if (end - start >= maxDocumentBytes) {
                throw new InvalidInputException(at(line) + "a line longer than " + (maxDocumentBytes >> 20) + " MiB");
            }
            // fill() moves the unread data to the front: keep the offset relative to the start
            int offset = end - start;
            fill();
            start = position;
            end = start + offset;
        }
    }

    private int lineAt(int offset) {
        int n = line;
        for (int i = position; i < offset && i < limit; i++) {
            if (buffer[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private void skipByteOrderMark() throws IOException {
        while (limit - position < 3 && !eof && fill()) {
            // read until three bytes are there or the input ends
        }
        if (limit - position >= 3 && (buffer[position] & 0xFF) == 0xEF && (buffer[position + 1] & 0xFF) == 0xBB
                && (buffer[position + 2] & 0xFF) == 0xBF) {
            position += 3;
        }
    }

    /** Reads more input after what is buffered; false at the end of the input. */
    private boolean fill() throws IOException {
        return fill(1);
    }

    /** Reads at least {@code atLeast} more bytes unless the input ends first; false if nothing was read. */
    private boolean fill(int atLeast) throws IOException {
        if (eof) {
            return false;
        }
        // move the unread part to the front, then grow if needed
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int needed = limit + Math.max(atLeast, 8192);
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
        int total = 0;
        while (total < atLeast) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
                break;
            }
            limit += n;
            total += n;
        }
        return total > 0;
    }
}
