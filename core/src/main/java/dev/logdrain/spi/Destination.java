package dev.logdrain.spi;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A destination URL: {@code scheme://[userinfo@]host[:port][?option=value&...]}, parsed with
 * {@link java.net.URI}. Option values are percent-decoded ({@code +} stays a plus). Characters that
 * {@code java.net.URI} refuses in a query (space, {@code "}, {@code [}, {@code ]} ...) are accepted there and
 * treated as if percent-encoded, so that {@code sd.static=[id@1 a="b"]} can be written as it reads.
 *
 * <p>{@link #toString()} never shows the userinfo or the value of a secret-looking option; use it in
 * every message a user or a log can see. Immutable.
 */
public final class Destination {

    private static final String REDACTED = "***";
    private static final Set<String> SECRET_WORDS = Set.of("token", "key", "password", "passwd", "secret",
            "auth", "credential", "apikey", "signature",
            // structured data of hosted services carries their customer token (Loggly)
            "sd.static");

    private final String scheme;
    private final String userInfo;
    private final String host;
    private final int port;
    private final Map<String, String> options;
    /** Options declared secret by a provider ({@link OptionSpec#secret()}), beyond the secret-looking names. */
    private final Set<String> secretOptions;

    private Destination(String scheme, String userInfo, String host, int port, Map<String, String> options,
                        Set<String> secretOptions) {
        this.scheme = scheme;
        this.userInfo = userInfo;
        this.host = host;
        this.port = port;
        this.options = options;
        this.secretOptions = secretOptions;
    }

    /**
     * Parses a destination URL.
     *
     * @throws ConfigurationException with a one-line message (which never repeats the userinfo)
     */
    public static Destination parse(String url) {
        Objects.requireNonNull(url, "url");
        String text = url.strip();
        if (text.isEmpty()) {
            throw new ConfigurationException("empty destination URL");
        }
        int schemeEnd = text.indexOf("://");
        if (schemeEnd <= 0) {
            throw new ConfigurationException("destination '" + redactRaw(text)
                    + "' has no scheme: write it as scheme://host[:port], e.g. tcp+tls://logs.example.com:6514");
        }
        int authorityStart = schemeEnd + 3;
        int at = userInfoEnd(text, authorityStart);
        if (at >= 0 && indexOfAny(text.substring(authorityStart, at), "/?#", 0) < at - authorityStart) {
            // Refused before java.net.URI sees it: it would take part of the secret for a path or a port.
            throw new ConfigurationException("destination " + redactRaw(text) + ": the userinfo before '@'"
                    + " contains '/', '?' or '#'; percent-encode them as %2F, %3F and %23");
        }
        // java.net.URI refuses an empty authority (stdout://, stdout://?format=x): give it an empty path.
        String forUri = text;
        if (authorityStart == text.length() || "?#".indexOf(text.charAt(authorityStart)) >= 0) {
            forUri = text.substring(0, authorityStart) + "/" + text.substring(authorityStart);
        }
        URI uri;
        try {
            uri = new URI(escapeQuery(forUri));
        } catch (URISyntaxException e) {
            throw new ConfigurationException("malformed destination URL '" + redactRaw(text) + "': "
                    + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            // the path is not repeated: some services put a token there
            throw new ConfigurationException("destination " + redactRaw(text)
                    + " has a path; logdrain URLs take options as ?name=value");
        }
        if (uri.getRawFragment() != null) {
            throw new ConfigurationException("destination " + redactRaw(text) + " has a #fragment, which is not allowed");
        }
        // The authority is split by hand: URI.getHost() is null for names with '_' (valid in DNS).
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String userInfo = null;
        int authorityAt = authority.lastIndexOf('@');
        if (authorityAt >= 0) {
            userInfo = percentDecode(authority.substring(0, authorityAt), "userinfo");
            authority = authority.substring(authorityAt + 1);
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new ConfigurationException("destination " + redactRaw(text) + ": IPv6 address lacks ']'");
            }
            host = authority.substring(1, close);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new ConfigurationException("destination " + redactRaw(text) + ": unexpected '" + rest + "' after host");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                portText = authority.substring(colon + 1);
            } else {
                host = authority;
            }
            host = percentDecode(host, "host");
        }
        int port = -1;
        if (portText != null && !portText.isEmpty()) {
            try {
                // digits only: Integer.parseInt would also take "+514"
                port = portText.chars().allMatch(c -> c >= '0' && c <= '9') ? Integer.parseInt(portText) : -2;
            } catch (NumberFormatException e) {
                port = -2;
            }
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("destination " + redactRaw(text) + ": port '" + portText
                        + "' is not a number from 1 to 65535");
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq), "option name");
                String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), "option " + name);
                if (options.putIfAbsent(name, value) != null) {
                    throw new ConfigurationException("destination " + redactRaw(text) + ": option '" + name
                            + "' is given twice");
                }
            }
        }
        return new Destination(scheme, userInfo, host,
                port, Collections.unmodifiableMap(options), Set.of());
    }

    /** A copy with {@code defaultPort} when no port was given. */
    public Destination withDefaultPort(int defaultPort) {
        return port > 0 || defaultPort <= 0 ? this
                : new Destination(scheme, userInfo, host, defaultPort, options, secretOptions);
    }

    /** A copy with these options (in this order) instead of the URL's; secrecy marks are kept. */
    public Destination withOptions(Map<String, String> newOptions) {
        return new Destination(scheme, userInfo, host, port, Collections.unmodifiableMap(new LinkedHashMap<>(newOptions)),
                secretOptions);
    }

    /**
     * A copy whose {@link #toString()} and error messages also hide the values of these options (those a
     * provider declares with {@link OptionSpec#secret}). Equality ignores this.
     */
    public Destination withSecretOptions(Set<String> names) {
        Set<String> all = new java.util.HashSet<>(secretOptions);
        all.addAll(names);
        return all.equals(secretOptions) ? this
                : new Destination(scheme, userInfo, host, port, options, Set.copyOf(all));
    }

    /** Whether the value of this option is hidden in {@link #toString()} and error messages. */
    public boolean isSecret(String option) {
        return secretOptions.contains(option) || isSecretOption(option);
    }

    /** The scheme, lower case. */
    public String scheme() {
        return scheme;
    }

    /** The host name or IP literal (without the brackets of an IPv6 literal), or empty. */
    public String host() {
        return host;
    }

    /** The port, or -1 when none was given and no default applied. */
    public int port() {
        return port;
    }

    /** The decoded userinfo ({@code user:password} or a token), if any. Never log it. */
    public Optional<String> userInfo() {
        return Optional.ofNullable(userInfo);
    }

    /** All options in URL order, decoded. */
    public Map<String, String> options() {
        return options;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    /**
     * An integer option within {@code [min, max]}.
     *
     * @throws ConfigurationException when it is not a number in range
     */
    public int intOption(String name, int defaultValue, int min, int max) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new ConfigurationException(this + ": option " + name + "='" + displayValue(name, value)
                + "' must be a whole number from " + min + " to " + max);
    }

    /** A boolean option ({@code true/false/yes/no/on/off/1/0}). */
    public boolean booleanOption(String name, boolean defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1": case "":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw new ConfigurationException(this + ": option " + name + "='" + displayValue(name, value)
                        + "' must be true or false");
        }
    }

    /**
     * One of a fixed set of values (case-insensitive), returned lower case.
     *
     * @throws ConfigurationException listing the allowed values
     */
    public String choiceOption(String name, String defaultValue, Set<String> allowed) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new ConfigurationException(this + ": option " + name + "='" + displayValue(name, value)
                    + "' must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return lower;
    }

    /** {@code host:port} ({@code [v6]:port}), for messages; safe to log. */
    public String hostAndPort() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port > 0 ? h + ":" + port : h;
    }

    /** Whether an option's value must never be shown: its name looks like a secret (token, key, password). */
    public static boolean isSecretOption(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private String displayValue(String name, String value) {
        return isSecret(name) ? REDACTED : value;
    }

    /** The URL with userinfo and secret option values replaced by {@code ***}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append("://");
        if (userInfo != null) {
            sb.append(REDACTED).append('@');
        }
        sb.append(hostAndPort());
        char separator = '?';
        for (Map.Entry<String, String> option : options.entrySet()) {
            sb.append(separator).append(option.getKey()).append('=')
                    .append(displayValue(option.getKey(), option.getValue()));
            separator = '&';
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Destination d && scheme.equals(d.scheme) && Objects.equals(userInfo, d.userInfo)
                && host.equals(d.host) && port == d.port && options.equals(d.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, userInfo, host, port, options);
    }

    /**
     * Redacts a URL that could not be parsed: the userinfo, a path or fragment (some services put a token
     * there), and the values of secret-looking options. Used for error messages about malformed URLs; it
     * errs on the side of hiding too much.
     */
    public static String redactRaw(String url) {
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
    private static int userInfoEnd(String url, int start) {
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
            return percentDecode(name, "option name");
        } catch (ConfigurationException e) {
            return name;
        }
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Percent-encodes, in the query only, characters that java.net.URI would refuse. */
    private static String escapeQuery(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder sb = new StringBuilder(url.length() + 16).append(url, 0, q + 1);
        String query = url.substring(q + 1);
        int hash = query.indexOf('#');
        String fragment = "";
        if (hash >= 0) {
            fragment = query.substring(hash);
            query = query.substring(0, hash);
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean validPercent = c == '%' && i + 2 < query.length()
                    && isHex(query.charAt(i + 1)) && isHex(query.charAt(i + 2));
            if (c == '%' && !validPercent) {
                sb.append("%25");
            } else if (c > 0x20 && c < 0x7F && "\"<>[]{}|\\^`".indexOf(c) < 0) {
                sb.append(c);
            } else {
                int cp = query.codePointAt(i);
                i += Character.charCount(cp) - 1;
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
                }
            }
        }
        return sb.append(fragment).toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String percentDecode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    throw new ConfigurationException("bad percent-encoding in " + what);
                }
                out.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
