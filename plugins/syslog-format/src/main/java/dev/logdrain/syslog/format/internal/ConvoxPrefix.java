package dev.logdrain.syslog.format.internal;

/**
 * Matches convox's {@code process:RELEASE/container } message prefix by hand, exactly as the regular
 * expression {@code ^(([a-zA-Z][a-zA-Z0-9-]*):([A-Z]+)/([a-z0-9-]+) )?(.*)} of convox/syslog does, in
 * one pass without allocating. Each character class is followed by a character outside it, so the
 * expression never backtracks and a left-to-right scan decides it. Not thread-safe: it keeps the positions
 * of the last match.
 */
final class ConvoxPrefix {

    /** End of {@code process:RELEASE} (the position of '/'). */
    private int appEnd;
    /** End of {@code container} (the position of the space). */
    private int procidEnd;

    /** Whether {@code message} starts with the prefix; the positions are then those of this message. */
    boolean match(CharSequence message) {
        int n = message.length();
        int i = 0;
        if (n == 0 || !isLetter(message.charAt(0))) {
            return false;
        }
        i++;
        while (i < n && (isLetter(message.charAt(i)) || isDigit(message.charAt(i)) || message.charAt(i) == '-')) {
            i++;
        }
        if (i == n || message.charAt(i) != ':') {
            return false;
        }
        i++;
        int releaseStart = i;
        while (i < n && message.charAt(i) >= 'A' && message.charAt(i) <= 'Z') {
            i++;
        }
        if (i == releaseStart || i == n || message.charAt(i) != '/') {
            return false;
        }
        appEnd = i;
        i++;
        int containerStart = i;
        while (i < n && (isLowerOrDigit(message.charAt(i)) || message.charAt(i) == '-')) {
            i++;
        }
        if (i == containerStart || i == n || message.charAt(i) != ' ') {
            return false;
        }
        procidEnd = i;
        return true;
    }

    /** APP-NAME: {@code process:RELEASE}, from 0. */
    int appEnd() {
        return appEnd;
    }

    /** PROCID: {@code container}, from {@code appEnd() + 1}. */
    int procidEnd() {
        return procidEnd;
    }

    /** Where MSG starts. */
    int messageStart() {
        return procidEnd + 1;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || isDigit(c);
    }
}
