package dev.logdrain.internal;

import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import dev.logdrain.spi.RecordRules;
import java.util.Arrays;

/**
 * Turns each formatted message into the records its sink sends, the one place that escapes, splits and cuts:
 * first line breaks are escaped (or the message is split into one record per line) as the sink's
 * {@link RecordRules} require, then every record longer than {@code maxsize} is truncated or split
 * ({@code oversize}). Escaping first means that a record on the wire is never longer than {@code maxsize}, so
 * a receiver that keeps to that size never splits it and never takes its tail for a record of its own.
 *
 * <p>Only the free text after the header the formatter marked ({@link MessageBuffer#markHeaderEnd()}) is
 * escaped, cut or split; each part of a split message is a complete record: the header, a part marker, and
 * the next piece of the text. The marker is an SD element {@code [part@32473 n="2" of="3" id="EVENT-ID"]}
 * when the formatter marked STRUCTURED-DATA (RFC 5424), else the text starts with {@code [part 2/3 id=EVENT-ID] }.
 * The pieces are cut on UTF-8 boundaries: their texts joined in order give the event's text (escaped).
 * A message without a marked header (a plugin's format) or a sink that takes one record per event is
 * truncated instead.
 */
final class RecordShaper {

    enum Oversize { SPLIT, TRUNCATE }

    /** Outcome flags of {@link #shape}. */
    static final int TRUNCATED = 1;
    static final int SPLIT = 2;

    static final String PART_SD_ID = "part@32473";
    /** Fewer bytes of text per part than this: splitting would be absurd, so the record is truncated. */
    static final int MIN_PART_TEXT = 16;
    private static final int MAX_ID = 64;

    private final RecordRules.LineBreaks lineBreaks;
    private final boolean manyRecords;
    private final boolean split;
    /** maxsize less the framing bytes a receiver counts. */
    private final int limit;

    /** The end of every record shaped since {@link #clear()} (offsets in the route's buffer). */
    private int[] recordEnds = new int[256];
    private int records;

    private byte[] header = new byte[512];
    private int headerLength;
    /** Offset in {@link #header} where STRUCTURED-DATA ends, or -1. */
    private int sdEnd;
    private byte[] text = new byte[8192];
    private final MessageBuffer marker = new MessageBuffer(128);

    RecordShaper(RecordRules rules, int maxSize, Oversize oversize) {
        this.lineBreaks = rules.lineBreaks() == RecordRules.LineBreaks.SPLIT && !rules.manyRecords()
                ? RecordRules.LineBreaks.ESCAPE : rules.lineBreaks();
        this.manyRecords = rules.manyRecords();
        this.split = oversize == Oversize.SPLIT && rules.manyRecords();
        this.limit = Math.max(1, maxSize - rules.countedFraming());
    }

    void clear() {
        records = 0;
    }

    int records() {
        return records;
    }

    int[] recordEnds() {
        return recordEnds;
    }

    /**
     * Shapes the message the formatter just wrote to {@code out} from {@code start} into records, in place.
     *
     * @return {@link #TRUNCATED} and/or {@link #SPLIT} when the message had to be cut or split, else 0
     */
    int shape(MessageBuffer out, int start, LogEvent event) {
        int end = out.length();
        int headerEnd = out.headerEnd();
        if (headerEnd < start || headerEnd > end) {
            headerEnd = -1;
        }
        boolean escape = lineBreaks != RecordRules.LineBreaks.KEEP;
        if (end - start <= limit && (!escape || lineBreakAt(out.array(), start, end) < 0)) {
            addRecord(end); // the common case: nothing to do
            return 0;
        }
        if (headerEnd >= 0 && escape && lineBreakAt(out.array(), start, headerEnd) >= 0) {
            headerEnd = -1; // a header with a line break (a plugin's format): all of it is text to escape
        }
        int textStart = headerEnd < 0 ? start : headerEnd;
        keepHeader(out, start, textStart);
        boolean byLine = lineBreaks == RecordRules.LineBreaks.SPLIT && headerEnd >= 0;
        int textLength = copyText(out.array(), textStart, end, escape, byLine);
        out.setLength(start);
        if (byLine) {
            return splitLines(out, event, textLength);
        }
        return emit(out, event, 0, textLength, headerEnd >= 0);
    }

    /** {@code multiline=split}: one record per line (empty lines dropped); the text has no CR left. */
    private int splitLines(MessageBuffer out, LogEvent event, int textLength) {
        int outcome = 0;
        boolean wrote = false;
        int lineStart = 0;
        while (lineStart <= textLength) {
            int lineEnd = indexOf(text, (byte) '\n', lineStart, textLength);
            int stop = lineEnd < 0 ? textLength : lineEnd;
            if (stop > lineStart) {
                outcome |= emit(out, event, lineStart, stop, true);
                wrote = true;
            }
            lineStart = stop + 1;
        }
        if (!wrote) { // only line breaks: the event stays one record, its header alone
            outcome |= emit(out, event, 0, 0, true);
        }
        return outcome;
    }

    /** Writes header + text[from, to) as one record, or as several when it is too long. */
    private int emit(MessageBuffer out, LogEvent event, int from, int to, boolean hasHeader) {
        int recordStart = out.length();
        if (headerLength + to - from <= limit) {
            out.write(header, 0, headerLength).write(text, from, to - from);
            addRecord(out.length());
            return 0;
        }
        if (split && hasHeader && splitInParts(out, event, from, to)) {
            return SPLIT;
        }
        out.write(header, 0, headerLength).write(text, from, to - from);
        out.setLength(out.utf8Boundary(recordStart, limit));
        addRecord(out.length());
        return TRUNCATED;
    }

    /** Writes text[from, to) as parts that each fit the limit; false (nothing written) when no part could. */
    private boolean splitInParts(MessageBuffer out, LogEvent event, int from, int to) {
        String id = markerId(event.id(), sdEnd >= 0);
        for (int digits = 1; digits <= 9; digits++) {
            int room = limit - headerLength - markerLength(id, digits);
            if (room < MIN_PART_TEXT) {
                return false;
            }
            int parts = countParts(from, to, room);
            if (digits(parts) > digits) {
                continue; // the marker needs more digits, which leaves less room: count again
            }
            int pos = from;
            for (int n = 1; n <= parts; n++) {
                int stop = pieceEnd(pos, to, room);
                writeHeaderWithMarker(out, id, n, parts);
                out.write(text, pos, stop - pos);
                addRecord(out.length());
                pos = stop;
            }
            return true;
        }
        return false;
    }

    private int countParts(int from, int to, int room) {
        int parts = 0;
        for (int pos = from; pos < to; pos = pieceEnd(pos, to, room)) {
            parts++;
        }
        return Math.max(parts, 1);
    }

    /**
     * Where the piece starting at {@code pos} ends: at most {@code room} bytes, on a UTF-8 boundary, and not
     * right after a line break (rsyslog and syslog-ng drop a frame's trailing LF, which would lose it).
     */
    private int pieceEnd(int pos, int to, int room) {
        if (to - pos <= room) {
            return to;
        }
        int stop = pos + room;
        while (stop > pos + 1 && (text[stop] & 0xC0) == 0x80) {
            stop--;
        }
        int beforeBreaks = stop;
        while (beforeBreaks > pos + 1 && (text[beforeBreaks - 1] == '\n' || text[beforeBreaks - 1] == '\r')) {
            beforeBreaks--;
        }
        return text[beforeBreaks - 1] == '\n' || text[beforeBreaks - 1] == '\r' ? stop : beforeBreaks;
    }

    private int markerLength(String id, int digits) {
        marker.reset();
        int widest = 1;
        for (int d = 0; d < digits; d++) {
            widest *= 10;
        }
        writeMarker(id, widest - 1, widest - 1);
        int nilReplaced = sdEnd >= 0 && nilStructuredData() ? 1 : 0;
        return marker.length() - nilReplaced;
    }

    private void writeHeaderWithMarker(MessageBuffer out, String id, int n, int of) {
        marker.reset();
        writeMarker(id, n, of);
        if (sdEnd < 0) { // the marker starts the text
            out.write(header, 0, headerLength).write(marker.array(), 0, marker.length());
            return;
        }
        int before = nilStructuredData() ? sdEnd - 1 : sdEnd; // "-" is replaced by the element
        out.write(header, 0, before).write(marker.array(), 0, marker.length())
                .write(header, sdEnd, headerLength - sdEnd);
    }

    private void writeMarker(String id, int n, int of) {
        if (sdEnd >= 0) {
            marker.writeAscii("[" + PART_SD_ID + " n=\"").writeDecimal(n).writeAscii("\" of=\"").writeDecimal(of)
                    .writeByte('"');
            if (!id.isEmpty()) {
                marker.writeAscii(" id=\"").writeAscii(id).writeByte('"');
            }
            marker.writeByte(']');
        } else {
            marker.writeAscii("[part ").writeDecimal(n).writeByte('/').writeDecimal(of);
            if (!id.isEmpty()) {
                marker.writeAscii(" id=").writeAscii(id);
            }
            marker.writeAscii("] ");
        }
    }

    private boolean nilStructuredData() {
        return sdEnd >= 2 && header[sdEnd - 1] == '-' && header[sdEnd - 2] == ' ';
    }

    /** The event id as it can stand in the marker: printable ASCII (escaped for SD), at most 64 characters. */
    static String markerId(String id, boolean sdParam) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < id.length() && b.length() < MAX_ID; i++) {
            char c = id.charAt(i);
            if (sdParam && c > ' ' && c < 127) {
                if (c == '"' || c == '\\' || c == ']') {
                    b.append('\\');
                }
                b.append(c);
            } else if (!sdParam && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == ':')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void keepHeader(MessageBuffer out, int start, int headerEnd) {
        headerLength = headerEnd - start;
        if (header.length < headerLength) {
            header = new byte[Math.max(headerLength, header.length * 2)];
        }
        System.arraycopy(out.array(), start, header, 0, headerLength);
        int marked = out.structuredDataEnd();
        sdEnd = marked >= start && marked <= headerEnd ? marked - start : -1;
    }

    /**
     * Copies the text to {@link #text} and returns its length. With {@code escape}, CR and LF become {@code \r}
     * and {@code \n}; {@code byLine} (the text is to be split into lines), a CR LF becomes one LF (the line
     * break split on), any other CR is escaped, and LF is kept.
     */
    private int copyText(byte[] src, int from, int to, boolean escape, boolean byLine) {
        int n = to - from;
        ensureText(escape ? 2 * n : n);
        if (!escape) {
            System.arraycopy(src, from, text, 0, n);
            return n;
        }
        boolean keepLf = byLine;
        int pos = 0;
        for (int i = from; i < to; i++) {
            byte c = src[i];
            if (keepLf && c == '\r' && i + 1 < to && src[i + 1] == '\n') {
                continue;
            }
            if (c == '\n' && !keepLf || c == '\r') {
                text[pos++] = '\\';
                text[pos++] = c == '\n' ? (byte) 'n' : (byte) 'r';
            } else {
                text[pos++] = c;
            }
        }
        return pos;
    }

    private void ensureText(int n) {
        if (text.length < n) {
            text = new byte[Math.max(n, text.length * 2)];
        }
    }

    private void addRecord(int end) {
        if (records == recordEnds.length) {
            recordEnds = Arrays.copyOf(recordEnds, records * 2);
        }
        recordEnds[records++] = end;
    }

    private static int lineBreakAt(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
