package dev.logdrain.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One message as a real syslog server parsed it.
 *
 * <p>Header fields that the message left empty (RFC 5424's NILVALUE) are {@code "-"} whichever server
 * parsed it (rsyslog reports {@code -}, syslog-ng reports an empty string; both are normalised to
 * {@code "-"}). {@code msg} and {@code raw} are exactly what the server reported.
 *
 * @param pri            the PRI value (facility * 8 + severity)
 * @param hostname       HOSTNAME
 * @param appName        APP-NAME (RFC 3164: the TAG without {@code [pid]} and colon)
 * @param procid         PROCID
 * @param msgid          MSGID
 * @param structuredData STRUCTURED-DATA as text, e.g. {@code [ex@1 a="b"]}, or {@code "-"}
 * @param timestamp      the message's own timestamp in RFC 3339 as the server printed it (rsyslog keeps the
 *                       sender's precision and offset, e.g. {@code 2024-01-02T03:04:05.123Z}; syslog-ng prints
 *                       milliseconds and a numeric offset, e.g. {@code 2024-01-02T03:04:05.123+00:00}). A message
 *                       without a timestamp gets the time of reception. See {@link #instant()}.
 * @param msg            MSG. Notes: rsyslog keeps a UTF-8 BOM at its start if one was sent, syslog-ng
 *                       drops it (compare {@link #msgWithoutBom()}); rsyslog's RFC 3164 parser keeps the
 *                       space after the TAG's colon, syslog-ng drops it. Control characters and line
 *                       breaks are kept by both.
 * @param raw            the whole message as received, without framing (rsyslog: {@code rawmsg};
 *                       syslog-ng: {@code $RAWMSG})
 * @param input          which {@link Input} received it, or null when the server could not tell
 */
public record ReceivedMessage(
        int pri,
        String hostname,
        String appName,
        String procid,
        String msgid,
        String structuredData,
        String timestamp,
        String msg,
        String raw,
        Input input) {

    private static final String BOM = "\uFEFF";

    /** Facility number, {@code pri / 8}. */
    public int facility() {
        return pri >> 3;
    }

    /** Severity number, {@code pri % 8}. */
    public int severity() {
        return pri & 7;
    }

    /** The timestamp as an Instant. */
    public Instant instant() {
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("not an RFC 3339 timestamp: " + timestamp, e);
        }
    }

    /** MSG without a leading UTF-8 byte order mark. */
    public String msgWithoutBom() {
        return msg != null && msg.startsWith(BOM) ? msg.substring(1) : msg;
    }

    static String nil(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
