package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * How logdrain builds its AWS SDK clients (Secrets Manager, SSM, CloudWatch Logs): the light url-connection
 * HTTP client, explicit defaults and retry modes (nothing resolved from profile files or the instance
 * metadata service), the keys Lambda puts in the environment. Building a client dials nothing.
 *
 * <p>Every request asks the server to close its connection ({@code Connection: close}): these clients call
 * rarely (a secret every few minutes, a subscription at deploy time), and no socket is ever left open for a
 * SnapStart snapshot to copy.
 */
public final class AwsClients {

    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final ProfileFile EMPTY_PROFILE = ProfileFile.builder()
            .content(new java.io.ByteArrayInputStream(new byte[0]))
            .type(ProfileFile.Type.CONFIGURATION)
            .build();

    private AwsClients() {
    }

    /**
     * Configures a client builder.
     *
     * @param what     what the client is for (for the error when AWS_REGION is missing)
     * @param endpoint an endpoint override (tests), or empty
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Map<String, String> env, Optional<String> endpoint, String what) {
        String region = value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION"))
                .orElseThrow(() -> new ConfigurationException("AWS_REGION is not set: it is needed to " + what));
        builder.httpClient(httpClient()).credentialsProvider(credentials(env));
        return configure(builder, region, endpoint.map(URI::create)).build();
    }

    /**
     * What the SDK would otherwise resolve when a client is built or first used, given: the region, the endpoint
     * (as an override, so that neither the endpoint nor, lazily, the region metadata of every service is looked up
     * for it), defaults and retry modes, no dual-stack or FIPS endpoint, and an empty profile file
     * (Lambda has no {@code ~/.aws/config}; nothing is read or parsed).
     */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String region, Optional<URI> endpoint) {
        endpoint.ifPresent(builder::endpointOverride);
        return builder.region(Region.of(region))
                .defaultsMode(DefaultsMode.STANDARD)
                .dualstackEnabled(false)
                .fipsEnabled(false)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .defaultProfileFile(EMPTY_PROFILE)
                        .defaultProfileName("default"));
    }

    /**
     * The endpoint of a service in a region: {@code https://SERVICE.REGION.amazonaws.com} ({@code .amazonaws.com.cn}
     * in China), as the SDK's endpoint rules give it for these services; empty in the isolated partitions
     * ({@code us-iso-east-1} and the like), which are left to the SDK's rules.
     */
    public static Optional<URI> regionalEndpoint(String service, String region) {
        if (region.contains("-iso")) {
            return Optional.empty();
        }
        return Optional.of(URI.create("https://" + service + "." + region
                + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com")));
    }

    /** The url-connection client without its eager SSLContext and with {@code Connection: close}. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create(AwsClients::connect);
    }

    /**
     * A connection as the url-connection client's default makes it, less its eagerly built {@code SSLContext}
     * (which parses the trust store even when the endpoint is plain {@code http}): {@code https} connections use
     * the JDK's default socket factory and host name verifier.
     */
    private static HttpURLConnection connect(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setRequestProperty("Connection", "close"); // no socket left for a SnapStart snapshot
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys Lambda puts in the environment; else the SDK's default chain (SnapStart uses container credentials). */
    public static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** An AWS error message on one line. */
    public static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s+", " ").strip();
    }
}
