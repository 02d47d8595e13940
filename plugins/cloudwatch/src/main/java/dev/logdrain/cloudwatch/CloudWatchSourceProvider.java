package dev.logdrain.cloudwatch;

import dev.logdrain.cloudwatch.internal.CloudWatchSource;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.SourceProvider;
import java.util.List;
import java.util.Map;

/**
 * Source {@code cloudwatch}: CloudWatch Logs subscription payloads in every envelope that carries them (the
 * Lambda event, on-failure records, SQS messages, Kinesis and Firehose records, gzip, base64 text, files of
 * documents). Each data message becomes one batch; control messages yield no batch and are counted.
 */
public final class CloudWatchSourceProvider implements SourceProvider {

    public static final String NAME = "cloudwatch";
    /** Setting: the most decompressed JSON bytes one input may hold (bytes, or with KiB/MiB/GiB). */
    public static final String MAX_PAYLOAD = "maxpayload";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of(MAX_PAYLOAD,
                "most decompressed JSON bytes one input may hold, e.g. 64MiB (the default)"));
    }

    @Override
    public Source create(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!MAX_PAYLOAD.equals(key)) {
                throw new ConfigurationException("unknown setting '" + key + "' for source cloudwatch; known: "
                        + MAX_PAYLOAD);
            }
        }
        String max = settings.get(MAX_PAYLOAD);
        return new CloudWatchSource(max == null ? dev.logdrain.cloudwatch.internal.CloudWatchPayloads.DEFAULT_MAX_PAYLOAD_BYTES
                : dev.logdrain.cloudwatch.internal.CloudWatchPayloads.parseSize(max, MAX_PAYLOAD));
    }
}
