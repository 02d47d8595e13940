package dev.logdrain.spi;

import java.util.Objects;

/**
 * One log line.
 *
 * @param id        the event id given by the origin (CloudWatch's event id), never null
 * @param timestamp epoch milliseconds
 * @param message   the text; any Unicode, line breaks and control characters are allowed. One trailing
 *                  line break (LF or CRLF) is not part of the message and is removed, since runtimes end
 *                  every line with one; line breaks inside the message are kept.
 */
public record LogEvent(String id, long timestamp, String message) {

    public LogEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        message = stripOneTrailingLineBreak(message);
    }

    static String stripOneTrailingLineBreak(String message) {
        int n = message.length();
        if (n > 0 && message.charAt(n - 1) == '\n') {
            n--;
            if (n > 0 && message.charAt(n - 1) == '\r') {
                n--;
            }
            return message.substring(0, n);
        }
        return message;
    }
}
