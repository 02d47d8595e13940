package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The function's configuration, read from environment variables once at init. Every name here is public
 * interface (README, deployment template).
 *
 * @param urls               destination URLs from {@link #URL}, or empty to read them from the stack
 * @param stackName          the stack whose parameter holds the URL
 * @param urlParameter       that parameter's name
 * @param urlCacheTtl        how long a URL read from the stack is trusted
 * @param cacheDirectory     where that URL is cached ({@code /tmp})
 * @param pluginDirectories  third-party plugin directories
 * @param metrics            whether to print Embedded Metric Format lines
 * @param metricsNamespace   their CloudWatch namespace
 * @param deadlineMargin     time kept back from the invocation's remaining time for reporting
 * @param source             the source that decodes events, by name ({@code cloudwatch})
 * @param sourceSettings     its settings ({@code maxpayload} from {@link #MAX_PAYLOAD})
 * @param cloudFormationEndpoint endpoint override for DescribeStacks (tests), or empty
 * @param region             AWS region, or empty
 * @param functionName       the function's name, or empty outside Lambda
 * @param ownLogGroup        the function's own log group (never forwarded), or empty
 * @param process            processing options for every destination, from {@link #PROCESS}, or empty
 */
public record LambdaSettings(List<String> urls, String stackName, String urlParameter, Duration urlCacheTtl,
                             Path cacheDirectory, List<Path> pluginDirectories, boolean metrics,
                             String metricsNamespace, Duration deadlineMargin, String source,
                             Map<String, String> sourceSettings,
                             Optional<String> cloudFormationEndpoint, Optional<String> region,
                             String functionName, String ownLogGroup, Map<String, String> process) {

    /** Destination URLs separated by whitespace. */
    public static final String URL = "LOGDRAIN_URL";
    /** Stack to read the URL parameter from when {@link #URL} is not set (default: function name up to -Function). */
    public static final String STACK = "LOGDRAIN_STACK";
    /** The stack parameter that holds the URL (default {@code Url}). */
    public static final String URL_PARAMETER = "LOGDRAIN_URL_PARAMETER";
    /** Seconds a URL read from the stack is cached in /tmp (default 300). */
    public static final String URL_CACHE_TTL = "LOGDRAIN_URL_CACHE_TTL";
    /** Where the URL read from the stack is cached (default /tmp). */
    public static final String CACHE_DIR = "LOGDRAIN_CACHE_DIR";
    /** Plugin directories separated by ':' (default /opt/logdrain/plugins when it exists). */
    public static final String PLUGINS = "LOGDRAIN_PLUGINS";
    /** {@code off} turns the Embedded Metric Format lines off. */
    public static final String METRICS = "LOGDRAIN_METRICS";
    /** CloudWatch namespace of the metrics (default {@code logdrain}). */
    public static final String METRICS_NAMESPACE = "LOGDRAIN_METRICS_NAMESPACE";
    /** Milliseconds kept back from the invocation's remaining time (default 2000). */
    public static final String DEADLINE_MARGIN_MS = "LOGDRAIN_DEADLINE_MARGIN_MS";
    /** Largest decoded payload of one event (default 64MiB): the source's {@code maxpayload} setting. */
    public static final String MAX_PAYLOAD = "LOGDRAIN_MAX_PAYLOAD";
    /**
     * A Secrets Manager secret (name or ARN) or, as {@code ssm:/name} or an SSM parameter ARN, an SSM
     * SecureString parameter whose value is the URL(s); read at init, cached for {@link #URL_CACHE_TTL}.
     */
    public static final String URL_SECRET = "LOGDRAIN_URL_SECRET";
    /** For tests: the Secrets Manager endpoint to call instead of AWS's. */
    public static final String SECRETSMANAGER_ENDPOINT = "LOGDRAIN_SECRETSMANAGER_ENDPOINT";
    /** For tests: the SSM endpoint to call instead of AWS's. */
    public static final String SSM_ENDPOINT = "LOGDRAIN_SSM_ENDPOINT";
    /**
     * Processing for every destination, written as URL options ({@code exclude=^REPORT&redact=email,ip},
     * percent-encoded as in a URL); a URL's own option of the same name wins.
     */
    public static final String PROCESS = "LOGDRAIN_PROCESS";
    /** The source that decodes the events, by name, as sinks are chosen by scheme (default {@code cloudwatch}). */
    public static final String SOURCE = "LOGDRAIN_SOURCE";
    /** For tests: the CloudFormation endpoint to call instead of AWS's. */
    public static final String CLOUDFORMATION_ENDPOINT = "LOGDRAIN_CLOUDFORMATION_ENDPOINT";

    /** Every variable this host reads, for documentation and the template check. */
    public static final Set<String> LOGDRAIN_VARIABLES = Set.of(URL, STACK, URL_PARAMETER, URL_CACHE_TTL, CACHE_DIR,
            PLUGINS, METRICS, METRICS_NAMESPACE, DEADLINE_MARGIN_MS, MAX_PAYLOAD, SOURCE, CLOUDFORMATION_ENDPOINT,
            URL_SECRET, SECRETSMANAGER_ENDPOINT, SSM_ENDPOINT, PROCESS);

    public static final String DEFAULT_URL_PARAMETER = "Url";
    public static final String DEFAULT_PLUGIN_DIRECTORY = "/opt/logdrain/plugins";
    public static final String DEFAULT_NAMESPACE = "logdrain";
    public static final String DEFAULT_SOURCE = "cloudwatch";
    /** The source setting {@link #MAX_PAYLOAD} sets. */
    public static final String MAX_PAYLOAD_SETTING = "maxpayload";

    /**
     * Reads the settings.
     *
     * @throws ConfigurationException for a value that cannot work, naming the variable
     */
    public static LambdaSettings from(Map<String, String> env) {
        List<String> urls = split(env.get(URL));
        String functionName = value(env, "AWS_LAMBDA_FUNCTION_NAME").orElse("");
        String stack = value(env, STACK).orElseGet(() -> defaultStack(functionName));
        boolean fromSecret = value(env, URL_SECRET).isPresent();
        if (fromSecret && !urls.isEmpty()) {
            throw new ConfigurationException("both " + URL + " and " + URL_SECRET + " are set: set one");
        }
        if (urls.isEmpty() && stack.isEmpty() && !fromSecret) {
            throw new ConfigurationException("no destination: set " + URL + " (e.g. tcp+tls://logs.example.com:6514), "
                    + "or " + STACK + " to the stack whose parameter Url holds it");
        }
        String ownGroup = value(env, "AWS_LAMBDA_LOG_GROUP_NAME")
                .orElse(functionName.isEmpty() ? "" : "/aws/lambda/" + functionName);
        return new LambdaSettings(urls, stack,
                value(env, URL_PARAMETER).orElse(DEFAULT_URL_PARAMETER),
                Duration.ofSeconds(number(env, URL_CACHE_TTL, 300, 0, 7 * 24 * 3600)),
                Path.of(value(env, CACHE_DIR).orElse("/tmp")),
                pluginDirectories(env),
                metrics(env),
                value(env, METRICS_NAMESPACE).orElse(DEFAULT_NAMESPACE),
                Duration.ofMillis(number(env, DEADLINE_MARGIN_MS, 2000, 0, 600_000)),
                value(env, SOURCE).orElse(DEFAULT_SOURCE),
                value(env, MAX_PAYLOAD).map(v -> Map.of(MAX_PAYLOAD_SETTING, v)).orElse(Map.of()),
                value(env, CLOUDFORMATION_ENDPOINT),
                value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION")),
                functionName, ownGroup,
                value(env, PROCESS).map(v -> Destination.parseOptions(v, PROCESS)).orElse(Map.of()));
    }

    /** Whether the URLs come from the stack parameter (and can be looked up again). */
    public boolean urlsFromStack() {
        return urls.isEmpty();
    }

    /** The stack name convox/syslog used: the function name up to {@code -Function}. */
    static String defaultStack(String functionName) {
        int cut = functionName.indexOf("-Function");
        return cut > 0 ? functionName.substring(0, cut) : functionName;
    }

    /** Whitespace-separated values. */
    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("\\s+")).toList();
    }

    private static List<Path> pluginDirectories(Map<String, String> env) {
        Optional<String> given = value(env, PLUGINS);
        if (given.isEmpty()) {
            Path dflt = Path.of(DEFAULT_PLUGIN_DIRECTORY);
            return Files.isDirectory(dflt) ? List.of(dflt) : List.of();
        }
        List<Path> dirs = new ArrayList<>();
        for (String part : given.get().split(File.pathSeparator)) {
            if (!part.isBlank()) {
                dirs.add(Path.of(part.strip()));
            }
        }
        return dirs;
    }

    private static boolean metrics(Map<String, String> env) {
        String v = value(env, METRICS).orElse("on").toLowerCase(Locale.ROOT);
        return Destination.booleanValue(v.equals("emf") ? "on" : v.equals("none") ? "off" : v)
                .orElseThrow(() -> new ConfigurationException(METRICS + "='" + v + "' must be on or off"));
    }

    private static long number(Map<String, String> env, String name, long dflt, long min, long max) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(name + "='" + v.get() + "' must be a whole number from " + min + " to " + max);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
