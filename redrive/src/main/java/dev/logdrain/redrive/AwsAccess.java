package dev.logdrain.redrive;

import dev.logdrain.redrive.internal.KinesisBatches;
import dev.logdrain.redrive.internal.S3Store;
import dev.logdrain.redrive.internal.SqsStore;
import dev.logdrain.spi.ConfigurationException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS clients for a redrive: SQS, S3 and Kinesis through the SDK v2 with the url-connection HTTP client,
 * credentials and region from the default chain (profile, environment, instance or function role). The
 * region of a queue URL, a queue ARN or a stream ARN wins over the default.
 */
public final class AwsAccess implements AutoCloseable {

    private static final Pattern SQS_HOST = Pattern.compile("sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern SQS_ARN = Pattern.compile("arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_.-]{1,80})");
    private static final Pattern S3_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::([a-z0-9.-]{3,63})(/.*)?");
    private static final Pattern S3_URL = Pattern.compile("s3://([a-z0-9.-]{3,63})(/.*)?");

    private final URI endpoint;
    private final Map<String, KinesisClient> kinesisClients = new ConcurrentHashMap<>();

    /** @param endpoint an endpoint for every service (a local SQS or S3 server, LocalStack), or null for AWS's */
    public AwsAccess(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Opens the on-failure destination named by {@code location}: an SQS queue URL or ARN, {@code s3://BUCKET[/PREFIX]}
     * or a bucket ARN.
     *
     * @throws ConfigurationException when {@code location} is none of these
     */
    public FailureStore open(String location) {
        Matcher m;
        if ((m = S3_URL.matcher(location)).matches() || (m = S3_ARN.matcher(location)).matches()) {
            String prefix = m.group(2) == null ? "" : m.group(2).substring(1);
            return new S3Store(s3(), m.group(1), prefix);
        }
        if ((m = SQS_ARN.matcher(location)).matches()) {
            SqsClient sqs = sqs(m.group(1));
            String account = m.group(2);
            String name = m.group(3);
            String url = sqs.getQueueUrl(r -> r.queueName(name).queueOwnerAWSAccountId(account)).queueUrl();
            return new SqsStore(sqs, url);
        }
        if (location.startsWith("https://") || location.startsWith("http://")) {
            URI uri = URI.create(location);
            Matcher host = SQS_HOST.matcher(uri.getHost() == null ? "" : uri.getHost());
            return new SqsStore(sqs(host.matches() ? host.group(1) : null), location);
        }
        throw new ConfigurationException("'" + location + "' is not an SQS queue (URL or arn:aws:sqs:...) nor an S3 "
                + "location (s3://BUCKET[/PREFIX] or arn:aws:s3:::BUCKET)");
    }

    /** Reads Kinesis batches back, with one client per region. */
    public KinesisBatches kinesis() {
        return new KinesisBatches(region -> kinesisClients.computeIfAbsent(region, r -> {
            var builder = KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(overrides());
            if (!r.isEmpty()) {
                builder.region(Region.of(r));
            }
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder.build();
        }));
    }

    private SqsClient sqs(String region) {
        var builder = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private S3Client s3() {
        var builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides());
        if (endpoint != null) {
            // S3-compatible servers: path-style addressing, and checksums only where S3 requires them
            builder.endpointOverride(endpoint).forcePathStyle(true)
                    .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build();
    }

    @Override
    public void close() {
        kinesisClients.values().forEach(KinesisClient::close);
    }
}
