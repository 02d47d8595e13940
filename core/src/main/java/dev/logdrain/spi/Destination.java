package dev.logdrain.spi;

import java.net.URI;
import java.net.URISyntaxException;
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

    private static final String REDACTED = Redaction.REDACTED;

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
        if (!UrlSyntax.isScheme(text.substring(0, schemeEnd))) {
            throw new ConfigurationException("destination '" + redactRaw(text) + "': the scheme before :// must be"
                    + " a letter then letters, digits, '+', '-' or '.', e.g. tcp+tls");
        }
        int authorityStart = schemeEnd + 3;
        int at = Redaction.userInfoEnd(text, authorityStart);
        if (at >= 0 && Redaction.indexOfAny(text.substring(authorityStart, at), "/?#", 0) < at - authorityStart) {
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
            uri = new URI(UrlSyntax.escapeQuery(forUri));
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
            userInfo = UrlSyntax.percentDecode(authority.substring(0, authorityAt), "userinfo");
            authority = authority.substring(authorityAt + 1);
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new ConfigurationException("destination " + redactRaw(text) + ": IPv6 address lacks ']'");
            }
            host = UrlSyntax.ipv6Host(authority.substring(1, close), "destination " + redactRaw(text));
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new ConfigurationException("destination " + redactRaw(text) + ": unexpected '" + rest
                            + "' after host; write host:port");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                portText = authority.substring(colon + 1);
                if (portText.indexOf(':') >= 0) {
                    throw new ConfigurationException("destination " + redactRaw(text) + ": '" + authority
                            + "' is not host:port; an IPv6 address goes in brackets, e.g. tcp://[2001:db8::1]:514");
                }
            } else {
                host = authority;
            }
            host = UrlSyntax.percentDecode(host, "host");
            UrlSyntax.checkName(host, "destination " + redactRaw(text));
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
                String name = UrlSyntax.percentDecode(eq < 0 ? pair : pair.substring(0, eq), "option name");
                if (!UrlSyntax.isOptionName(name)) {
                    throw new ConfigurationException("destination " + redactRaw(text) + ": option name '"
                            + UrlSyntax.forMessage(name) + "' must be letters, digits, '.', '-' or '_'");
                }
                String value = eq < 0 ? "" : UrlSyntax.percentDecode(pair.substring(eq + 1), "option " + name);
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
     * A copy with {@code shared} options (such as processing given once for every destination) added before
     * its own; an option the URL gives itself keeps the URL's value.
     */
    public Destination withSharedOptions(Map<String, String> shared) {
        if (shared.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(shared);
        merged.putAll(options);
        return new Destination(scheme, userInfo, host, port, Collections.unmodifiableMap(merged), secretOptions);
    }

    /**
     * Options written as a URL query ({@code exclude=^START&redact=email}, percent-encoded like a URL's),
     * decoded, in order.
     *
     * @throws ConfigurationException for a malformed query, naming {@code what}
     */
    public static Map<String, String> parseOptions(String query, String what) {
        String text = query.strip();
        if (text.startsWith("?")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            return parse("options://?" + text).options();
        } catch (ConfigurationException e) {
            throw new ConfigurationException(what + " is not valid: " + e.getMessage()
                    .replace("options:///?", "?").replace("options://?", "?"));
        }
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

    /** A boolean option ({@link #booleanValue}: an empty value is an error, not true). */
    public boolean booleanOption(String name, boolean defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        return booleanValue(value).orElseThrow(() -> new ConfigurationException(this + ": option " + name + "='"
                + displayValue(name, value) + "' must be true or false"));
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

    /** {@code host:port} ({@code [v6]:port}, {@code [fe80::1%eth0]:port}), for messages; safe to log. */
    public String hostAndPort() {
        return port > 0 ? hostAndPort(host, port) : bracketed(host);
    }

    // ---- helpers that hosts, sinks and formats share (one place each) ----

    /** A copy with option {@code name} set to {@code value} (replacing a value it had), e.g. from a CLI flag. */
    public Destination withOption(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(options);
        more.put(name, value);
        return new Destination(scheme, userInfo, host, port, Collections.unmodifiableMap(more), secretOptions);
    }

    /** {@code scheme://host:port}, without userinfo and options: the destination for messages, safe to log. */
    public String endpoint() {
        return scheme + "://" + hostAndPort();
    }

    /** {@code host:port}, an IPv6 address in brackets ({@code [::1]:514}). */
    public static String hostAndPort(String host, int port) {
        return bracketed(host) + ":" + port;
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Every switch's one rule: {@code true/yes/on/1}, {@code false/no/off/0} (any case); else ({@code ""} too) empty. */
    public static Optional<Boolean> booleanValue(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Optional.of(true);
            case "false", "no", "off", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** The zone of a scoped IPv6 address ({@code eth0} in {@code [fe80::1%25eth0]}), if any. */
    public Optional<String> zone() {
        int percent = host.indexOf('%');
        return percent < 0 ? Optional.empty() : Optional.of(host.substring(percent + 1));
    }

    /**
     * Whether an option's value must never be shown: every option but a short list of built-in ones known to
     * hold no secret (format, maxsize, facility, the header templates, timeouts, certificate paths ...), and
     * every name that looks like a secret (token, key, password).
     */
    public static boolean isSecretOption(String name) {
        return Redaction.isSecretOption(name);
    }

    /** A value as messages show it: hidden when it may be a secret, control characters percent-encoded. */
    private String displayValue(String name, String value) {
        return isSecret(name) ? REDACTED : UrlSyntax.forMessage(value);
    }

    /**
     * The value of an option as error messages may show it: {@code ***} when it could be a secret
     * ({@link #isSecret}), else the value with control characters percent-encoded; empty when the option is
     * not given.
     */
    public String shownOption(String name) {
        String value = options.get(name);
        return value == null ? "" : displayValue(name, value);
    }

    /** The URL with userinfo and secret option values replaced by {@code ***}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append("://");
        if (userInfo != null) {
            sb.append(REDACTED).append('@');
        }
        sb.append(hostAndPort().replace("%", "%25")); // a zone: '%' is written %25 in a URL
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
        return Redaction.redactRaw(url);
    }
}
