package dev.logdrain.spi;

import java.util.Locale;
import java.util.Set;

/** Which option values are secret, and the redaction of URLs that could not be parsed: for {@link Destination}. */
final class Redaction {

    static final String REDACTED = "***";
    /**
     * Options whose values are shown in {@link Destination#toString()} and errors: the built-in ones that hold
     * formats, sizes, templates, timeouts and file paths of public certificates. Every other value (an unknown option
     * such as a mistyped {@code pass=}, a plugin's option, {@code key}, {@code sd.static}) may be a secret and
     * is shown as {@code ***}: an allow-list, so that a new option is hidden until someone decides otherwise.
     */
    private static final Set<String> SHOWN_OPTIONS = Set.of("format", "maxsize", "facility", "severity",
            "hostname", "appname", "procid", "msgid", "sd", "framing", "multiline", "oversize", "confirm",
            "connecttimeout", "writetimeout", "window", "ca", "cert", "servername", "bom",
            "service", "sample");
    /** Names that are secret even if a provider put them on {@link #SHOWN_OPTIONS} by accident of naming. */
    private static final Set<String> SECRET_WORDS = Set.of("token", "key", "password", "passwd", "pass", "pwd",
            "secret", "auth", "credential", "apikey", "signature", "sig");

    private Redaction() {
    }

    /** See {@link Destination#isSecretOption}. */
    static boolean isSecretOption(String name) {
        if (!SHOWN_OPTIONS.contains(name)) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** See {@link Destination#redactRaw}. */
    static String redactRaw(String url) {
        return UrlSyntax.forMessage(redactRawUnescaped(url));
    }

    private static String redactRawUnescaped(String url) {
        int schemeEnd = url.indexOf("://");
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        StringBuilder sb = new StringBuilder(url.length()).append(url, 0, start);
        int at = userInfoEnd(url, start);
        int hostStart = start;
        if (at >= 0) {
            sb.append(REDACTED).append('@');
            hostStart = at + 1;
        }
        int queryStart = url.indexOf('?', hostStart);
        int hostEnd = queryStart < 0 ? url.length() : queryStart;
        int pathStart = indexOfAny(url, "/#", hostStart);
        if (pathStart < hostEnd) {
            sb.append(url, hostStart, pathStart).append(url.charAt(pathStart)).append(REDACTED);
        } else {
            sb.append(url, hostStart, hostEnd);
        }
        if (queryStart < 0) {
            return sb.toString();
        }
        String query = url.substring(queryStart + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        sb.append('?');
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                sb.append('&');
            }
            int eq = pairs[i].indexOf('=');
            if (eq >= 0 && isSecretOption(decodeForDisplay(pairs[i].substring(0, eq)))) {
                sb.append(pairs[i], 0, eq + 1).append(REDACTED);
            } else {
                sb.append(pairs[i]);
            }
        }
        if (hash >= 0) {
            sb.append('#').append(REDACTED);
        }
        return sb.toString();
    }

    /**
     * The index of the '@' that ends the userinfo, or -1. Normally the last '@' before the query; when a
     * secret holds an unencoded '?', the last '@' before anything that looks like an option ('=' or '&').
     */
    static int userInfoEnd(String url, int start) {
        int query = url.indexOf('?', start);
        int at = url.lastIndexOf('@', (query < 0 ? url.length() : query) - 1);
        if (at >= start) {
            return at;
        }
        at = -1;
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '=' || c == '&') {
                break;
            }
            if (c == '@') {
                at = i;
            }
        }
        return at;
    }

    private static String decodeForDisplay(String name) {
        try {
            return UrlSyntax.percentDecode(name, "option name");
        } catch (ConfigurationException e) {
            return name;
        }
    }

    static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
