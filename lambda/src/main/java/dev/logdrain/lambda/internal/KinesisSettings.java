package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the Kinesis handler reads on top of {@link LambdaSettings}, once at init. Every name here is public
 * interface (README, deployment template).
 *
 * @param failOnCorrupt whether a corrupt record stops the shard (reported as the batch item failure) instead of
 *                      being reported and skipped
 */
public record KinesisSettings(boolean failOnCorrupt) {

    /** {@code skip} (the default) or {@code fail}: what to do with a record whose data cannot be decoded. */
    public static final String CORRUPT = "LOGDRAIN_KINESIS_CORRUPT";

    /** Every variable the Kinesis handler reads beyond {@link LambdaSettings#LOGDRAIN_VARIABLES}. */
    public static final Set<String> LOGDRAIN_VARIABLES = Set.of(CORRUPT);

    /**
     * Reads the settings.
     *
     * @throws ConfigurationException for a value that cannot work, naming the variable
     */
    public static KinesisSettings from(Map<String, String> env) {
        String value = env.get(CORRUPT);
        String v = value == null || value.isBlank() ? "skip" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "skip" -> new KinesisSettings(false);
            case "fail" -> new KinesisSettings(true);
            default -> throw new ConfigurationException(CORRUPT + "='" + value.strip() + "' must be skip or fail");
        };
    }
}
