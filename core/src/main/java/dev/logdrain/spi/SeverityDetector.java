package dev.logdrain.spi;

/**
 * {@code severity=auto}: finds the level a message states about itself, by hand-written scanning (no regular
 * expression, no copy of the text: an ASCII event is read from its UTF-8 bytes, {@link #detect(LogEvent, int)}). In
 * order:
 * <ol>
 * <li>a JSON object's top-level {@code level}, {@code severity} or {@code log.level} field, or the
 * {@code level} of a nested {@code log} object (key case ignored); the value a name such as {@code "warn"}
 * or a number: 0-7 as syslog severities, 10-60 as pino/bunyan levels;</li>
 * <li>a leading {@code ERROR}, {@code WARN}, {@code WARNING}, {@code INFO}, {@code DEBUG}, {@code TRACE},
 * {@code FATAL} or {@code CRITICAL} token, any case, optionally in brackets ({@code [ERROR]}, as the Python
 * and Java Lambda runtimes write it), followed by a non-alphanumeric character or the end;</li>
 * <li>the Node.js Lambda runtime's tab-separated line {@code TIMESTAMP\tREQUEST-ID\tLEVEL\tmessage};</li>
 * </ol>
 * otherwise the fallback (info).
 *
 * <p>In core, not in a plugin, because formatters ({@code severity=auto}) and processors
 * ({@code minseverity}, {@code sample.keep}) must agree on an event's level, and plugins share code only
 * through core.
 */
public final class SeverityDetector {

    /** Syslog severity numbers (RFC 5424 section 6.2.1): lower is worse. */
    public static final int EMERG = 0;
    public static final int ALERT = 1;
    public static final int CRIT = 2;
    public static final int ERR = 3;
    public static final int WARNING = 4;
    public static final int NOTICE = 5;
    public static final int INFO = 6;
    public static final int DEBUG = 7;

    private static final String[] NAMES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private static final int NONE = -1;
    /** JSON documents are only searched this deep for the level, so that a huge message costs little. */
    private static final int MAX_JSON_SCAN = 64 * 1024;

    private SeverityDetector() {
    }

    /**
     * The severity number of a name as an option gives it ({@code warning}, {@code warn}, {@code error},
     * {@code err}, {@code critical}, ... any case) or a number 0-7; -1 when it is neither.
     */
    public static int parseName(String value) {
        String v = value.strip();
        if (v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '7') {
            return v.charAt(0) - '0';
        }
        int named = nameSeverity(TextView.of(v), 0, v.length());
        return named == NONE && v.equalsIgnoreCase("informational") ? INFO : named;
    }

    /** The short name of a severity number, e.g. {@code warning} for 4. */
    public static String name(int severity) {
        return NAMES[severity];
    }

    public static int detect(String message, int fallback) {
        return detect((CharSequence) message, 0, fallback);
    }

    /** Detects the level of the message text that starts at {@code from}. */
    public static int detect(String message, int from, int fallback) {
        return detect((CharSequence) message, from, fallback);
    }

    /**
     * Detects the level of an event's message: {@code detect(event.messageChars(), 0, fallback)}, which reads
     * an ASCII message from its bytes without making a String.
     */
    public static int detect(LogEvent event, int fallback) {
        return detect(event.messageChars(), 0, fallback);
    }

    /** Detects the level of the text that starts at {@code from}, of any kind of characters. */
    public static int detect(CharSequence text, int from, int fallback) {
        TextView message = TextView.of(text); // one concrete type for every call below
        int n = message.length();
        int i = from;
        while (i < n && isBlank(message.charAt(i))) {
            i++;
        }
        if (i == n) {
            return fallback;
        }
        int found;
        if (message.charAt(i) == '{') {
            found = new JsonScan(message, i, Math.min(n, i + MAX_JSON_SCAN)).topLevel();
            if (found != NONE) {
                return found;
            }
        }
        found = leadingToken(message, i);
        if (found != NONE) {
            return found;
        }
        found = lambdaTabSeparated(message, from);
        return found != NONE ? found : fallback;
    }

    /** The first tab in {@code s[from, last]}, or -1: a line's fields are short, so no need to look further. */
    private static int indexOfTab(TextView s, int from, int last) {
        int end = Math.min(s.length(), last + 1);
        for (int i = from; i < end; i++) {
            if (s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** {@code ERROR ...}, {@code [warn] ...}, {@code Info: ...}. */
    private static int leadingToken(TextView s, int from) {
        int start = from;
        boolean bracket = s.charAt(start) == '[';
        if (bracket) {
            start++;
        }
        int end = start;
        while (end < s.length() && end - start <= 8 && isLetter(s.charAt(end))) {
            end++;
        }
        int severity = tokenSeverity(s, start, end);
        if (severity == NONE) {
            return NONE;
        }
        if (bracket) {
            return end < s.length() && s.charAt(end) == ']' ? severity : NONE;
        }
        return end == s.length() || !isLetterOrDigit(s.charAt(end)) ? severity : NONE;
    }

    /** The Node.js runtime: {@code 2024-05-01T12:00:00.000Z\t<request id>\tERROR\tmessage}. */
    private static int lambdaTabSeparated(TextView s, int from) {
        if (from >= s.length() || s.charAt(from) < '0' || s.charAt(from) > '9') {
            return NONE;
        }
        int tab1 = indexOfTab(s, from, from + 40);
        if (tab1 < 0) {
            return NONE;
        }
        int tab2 = indexOfTab(s, tab1 + 1, tab1 + 80);
        if (tab2 < 0) {
            return NONE;
        }
        int end = tab2 + 1;
        while (end < s.length() && end - tab2 <= 9 && isLetter(s.charAt(end))) {
            end++;
        }
        if (end < s.length() && s.charAt(end) != '\t') {
            return NONE;
        }
        return tokenSeverity(s, tab2 + 1, end);
    }

    /** The leading-token names: the levels logging libraries write, not every syslog severity name. */
    private static int tokenSeverity(TextView s, int from, int to) {
        switch (to - from) {
            case 4:
                if (matches(s, from, "info")) {
                    return INFO;
                }
                if (matches(s, from, "warn")) {
                    return WARNING;
                }
                return NONE;
            case 5:
                if (matches(s, from, "error")) {
                    return ERR;
                }
                if (matches(s, from, "debug") || matches(s, from, "trace")) {
                    return DEBUG;
                }
                if (matches(s, from, "fatal")) {
                    return CRIT;
                }
                return NONE;
            case 7:
                return matches(s, from, "warning") ? WARNING : NONE;
            case 8:
                return matches(s, from, "critical") ? CRIT : NONE;
            default:
                return NONE;
        }
    }

    /** Level names as JSON loggers write them: every syslog name and the usual library names. */
    static int nameSeverity(TextView s, int from, int to) {
        switch (to - from) {
            case 3:
                return matches(s, from, "err") ? ERR : NONE;
            case 4:
                if (matches(s, from, "crit")) {
                    return CRIT;
                }
                if (matches(s, from, "fine")) {
                    return DEBUG;
                }
                return tokenSeverity(s, from, to);
            case 5:
                if (matches(s, from, "emerg") || matches(s, from, "panic")) {
                    return EMERG;
                }
                if (matches(s, from, "alert")) {
                    return ALERT;
                }
                if (matches(s, from, "finer")) {
                    return DEBUG;
                }
                return tokenSeverity(s, from, to);
            case 6:
                if (matches(s, from, "notice")) {
                    return NOTICE;
                }
                if (matches(s, from, "severe")) {
                    return ERR;
                }
                return matches(s, from, "finest") ? DEBUG : NONE;
            case 7:
                return matches(s, from, "verbose") ? DEBUG : tokenSeverity(s, from, to);
            case 9:
                return matches(s, from, "emergency") ? EMERG : NONE;
            case 11:
                return matches(s, from, "information") ? INFO : NONE;
            case 13:
                return matches(s, from, "informational") ? INFO : NONE;
            default:
                return tokenSeverity(s, from, to);
        }
    }

    /** Case-insensitive match of {@code lower} (lower case ASCII) at {@code from}. */
    private static boolean matches(TextView s, int from, String lower) {
        if (from + lower.length() > s.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if ((s.charAt(from + i) | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isLetterOrDigit(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    /** Numeric levels: 0-7 are syslog severities, 10-60 pino's and bunyan's trace ... fatal. */
    static int numberSeverity(long n) {
        if (n >= 0 && n <= 7) {
            return (int) n;
        }
        if (n == 10 || n == 20) {
            return DEBUG;
        }
        if (n == 30) {
            return INFO;
        }
        if (n == 40) {
            return WARNING;
        }
        if (n == 50) {
            return ERR;
        }
        if (n == 60) {
            return CRIT;
        }
        return NONE;
    }

    /**
     * A forgiving walk over a JSON object that looks only at its keys and skips values without building
     * them. Anything malformed ends the walk with no result.
     */
    private static final class JsonScan {
        private final TextView s;
        private final int end;
        private int pos;

        JsonScan(TextView s, int start, int end) {
            this.s = s;
            this.pos = start;
            this.end = end;
        }

        int topLevel() {
            return object(true);
        }

        /** Walks an object starting at '{'; returns the severity of its level key, or NONE. */
        private int object(boolean topLevel) {
            pos++; // '{'
            while (true) {
                skipBlanks();
                if (pos >= end) {
                    return NONE;
                }
                char c = s.charAt(pos);
                if (c == '}') {
                    pos++;
                    return NONE;
                }
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (c != '"') {
                    return NONE;
                }
                int keyStart = pos + 1;
                if (!skipString()) {
                    return NONE;
                }
                int keyEnd = pos - 1;
                skipBlanks();
                if (pos >= end || s.charAt(pos) != ':') {
                    return NONE;
                }
                pos++;
                skipBlanks();
                if (pos >= end) {
                    return NONE;
                }
                boolean levelKey = isKey(keyStart, keyEnd, "level")
                        || (topLevel && (isKey(keyStart, keyEnd, "severity") || isKey(keyStart, keyEnd, "log.level")));
                if (levelKey) {
                    int severity = value();
                    if (severity != NONE) {
                        return severity;
                    }
                } else if (topLevel && isKey(keyStart, keyEnd, "log") && s.charAt(pos) == '{') {
                    int severity = object(false);
                    if (severity != NONE) {
                        return severity;
                    }
                } else if (!skipValue()) {
                    return NONE;
                }
            }
        }

        private boolean isKey(int from, int to, String lower) {
            return to - from == lower.length() && matches(s, from, lower);
        }

        /** Reads a level value (a string or number) and returns its severity, or NONE. */
        private int value() {
            char c = s.charAt(pos);
            if (c == '"') {
                int start = pos + 1;
                if (!skipString()) {
                    return NONE;
                }
                return nameSeverity(s, start, pos - 1);
            }
            if (c >= '0' && c <= '9') {
                long n = 0;
                int digits = 0;
                while (pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '9' && digits < 9) {
                    n = n * 10 + (s.charAt(pos++) - '0');
                    digits++;
                }
                if (pos < end && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E'
                        || (s.charAt(pos) >= '0' && s.charAt(pos) <= '9'))) {
                    skipValue();
                    return NONE;
                }
                return numberSeverity(n);
            }
            skipValue();
            return NONE;
        }

        /** Skips a string starting at '"'; leaves pos after its closing quote. */
        private boolean skipString() {
            pos++;
            while (pos < end) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return true;
                }
                if (c == '\\') {
                    pos++;
                }
            }
            return false;
        }

        /** Skips any value: string, object, array, number, literal. */
        private boolean skipValue() {
            if (pos >= end) {
                return false;
            }
            char c = s.charAt(pos);
            if (c == '"') {
                return skipString();
            }
            if (c == '{' || c == '[') {
                int depth = 0;
                while (pos < end) {
                    char d = s.charAt(pos);
                    if (d == '"') {
                        if (!skipString()) {
                            return false;
                        }
                        continue;
                    }
                    pos++;
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        if (--depth == 0) {
                            return true;
                        }
                    }
                }
                return false;
            }
            while (pos < end) {
                char d = s.charAt(pos);
                if (d == ',' || d == '}' || d == ']' || isBlank(d)) {
                    return true;
                }
                pos++;
            }
            return false;
        }

        private void skipBlanks() {
            while (pos < end && isBlank(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
