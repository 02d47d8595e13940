package dev.logdrain.syslog.transport.internal;

import dev.logdrain.spi.Framing;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.RecordRules;

/**
 * Frames the records of a batch for a stream transport into its {@link Journal}, with the core's {@link Framing}
 * (the one owner of framing and of escaping line breaks, shared with the console), recording where each
 * event ends. The forwarder has escaped or split line breaks already, as {@link #recordRules()} asks.
 */
public final class Framer {

    public enum Multiline { ESCAPE, SPLIT }

    private final Framing framing;
    private final Multiline multiline;

    public Framer(Framing framing, Multiline multiline) {
        this.framing = framing;
        this.multiline = multiline;
    }

    public Framing framing() {
        return framing;
    }

    public Multiline multiline() {
        return multiline;
    }

    /** What the forwarder must do before it cuts to {@code maxsize}: {@link Framing#recordRules}. */
    public RecordRules recordRules() {
        return framing.recordRules(multiline == Multiline.SPLIT);
    }

    /** Starts a batch in {@code out} and frames every message of it there. */
    void frame(MessageBatch batch, Journal out) {
        out.beginBatch(batch.size());
        append(batch, out);
    }

    /** Frames every message of {@code batch} (a whole batch or its next part) after the current batch's bytes
     * in {@code out}, each of its records in a frame of its own, recording where each event's bytes end. */
    void append(MessageBatch batch, Journal out) {
        int count = batch.size();
        byte[] data = batch.data();
        if (batch.oneRecordEach()) { // the common case: each message is its record, back to back
            int from = 0;
            for (int i = 0; i < count; i++) {
                int end = from + batch.length(i);
                framing.frame(data, from, end, out.room(framing.maxFramedLength(end - from)));
                out.endEvent();
                from = end;
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int records = batch.records(i);
            for (int r = 0; r < records; r++) {
                int from = batch.recordOffset(i, r);
                int length = batch.recordLength(i, r);
                framing.frame(data, from, from + length, out.room(framing.maxFramedLength(length)));
            }
            out.endEvent();
        }
    }
}
