package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subscriber's configuration ({@link dev.logdrain.lambda.LogGroupSubscriber}), from the environment the
 * templates set: what its subscription filters point at and which groups it never touches.
 *
 * @param destination   the filters' destination: the forwarder's alias ARN, or a Kinesis stream ARN
 * @param role          the role CloudWatch Logs assumes to write to a stream, or empty (Lambda destination)
 * @param distribution  {@code ByLogStream} or {@code Random} (streams only), or empty
 * @param filterName    the name of every filter it makes; a filter with another name is someone else's
 * @param filterPattern the filters' pattern
 * @param prefixes      name prefixes whose new groups it subscribes ({@code CreateLogGroup} events)
 * @param excluded      groups never subscribed: the forwarder's own, the subscriber's own, the user's list
 * @param endpoint      CloudWatch Logs endpoint override (tests), or empty
 */
public record SubscriberSettings(String destination, Optional<String> role, Optional<String> distribution,
                                 String filterName, String filterPattern, List<String> prefixes,
                                 Set<String> excluded, Optional<String> endpoint) {

    public static final String DESTINATION = "LOGDRAIN_SUBSCRIBE_DESTINATION";
    public static final String ROLE = "LOGDRAIN_SUBSCRIBE_ROLE";
    public static final String DISTRIBUTION = "LOGDRAIN_SUBSCRIBE_DISTRIBUTION";
    public static final String FILTER_NAME = "LOGDRAIN_SUBSCRIBE_FILTER_NAME";
    public static final String FILTER_PATTERN = "LOGDRAIN_SUBSCRIBE_FILTER_PATTERN";
    public static final String PREFIXES = "LOGDRAIN_SUBSCRIBE_PREFIXES";
    public static final String EXCLUDE = "LOGDRAIN_SUBSCRIBE_EXCLUDE";
    /** For tests: the CloudWatch Logs endpoint to call instead of AWS's. */
    public static final String LOGS_ENDPOINT = "LOGDRAIN_LOGS_ENDPOINT";

    public static final Set<String> LOGDRAIN_VARIABLES = Set.of(DESTINATION, ROLE, DISTRIBUTION, FILTER_NAME,
            FILTER_PATTERN, PREFIXES, EXCLUDE, LOGS_ENDPOINT);

    public SubscriberSettings {
        prefixes = List.copyOf(prefixes);
        excluded = Set.copyOf(excluded);
    }

    public static SubscriberSettings from(Map<String, String> env) {
        String destination = AwsClients.value(env, DESTINATION).orElseThrow(() ->
                new ConfigurationException(DESTINATION + " is not set: the ARN the subscription filters send to"));
        Set<String> excluded = new LinkedHashSet<>(list(env.get(EXCLUDE)));
        AwsClients.value(env, "AWS_LAMBDA_LOG_GROUP_NAME").ifPresent(excluded::add);
        return new SubscriberSettings(destination, AwsClients.value(env, ROLE), AwsClients.value(env, DISTRIBUTION),
                AwsClients.value(env, FILTER_NAME).orElse("logdrain"),
                env.getOrDefault(FILTER_PATTERN, ""), list(env.get(PREFIXES)), excluded,
                AwsClients.value(env, LOGS_ENDPOINT));
    }

    /** A comma-separated list, blanks dropped (log group names hold no comma). */
    public static List<String> list(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** Whether a group is one whose name starts with one of the prefixes. */
    public static boolean matches(String group, List<String> prefixes) {
        return prefixes.stream().anyMatch(group::startsWith);
    }
}
