package dev.logdrain.console;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one message a line. A line break inside a message is written as {@code \n} (and a backslash as
 * {@code \\}), so that a message can never look like two lines.
 */
final class StreamSink implements Sink {

    private final OutputStream out;
    private byte[] buffer = new byte[64 * 1024];

    StreamSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public DeliveryResult send(MessageBatch messages, Deadline deadline) {
        int pos = 0;
        long written = 0;
        byte[] data = messages.data();
        try {
            for (int i = 0; i < messages.size(); i++) {
                int from = messages.offset(i);
                int to = from + messages.length(i);
                // worst case every byte doubles, plus the line feed
                int needed = 2 * (to - from) + 1;
                if (pos + needed > buffer.length) {
                    out.write(buffer, 0, pos);
                    written += pos;
                    pos = 0;
                    if (needed > buffer.length) {
                        buffer = new byte[needed];
                    }
                }
                for (int j = from; j < to; j++) {
                    byte b = data[j];
                    if (b == '\n') {
                        buffer[pos++] = '\\';
                        buffer[pos++] = 'n';
                    } else if (b == '\r') {
                        buffer[pos++] = '\\';
                        buffer[pos++] = 'r';
                    } else if (b == '\\') {
                        buffer[pos++] = '\\';
                        buffer[pos++] = '\\';
                    } else {
                        buffer[pos++] = b;
                    }
                }
                buffer[pos++] = '\n';
            }
            out.write(buffer, 0, pos);
            out.flush();
            written += pos;
            return DeliveryResult.success(messages.size(), 0, written, 0);
        } catch (IOException e) {
            return DeliveryResult.failure(0, messages.size(), 0, written, 0, "cannot write to standard output: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        // standard output stays open
    }
}
