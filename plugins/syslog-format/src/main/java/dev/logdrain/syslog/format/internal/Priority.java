package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.SeverityDetector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Syslog facility names and numbers (RFC 5424 section 6.2.1) and the PRI; severity names and numbers are
 * {@link SeverityDetector}'s, which processors share.
 */
public final class Priority {

    /** Facility numbers used as defaults. */
    public static final int USER = 1;
    public static final int MAIL = 2;

    /** A {@code severity} option value meaning "detect from each message". */
    public static final int AUTO = -1;

    private static final Map<String, Integer> FACILITIES = new LinkedHashMap<>();

    static {
        String[] facilities = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
            "authpriv", "ftp", "ntp", "security", "console", "solaris-cron"};
        for (int i = 0; i < facilities.length; i++) {
            FACILITIES.put(facilities[i], i);
        }
        for (int i = 0; i < 8; i++) {
            FACILITIES.put("local" + i, 16 + i);
        }
    }

    private Priority() {
    }

    /** Allowed values of the {@code facility} option, for messages. */
    public static String facilityChoices() {
        return "kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, security, "
                + "console, solaris-cron, local0 ... local7, or a number from 0 to 23";
    }

    /** Allowed values of the {@code severity} option, for messages. */
    public static String severityChoices() {
        return "emerg, alert, crit, err, warning, notice, info, debug, a number from 0 to 7, or auto";
    }

    /** The facility number for a name or number, or -1 when it is neither. */
    public static int parseFacility(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Integer named = FACILITIES.get(v);
        if (named != null) {
            return named;
        }
        int n = smallNumber(v);
        return n >= 0 && n <= 23 ? n : -1;
    }

    /** The severity number for a name, number or {@code auto} ({@link #AUTO}), or -2 when it is none. */
    public static int parseSeverity(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return AUTO;
        }
        int named = SeverityDetector.parseName(v);
        if (named >= 0) {
            return named;
        }
        int n = smallNumber(v); // "07" too
        return n >= 0 && n <= 7 ? n : -2;
    }

    private static int smallNumber(String v) {
        if (v.isEmpty() || v.length() > 2) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** {@code <PRI>} and what follows it, as ASCII bytes, for each of the eight severities. */
    static byte[][] priPrefixes(int facility, String after) {
        byte[][] prefixes = new byte[8][];
        for (int severity = 0; severity < 8; severity++) {
            prefixes[severity] = ("<" + (facility * 8 + severity) + ">" + after).getBytes(StandardCharsets.US_ASCII);
        }
        return prefixes;
    }
}
