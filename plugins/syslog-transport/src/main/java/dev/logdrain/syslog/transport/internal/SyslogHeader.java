package dev.logdrain.syslog.transport.internal;

/**
 * Finds where the header of a formatted syslog message ends and its MSG part begins, so that
 * {@code multiline=split} can repeat the header on every line. Knows RFC 5424 (and the {@code convox}
 * format, which has its shape) and RFC 3164 with a classic {@code Mmm dd hh:mm:ss} timestamp.
 */
final class SyslogHeader {

    private SyslogHeader() {
    }

    /**
     * @return the length of the header including the space before MSG, or -1 when the message starts
     *         with no header known here
     */
    static int length(byte[] b, int from, int to) {
        int pos = from;
        if (pos >= to || b[pos] != '<') {
            return -1;
        }
        pos++;
        int digits = 0;
        while (pos < to && isDigit(b[pos]) && digits < 3) {
            pos++;
            digits++;
        }
        if (digits == 0 || pos >= to || b[pos] != '>') {
            return -1;
        }
        pos++;
        int afterPri = pos;
        int rfc5424 = rfc5424(b, afterPri, to);
        if (rfc5424 >= 0) {
            return rfc5424 - from;
        }
        int rfc3164 = rfc3164(b, afterPri, to);
        return rfc3164 >= 0 ? rfc3164 - from : -1;
    }

    /** VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]. */
    private static int rfc5424(byte[] b, int pos, int to) {
        int digits = 0;
        while (pos < to && isDigit(b[pos]) && digits < 3) {
            pos++;
            digits++;
        }
        if (digits == 0 || pos >= to || b[pos] != ' ') {
            return -1;
        }
        pos++;
        for (int field = 0; field < 5; field++) {
            int start = pos;
            while (pos < to && b[pos] > ' ' && b[pos] < 127) {
                pos++;
            }
            if (pos == start || pos >= to || b[pos] != ' ') {
                return -1;
            }
            pos++;
        }
        // STRUCTURED-DATA: '-' or one or more [id param="value" ...] with \" \\ \] escapes inside values
        if (pos >= to) {
            return -1;
        }
        if (b[pos] == '-') {
            pos++;
        } else if (b[pos] == '[') {
            while (pos < to && b[pos] == '[') {
                pos++;
                boolean quoted = false;
                while (pos < to) {
                    byte c = b[pos];
                    if (quoted && c == '\\') {
                        pos += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == ']' && !quoted) {
                        break;
                    }
                    pos++;
                }
                if (pos >= to) {
                    return -1;
                }
                pos++; // the ']'
            }
        } else {
            return -1;
        }
        if (pos == to) {
            return pos;
        }
        return b[pos] == ' ' ? pos + 1 : -1;
    }

    /** Mmm dd hh:mm:ss SP HOSTNAME SP [TAG: SP]. */
    private static int rfc3164(byte[] b, int pos, int to) {
        if (to - pos < 16) {
            return -1;
        }
        boolean shape = isLetter(b[pos]) && isLetter(b[pos + 1]) && isLetter(b[pos + 2]) && b[pos + 3] == ' '
                && (b[pos + 4] == ' ' || isDigit(b[pos + 4])) && isDigit(b[pos + 5]) && b[pos + 6] == ' '
                && isDigit(b[pos + 7]) && isDigit(b[pos + 8]) && b[pos + 9] == ':' && isDigit(b[pos + 10])
                && isDigit(b[pos + 11]) && b[pos + 12] == ':' && isDigit(b[pos + 13]) && isDigit(b[pos + 14])
                && b[pos + 15] == ' ';
        if (!shape) {
            return -1;
        }
        pos += 16;
        int start = pos;
        while (pos < to && b[pos] > ' ' && b[pos] < 127) {
            pos++;
        }
        if (pos == start || pos >= to || b[pos] != ' ') {
            return -1;
        }
        pos++;
        int afterHost = pos;
        while (pos < to && b[pos] > ' ' && b[pos] < 127) {
            pos++;
        }
        if (pos > afterHost && b[pos - 1] == ':' && pos < to && b[pos] == ' ') {
            return pos + 1;
        }
        return afterHost;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
