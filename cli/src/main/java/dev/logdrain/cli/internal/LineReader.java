package dev.logdrain.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines ending in LF or CRLF (a lone CR is not a line break). Bytes that are not UTF-8 become U+FFFD
 * rather than stopping the run.
 */
final class LineReader {

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean eof;
    private long lineNumber;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its LF, or null at the end of the input. */
    String readLine() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, position, end - position, StandardCharsets.UTF_8);
                    position = i + 1;
                    lineNumber++;
                    return line;
                }
            }
            if (eof) {
                if (position == limit) {
                    return null;
                }
                String line = new String(buffer, position, limit - position, StandardCharsets.UTF_8);
                position = limit;
                lineNumber++;
                return line;
            }
            if (limit - position >= maxLineBytes) {
                throw CliException.usage("line " + (lineNumber + 1) + " is longer than " + (maxLineBytes >> 20) + " MiB");
            }
            scanned = limit - position;
            fill();
            scanned += position; // fill() moved the unread bytes to the front
        }
    }

    /** The number of the line last returned. */
    long lineNumber() {
        return lineNumber;
    }

    /** Whether a line can be read now without waiting for more input (a pipe or terminal may block). */
    boolean ready() throws IOException {
        if (eof) {
            return true;
        }
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return true;
            }
        }
        return in.available() > 0;
    }

    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }
}
