package dev.logdrain.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code service=NAME}: the options a hosted log service needs, expanded before validation (by
 * {@link dev.logdrain.PluginRegistry#validate}) so that the Lambda function, the CLI and {@code check} see the
 * same destination. A preset fixes what the service requires (an option set to another value is refused,
 * naming the preset), fills in defaults the user may lower, places the credential given as {@code token=}
 * (in STRUCTURED-DATA or as a record prefix) and refuses what the service's documentation says it does not
 * take (a transport, a format, a site). The facts and their sources are in docs/services.md.
 *
 * <p>{@code token} and the other preset inputs stay in the options (the registry then knows them), so that
 * expanding twice gives the same destination. Every message here names the option, never its value. {@code stdout://} takes every preset, as a preview of the records (sized as over TCP).
 */
public final class ServicePresets {

    /**
     * Options only a preset reads. Without {@code service=} they are unknown options (unless a sink declares
     * one), so nobody believes they are sent.
     */
    public static final List<String> PRESET_INPUTS = List.of("token", "cx.app", "cx.subsystem");

    /** Options whose values are credentials, whatever their names look like. */
    public static final Set<String> SECRETS = Set.of("token", "prefix", "sd.static");

    static final Set<String> STREAM = Set.of("tcp", "syslog", "tcp+tls", "tls", "syslog+tls");
    static final Set<String> TLS = Set.of("tcp+tls", "tls", "syslog+tls");
    private static final Set<String> STREAM_AND_UDP = union(STREAM, Set.of("udp"));
    private static final Set<String> TLS_AND_UDP = union(TLS, Set.of("udp"));

    /** Where the credential goes. */
    enum Placement { NONE_OR_SD, SD, PREFIX }

    /**
     * One service.
     *
     * @param name        the {@code service=} value
     * @param title       the service's name for messages
     * @param schemes     the transports its documentation gives
     * @param hostSuffixes host names (or their endings, starting with '.') that are this service's
     * @param warning     printed by {@code check}; empty when none
     */
    public record Preset(String name, String title, Set<String> schemes, List<String> hostSuffixes,
                         String warning) {

        /** Whether {@code host} is one of this service's. */
        public boolean owns(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return hostSuffixes.stream().anyMatch(s -> s.startsWith(".") ? h.endsWith(s) : h.equals(s));
        }
    }

    static final String DATADOG_WARNING = "Datadog documents its TCP intake as legacy, without delivery guarantees:"
            + " an invalid API key, an overload or a dropped edge connection loses logs silently; its supported"
            + " path is the HTTP intake";

    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    static {
        add(new Preset("papertrail", "Papertrail", STREAM_AND_UDP,
                List.of(".papertrailapp.com", ".cloud.solarwinds.com"), ""));
        add(new Preset("loggly", "Loggly", STREAM, List.of("logs-01.loggly.com", ".loggly.com"), ""));
        add(new Preset("sumologic", "Sumo Logic", TLS, List.of(".sumologic.com"), ""));
        add(new Preset("datadog", "Datadog", STREAM, List.of(".datadoghq.com", ".datadoghq.eu", ".ddog-gov.com"),
                DATADOG_WARNING));
        add(new Preset("newrelic", "New Relic", TLS, List.of(".nr-data.net"), ""));
        add(new Preset("betterstack", "Better Stack", TLS_AND_UDP,
                List.of(".betterstackdata.com", "in.logs.betterstack.com", "in.logtail.com"), ""));
        add(new Preset("logzio", "Logz.io", STREAM, List.of(".logz.io"), ""));
        add(new Preset("coralogix", "Coralogix", TLS, List.of(".coralogix.com", ".coralogix.us", ".coralogix.in",
                ".coralogixsg.com"), ""));
    }

    /** Datadog sites whose docs say "The TCP endpoint is not supported" (US5, AP1, US1-FED). */
    private static final List<String> DATADOG_NO_TCP = List.of("us5.datadoghq.com", "ap1.datadoghq.com",
            "ddog-gov.com");

    private ServicePresets() {
    }

    private static void add(Preset preset) {
        PRESETS.put(preset.name(), preset);
    }

    /** The known presets, in the order of docs/services.md. */
    public static List<Preset> presets() {
        return List.copyOf(PRESETS.values());
    }

    /** The service whose host this is, if any. */
    public static Optional<Preset> forHost(String host) {
        return PRESETS.values().stream().filter(p -> p.owns(host)).findFirst();
    }

    /** The preset a destination names with {@code service=}, if any (the destination may be expanded or not). */
    public static Optional<Preset> of(Destination destination) {
        return destination.option("service").map(s -> PRESETS.get(s.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The destination with its preset applied; unchanged without {@code service=}.
     *
     * @throws ConfigurationException for an unknown service, a missing or malformed token, or an option,
     *                                transport or site the service does not take
     */
    public static Destination expand(Destination given) {
        // marked before any message is built: a prefix= given by hand is a key too
        Destination destination = given.withSecretOptions(SECRETS);
        Map<String, String> options = new LinkedHashMap<>(destination.options());
        String service = options.get("service");
        if (service == null) {
            return destination; // a token= of its own is the sink's (or an unknown option, see PRESET_INPUTS)
        }
        String name = service.strip().toLowerCase(Locale.ROOT);
        Preset preset = PRESETS.get(name);
        if (preset == null) {
            throw new ConfigurationException(destination + ": unknown service '" + service + "'; known services: "
                    + String.join(", ", PRESETS.keySet()));
        }
        String where = destination + ": service=" + name;
        boolean preview = destination.scheme().equals("stdout"); // replay's preview of what would be sent
        if (!preview && !preset.schemes().contains(destination.scheme())) {
            throw new ConfigurationException(where + ": " + preset.title() + " does not take " + destination.scheme()
                    + "://; use " + preset.schemes().stream().sorted().map(s -> s + "://")
                    .collect(Collectors.joining(", ")));
        }
        options.put("service", name);
        String token = options.get("token");
        String app = options.get("cx.app");
        String subsystem = options.get("cx.subsystem");
        if (!name.equals("coralogix") && (app != null || subsystem != null)) {
            throw new ConfigurationException(where + ": options cx.app and cx.subsystem are for service=coralogix");
        }
        Rules rules = new Rules(where, destination.scheme(), options);
        boolean stream = STREAM.contains(destination.scheme()) || preview;
        rules.fix("format", "rfc5424");
        if (stream && !preview) {
            rules.fix("framing", "lf");
        }
        switch (name) {
            case "papertrail" -> {
                if (token != null) {
                    if (!preview && !TLS.contains(destination.scheme())) {
                        throw new ConfigurationException(where + ": a Papertrail ingestion token goes to the"
                                + " TLS collector (tcp+tls://syslog.collector.REGION.cloud.solarwinds.com:6514)");
                    }
                    rules.fix("sd.static", "[" + sdIdToken(where, token, 58) + "@41058]");
                }
                if (stream) {
                    rules.size(65536, 100_000);
                } else {
                    rules.size(1024, 1024);
                }
            }
            case "loggly" -> {
                rules.fix("sd.static", "[" + sdIdToken(where, required(where, token), 58) + "@41058]");
                rules.size(65536, Integer.MAX_VALUE);
            }
            case "sumologic" -> {
                rules.fix("sd.static", "[" + sumoToken(where, required(where, token)) + "@41123]");
                rules.size(65536, 65536);
            }
            case "datadog" -> {
                String host = destination.host().toLowerCase(Locale.ROOT);
                for (String site : DATADOG_NO_TCP) {
                    if (host.equals(site) || host.endsWith("." + site)) {
                        throw new ConfigurationException(where + ": Datadog has no TCP intake for the site of "
                                + destination.host() + "; use its HTTP intake");
                    }
                }
                rules.fix("prefix", prefixToken(where, required(where, token), "API key"));
            }
            case "newrelic" -> {
                rules.fix("prefix", prefixToken(where, required(where, token), "license key"));
                rules.size(8096, 131_072);
            }
            case "logzio" -> {
                String t = prefixToken(where, required(where, token), "token");
                if (t.indexOf(']') >= 0 || t.indexOf('[') >= 0) {
                    throw new ConfigurationException(where + ": option token must not contain '[' or ']'");
                }
                rules.fix("prefix", "[" + t + "]");
            }
            case "betterstack" -> rules.fix("sd.static", "[logtail@11993 source_token=\""
                    + paramValue(where, "token", required(where, token)) + "\"]");
            case "coralogix" -> {
                if (app == null || subsystem == null) {
                    throw new ConfigurationException(where + ": Coralogix requires options cx.app (application name)"
                            + " and cx.subsystem (subsystem name)");
                }
                rules.fix("sd.static", "[coralogix@1 application_name=\"" + paramValue(where, "cx.app", app)
                        + "\" private_key=\"" + paramValue(where, "token", required(where, token))
                        + "\" subsystem_name=\"" + paramValue(where, "cx.subsystem", subsystem) + "\"]");
            }
            default -> throw new IllegalStateException(name);
        }
        return destination.withOptions(options);
    }

    /** Fixed options and size limits of one expansion. */
    private static final class Rules {
        private final String where;
        private final String scheme;
        private final Map<String, String> options;

        Rules(String where, String scheme, Map<String, String> options) {
            this.where = where;
            this.scheme = scheme;
            this.options = options;
        }

        /** Sets an option the service requires; the user may repeat the value but not give another. */
        void fix(String option, String value) {
            String given = options.get(option);
            if (given != null && !given.strip().equalsIgnoreCase(value)) {
                boolean secret = option.equals("prefix") || option.equals("sd.static");
                throw new ConfigurationException(where + " sets option " + option
                        + (secret ? " from token=" : "=" + value) + "; remove " + option + " from the URL");
            }
            options.put(option, value);
        }

        /** {@code maxsize} defaults to {@code defaultSize} and may not exceed what the service takes. */
        void size(int defaultSize, int max) {
            String given = options.get("maxsize");
            if (given == null) {
                options.put("maxsize", Integer.toString(defaultSize));
                return;
            }
            try {
                if (Integer.parseInt(given.strip()) <= max) {
                    return;
                }
            } catch (NumberFormatException e) {
                return; // the registry reports a malformed number
            }
            throw new ConfigurationException(where + ": the service takes records of at most " + max + " bytes over "
                    + scheme + "://; set maxsize to " + max + " or less");
        }
    }

    private static String required(String where, String token) {
        if (token == null || token.isEmpty()) {
            throw new ConfigurationException(where + " needs option token (the service's credential)");
        }
        return token;
    }

    /** A token that becomes the part of an SD-ID before '@': SD-NAME characters only. */
    private static String sdIdToken(String where, String token, int max) {
        if (token.length() > max || !token.chars().allMatch(c -> c >= 33 && c <= 126 && c != '=' && c != ']'
                && c != '"' && c != '@')) {
            throw new ConfigurationException(where + ": option token must be 1 to " + max + " printable ASCII"
                    + " characters other than space, '=', ']', '\"' and '@'");
        }
        return token;
    }

    /** Sumo Logic's documented token: 64 characters of the base64 alphabet. */
    private static String sumoToken(String where, String token) {
        if (token.length() != 64 || !token.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '+' || c == '/')) {
            throw new ConfigurationException(where + ": option token must be the 64-character token Sumo Logic shows"
                    + " for the source (letters, digits, '+' and '/'), without @41123");
        }
        return token;
    }

    private static String prefixToken(String where, String token, String what) {
        if (token.length() > 256 || !token.chars().allMatch(c -> c >= 33 && c <= 126)) {
            throw new ConfigurationException(where + ": option token (the " + what + ") must be 1 to 256 printable"
                    + " ASCII characters without spaces");
        }
        return token;
    }

    /** A value for inside an SD PARAM-VALUE: printable ASCII without the characters that need escaping. */
    private static String paramValue(String where, String option, String value) {
        if (value.isEmpty() || value.length() > 256 || !value.chars().allMatch(c -> c >= 32 && c <= 126 && c != '"'
                && c != '\\' && c != ']')) {
            throw new ConfigurationException(where + ": option " + option + " must be 1 to 256 printable ASCII"
                    + " characters other than '\"', '\\' and ']'");
        }
        return value;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
