package dev.logdrain.console;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Framing;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.RecordRules;
import dev.logdrain.spi.Sink;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the records a stream transport would send, one a line: framed with {@link Framing#LF}, the framing
 * every stream sink shares, so that a line break inside a message is written as {@code \n} and a message
 * can never look like two lines. Every other byte is written as the formatter wrote it (a JSON line stays
 * valid JSON).
 */
final class StdoutSink implements Sink {

    private static final Framing FRAMING = Framing.LF;

    private final OutputStream out;
    private byte[] buffer = new byte[64 * 1024];

    StdoutSink(OutputStream out) {
        this.out = out;
    }

    /** Line framing's escaping; one record per message (a message too long for maxsize is truncated). */
    @Override
    public RecordRules recordRules() {
        return new RecordRules(RecordRules.LineBreaks.ESCAPE, 0, false);
    }

    @Override
    public DeliveryResult send(MessageBatch messages, Deadline deadline) {
        int pos = 0;
        long written = 0;
        byte[] data = messages.data();
        try {
            for (int i = 0; i < messages.size(); i++) {
                for (int r = 0; r < messages.records(i); r++) {
                    int from = messages.recordOffset(i, r);
                    int to = from + messages.recordLength(i, r);
                    int needed = FRAMING.maxFramedLength(to - from);
                    if (pos + needed > buffer.length) {
                        out.write(buffer, 0, pos);
                        written += pos;
                        pos = 0;
                        if (needed > buffer.length) {
                            buffer = new byte[needed];
                        }
                    }
                    pos = FRAMING.frame(data, from, to, buffer, pos);
                }
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
