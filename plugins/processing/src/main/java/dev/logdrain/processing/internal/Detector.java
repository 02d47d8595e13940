package dev.logdrain.processing.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named detectors of {@code redact=}. Their patterns are ours, not the user's: written for
 * java.util.regex with possessive quantifiers and bounded repeats, so that no input makes them backtrack
 * (user patterns go to RE2/J, see {@link Patterns}). Each has a cheap test that skips messages that cannot
 * hold a match, and a check on what matched (Luhn for cards, the address grammar for IPv6).
 */
public enum Detector {

    /** {@code Bearer TOKEN} (the token only) and JSON Web Tokens anywhere. */
    BEARER("bearer", "(?i:(?<=\\bbearer )|(?<=\\bbearer%20))[A-Za-z0-9._~+/=-]{8,4096}+"
            + "|(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,4096}+\\.eyJ[A-Za-z0-9_-]{2,8192}+\\.[A-Za-z0-9_-]{0,4096}+") {
        @Override
        boolean mayMatch(String m) {
            return m.contains("eyJ") || containsIgnoreCase(m, "bearer");
        }
    },
    /** AWS access key ids: {@code AKIA...} (long-term) and {@code ASIA...} (temporary), 20 characters. */
    AWS_KEY("aws-key", "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])") {
        @Override
        boolean mayMatch(String m) {
            return m.contains("AKIA") || m.contains("ASIA") || m.contains("ABIA") || m.contains("ACCA");
        }
    },
    EMAIL("email", "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@(?:[A-Za-z0-9-]{1,63}+\\.){1,8}+[A-Za-z]{2,24}+"
            + "(?![A-Za-z0-9-])") {
        @Override
        boolean mayMatch(String m) {
            return m.indexOf('@') >= 0;
        }
    },
    /**
     * 13 to 19 digits, optionally grouped by spaces or dashes, that start as card numbers do (2-6: Mastercard,
     * Amex, Visa, Discover, ...; not 1, which leaves epoch milliseconds alone) and pass the Luhn check.
     */
    CARD("card", "(?<![0-9])[0-9](?:[ -]?+[0-9]){12,18}+(?![0-9])") {
        @Override
        boolean mayMatch(String m) {
            return countDigits(m) >= 13;
        }

        @Override
        boolean accept(String m, int start, int end) {
            return m.charAt(start) >= '2' && m.charAt(start) <= '6' && Luhn.valid(m, start, end);
        }
    },
    /**
     * IPv4 addresses, and IPv6 addresses in every form (compressed, mixed with IPv4, with a zone). Found by
     * {@link IpAddresses#scan} rather than a pattern: nearly every log line has a '.' or ':', and a regular
     * expression tried at every position costs several times more.
     */
    IP("ip", null) {
        @Override
        boolean mayMatch(String m) {
            return true;
        }

        @Override
        public String redact(String message, String with) {
            return IpAddresses.redact(message, with);
        }
    };

    private final String optionValue;
    private final Pattern pattern;

    Detector(String optionValue, String regex) {
        this.optionValue = optionValue;
        this.pattern = regex == null ? null : Pattern.compile(regex);
    }

    /** The name in {@code redact=}. */
    public String optionValue() {
        return optionValue;
    }

    /** Whether the message may hold a match (false: it surely does not). */
    abstract boolean mayMatch(String message);

    /** Whether a match is a real one (a card number that passes Luhn, a valid IPv6 address). */
    boolean accept(String message, int start, int end) {
        return true;
    }

    /** The message with every match replaced, or the same instance when there is none. */
    public String redact(String message, String with) {
        if (!mayMatch(message)) {
            return message;
        }
        Matcher matcher = pattern.matcher(message);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            int start = matcher.start();
            int end = matcher.end();
            if (!accept(message, start, end)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(message.length());
            }
            out.append(message, copied, start).append(with);
            copied = end;
        }
        if (out == null) {
            return message;
        }
        return out.append(message, copied, message.length()).toString();
    }

    public static Detector byName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (Detector d : values()) {
            if (d.optionValue.equals(lower)) {
                return d;
            }
        }
        return null;
    }

    static boolean containsIgnoreCase(String s, String lower) {
        for (int i = 0; i + lower.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, lower, 0, lower.length())) {
                return true;
            }
        }
        return false;
    }

    static int countDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }
}
