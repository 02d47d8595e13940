package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.LogEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast reader for the usual decoded payload, one JSON object held in memory as CloudWatch Logs writes it:
 * strings are made straight from the UTF-8 bytes by {@link JsonCursor} instead of through a parser's
 * {@code char[]}, and a message is no String at all: its bytes, unescaped and checked, are copied into a
 * {@link MessageArena} and the event keeps them ({@code LogEvent.ofUtf8}), for formatters to copy as they are.
 * It accepts strictly valid JSON only,
 * and gives up ({@code null}) on anything it does not handle or that is not fine: invalid JSON, a missing or
 * mistyped field, an id or timestamp written in another form, a {@code \}{@code u} escape of a lone
 * surrogate, bytes that are not UTF-8, several values, a duplicate key, a string or an event count past the
 * decoder's limits. The Jackson path then reads the same bytes, so results and error messages are exactly that
 * path's.
 */
final class PayloadScanner extends JsonCursor {

    // the known keys of a payload and of an event, as bits of a mask of those seen
    private static final int SEEN_MESSAGE_TYPE = 1;
    private static final int SEEN_OWNER = 2;
    private static final int SEEN_LOG_GROUP = 4;
    private static final int SEEN_LOG_STREAM = 8;
    private static final int SEEN_FILTERS = 16;
    private static final int SEEN_LOG_EVENTS = 32;
    private static final int SEEN_ID = 1;
    private static final int SEEN_TIMESTAMP = 2;
    private static final int SEEN_MESSAGE = 4;

    private static final byte[] MESSAGE_TYPE = ascii("messageType");
    private static final byte[] OWNER = ascii("owner");
    private static final byte[] LOG_GROUP = ascii("logGroup");
    private static final byte[] LOG_STREAM = ascii("logStream");
    private static final byte[] SUBSCRIPTION_FILTERS = ascii("subscriptionFilters");
    private static final byte[] LOG_EVENTS = ascii("logEvents");
    private static final byte[] AWSLOGS = ascii("awslogs");
    private static final byte[] REQUEST_PAYLOAD = ascii("requestPayload");
    private static final byte[] ID = ascii("id");
    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] MESSAGE = ascii("message");
    // the event keys as written, with their colon ("id": 5 bytes, "timestamp": 12, "message": 10), as words
    private static final long ID_HEAD = word("\"id\":", 0);
    private static final long ID_MASK = 0xFF_FFFF_FFFFL;
    private static final long TIMESTAMP_HEAD = word("\"timestamp\":", 0);
    private static final long TIMESTAMP_TAIL = word("\"timestamp\":", 4);
    private static final long MESSAGE_HEAD = word("\"message\":", 0);
    private static final long MESSAGE_TAIL = word("\"message\":", 2);


    private final int maxEvents;
    private final MessageArena arena = new MessageArena();
    /** Where {@link #message()} put the last message in the array it returned, and whether it is ASCII. */
    private int messageOffset;
    private int messageLength;
    private boolean messageAscii;

    private PayloadScanner(byte[] b, int off, int end, int maxString, int maxEvents) {
        super(b, off, end, maxString);
        this.maxEvents = maxEvents;
    }

    /** The payload in {@code b[off, off+len)} without limits (tests), or null when the parser must decide. */
    static CloudWatchPayload scan(byte[] b, int off, int len) {
        return scan(b, off, len, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The payload in {@code b[off, off+len)}, or null when the parser must decide.
     *
     * @param maxString the longest string, in bytes as written (the parser's limit is in characters, never more)
     * @param maxEvents the most log events the payload may hold
     */
    static CloudWatchPayload scan(byte[] b, int off, int len, int maxString, int maxEvents) {
        try {
            return new PayloadScanner(b, off, off + len, maxString, maxEvents).payload();
        } catch (GiveUp e) {
            return null;
        }
    }

    private CloudWatchPayload payload() {
        blanks();
        expect('{');
        String messageType = null;
        String owner = null;
        String logGroup = null;
        String logStream = null;
        List<String> filters = null;
        List<LogEvent> events = null;
        int seen = 0;
        int base = otherKeysTop;
        blanks();
        if (peek() == '}') {
            p++;
        } else {
            while (true) {
                key();
                if (isKey(MESSAGE_TYPE)) {
                    seen = seen(seen, SEEN_MESSAGE_TYPE);
                    messageType = stringOrNull();
                } else if (isKey(OWNER)) {
                    seen = seen(seen, SEEN_OWNER);
                    owner = stringOrNull();
                } else if (isKey(LOG_GROUP)) {
                    seen = seen(seen, SEEN_LOG_GROUP);
                    logGroup = stringOrNull();
                } else if (isKey(LOG_STREAM)) {
                    seen = seen(seen, SEEN_LOG_STREAM);
                    logStream = stringOrNull();
                } else if (isKey(SUBSCRIPTION_FILTERS)) {
                    seen = seen(seen, SEEN_FILTERS);
                    filters = stringsOrNull();
                } else if (isKey(LOG_EVENTS)) {
                    seen = seen(seen, SEEN_LOG_EVENTS);
                    events = events();
                } else if (isKey(AWSLOGS) || isKey(REQUEST_PAYLOAD)) {
                    throw GIVE_UP; // a wrapper
                } else {
                    otherKey(base);
                    skipValue(0);
                }
                if (!nextMember()) {
                    break;
                }
            }
        }
        blanks();
        if (p != end || messageType == null) {
            throw GIVE_UP;
        }
        if (!messageType.equals(CloudWatchPayload.CONTROL_MESSAGE) && (!messageType.equals(CloudWatchPayload.DATA_MESSAGE)
                || logGroup == null || logStream == null || events == null)) {
            throw GIVE_UP; // the parser names what is wrong
        }
        return new CloudWatchPayload(messageType, owner, logGroup, logStream, filters, events);
    }

    private List<LogEvent> events() {
        expect('[');
        List<LogEvent> events = new ArrayList<>();
        blanks();
        if (peek() == ']') {
            p++;
            return events;
        }
        while (true) {
            expect('{');
            String id = null;
            long timestamp = 0;
            boolean hasTimestamp = false;
            byte[] message = null;
            int seen = 0;
            int base = otherKeysTop;
            blanks();
            if (peek() == '}') {
                throw GIVE_UP;
            }
            while (true) {
                int known = expectedKey(seen);
                if (known == 0) {
                    key();
                    known = isKey(ID) ? SEEN_ID : isKey(TIMESTAMP) ? SEEN_TIMESTAMP : isKey(MESSAGE) ? SEEN_MESSAGE : 0;
                }
                if (known == SEEN_ID) {
                    seen = seen(seen, SEEN_ID);
                    expect('"');
                    id = string();
                } else if (known == SEEN_TIMESTAMP) {
                    seen = seen(seen, SEEN_TIMESTAMP);
                    timestamp = timestamp();
                    hasTimestamp = true;
                } else if (known == SEEN_MESSAGE) {
                    seen = seen(seen, SEEN_MESSAGE);
                    expect('"');
                    message = message();
                } else {
                    otherKey(base);
                    skipValue(0);
                }
                if (!nextMember()) {
                    break;
                }
            }
            otherKeysTop = base;
            if (id == null || !hasTimestamp || message == null || events.size() >= maxEvents) {
                throw GIVE_UP;
            }
            events.add(LogEvent.ofUtf8(id, timestamp, message, messageOffset, messageLength, messageAscii));
            blanks();
            byte c = next();
            if (c == ']') {
                return events;
            }
            if (c != ',') {
                throw GIVE_UP;
            }
            blanks();
        }
    }

    /**
     * The key CloudWatch Logs writes next ({@code "id"}, {@code "timestamp"}, {@code "message"} in that order),
     * its bit, read with its colon when the bytes at p are that key, quoted, and a colon; else 0, nothing read.
     */
    private int expectedKey(int seen) {
        if (end - p < 16) {
            return 0; // (a whole event is longer: the general path reads the last few bytes)
        }
        long head = (long) LONGS.get(b, p);
        int length;
        int bit;
        if (seen == 0 && (head & ID_MASK) == ID_HEAD) {
            length = 5;
            bit = SEEN_ID;
        } else if (seen == SEEN_ID && head == TIMESTAMP_HEAD && (long) LONGS.get(b, p + 4) == TIMESTAMP_TAIL) {
            length = 12;
            bit = SEEN_TIMESTAMP;
        } else if (seen == (SEEN_ID | SEEN_TIMESTAMP) && head == MESSAGE_HEAD
                && (long) LONGS.get(b, p + 2) == MESSAGE_TAIL) {
            length = 10;
            bit = SEEN_MESSAGE;
        } else {
            return 0;
        }
        keyStart = p + 1;
        keyEnd = p + length - 2;
        p += length;
        blanks();
        return bit;
    }

    /** Eight bytes of {@code s} from {@code from} as LONGS reads them, zeros past its end. */
    private static long word(String s, int from) {
        byte[] bytes = ascii(s);
        long word = 0;
        for (int i = 0; i < 8 && from + i < bytes.length; i++) {
            word |= (bytes[from + i] & 0xFFL) << (8 * i);
        }
        return word;
    }

    /**
     * The rest of a message string, its opening quote read: its unescaped UTF-8 bytes, checked and copied out of
     * the JSON into the arena (the event keeps them; no String is made). Bytes that are not UTF-8 give up.
     */
    private byte[] message() {
        span();
        if (!spanAscii && !Utf8.isValid(spanBytes, spanFrom, spanTo)) {
            throw GIVE_UP; // the parser names the problem
        }
        messageLength = spanTo - spanFrom;
        messageAscii = spanAscii;
        byte[] kept = arena.copy(spanBytes, spanFrom, messageLength, end - p);
        messageOffset = arena.offset();
        return kept;
    }
}
