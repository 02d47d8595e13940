package dev.logdrain.spi;

/**
 * What a sink's framing requires of the records it is given, declared by the sink ({@link Sink#recordRules()})
 * so that the forwarder shapes every message to it <em>before</em> it cuts the message to {@code maxsize}:
 * a record on the wire is then never longer than {@code maxsize} (the framing's own prefix, such as an
 * octet count, aside). One place (the forwarder) escapes, splits and cuts; sinks only frame.
 *
 * @param lineBreaks     what the framing does with a line break inside a message
 * @param countedFraming bytes the framing adds to each record that a receiver counts against its own limit
 *                       (rsyslog counts the CR of CRLF framing as part of the line)
 * @param manyRecords    the sink reads {@link MessageBatch#records(int)}: an event may become several records
 *                       ({@code oversize=split}, {@code multiline=split}); without it, a message too long is
 *                       truncated and {@link LineBreaks#SPLIT} falls back to {@link LineBreaks#ESCAPE}
 */
public record RecordRules(LineBreaks lineBreaks, int countedFraming, boolean manyRecords) {

    /** Line breaks are carried as they are (octet counting, RELP, UDP, a sink of its own). */
    public static final RecordRules TRANSPARENT = new RecordRules(LineBreaks.KEEP, 0, false);

    public enum LineBreaks {
        /** Carried as they are. */
        KEEP,
        /** CR and LF become the two characters {@code \r} and {@code \n}. */
        ESCAPE,
        /** Each line becomes a record of its own under a copy of the message's header (CR escaped). */
        SPLIT
    }

    public RecordRules {
        if (lineBreaks == null || countedFraming < 0 || countedFraming > 16) {
            throw new IllegalArgumentException("lineBreaks " + lineBreaks + ", countedFraming " + countedFraming);
        }
    }
}
