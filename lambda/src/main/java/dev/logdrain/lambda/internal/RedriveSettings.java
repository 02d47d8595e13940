package dev.logdrain.lambda.internal;

import dev.logdrain.redrive.Redriver;
import dev.logdrain.spi.ConfigurationException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The redrive handler's settings, beyond {@link LambdaSettings}: which on-failure destination to drain and when
 * a record counts as poison.
 *
 * @param source      the function's on-failure queue (URL or ARN) or bucket ({@code s3://BUCKET[/PREFIX]}, ARN)
 * @param maxReceives a record not delivered after more receives than this is reported as poison
 * @param endpoint    for tests only: the SQS/S3/Kinesis endpoint, or null
 */
public record RedriveSettings(String source, int maxReceives, URI endpoint) {

    public static final String SOURCE = "LOGDRAIN_REDRIVE_SOURCE";
    public static final String MAX_RECEIVES = "LOGDRAIN_REDRIVE_MAX_RECEIVES";
    public static final String ENDPOINT = "LOGDRAIN_REDRIVE_ENDPOINT";
    public static final Set<String> LOGDRAIN_VARIABLES = Set.of(SOURCE, MAX_RECEIVES, ENDPOINT);

    public static RedriveSettings from(Map<String, String> env) {
        String source = env.getOrDefault(SOURCE, "").strip();
        if (source.isEmpty()) {
            throw new ConfigurationException(SOURCE + " is not set: name the on-failure queue URL or s3://BUCKET");
        }
        String max = env.getOrDefault(MAX_RECEIVES, "").strip();
        int maxReceives = Redriver.Settings.DEFAULT_MAX_RECEIVES;
        if (!max.isEmpty()) {
            try {
                maxReceives = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                maxReceives = 0;
            }
            if (maxReceives < 1 || maxReceives > 1000) {
                throw new ConfigurationException(MAX_RECEIVES + "='" + max + "' must be a whole number from 1 to 1000");
            }
        }
        String endpoint = env.getOrDefault(ENDPOINT, "").strip();
        try {
            return new RedriveSettings(source, maxReceives, endpoint.isEmpty() ? null : URI.create(endpoint));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ENDPOINT + " is not a URL");
        }
    }
}
