package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Reads a stack parameter with the AWS SDK's DescribeStacks. The SDK is loaded and the client built only
 * when the first lookup happens (never during init, never when {@code LOGDRAIN_URL} is set); it uses the
 * light url-connection HTTP client, and is reused by later lookups.
 */
public final class CloudFormationParameters implements StackParameterUrls.ParameterReader, AutoCloseable {

    private final Map<String, String> env;
    private final LambdaSettings settings;
    private CloudFormationClient client;

    public CloudFormationParameters(LambdaSettings settings, Map<String, String> env) {
        this.settings = settings;
        this.env = env;
    }

    @Override
    public String read(String stack, String parameter, Deadline deadline) {
        Duration timeout = Duration.ofMillis(Math.max(1, deadline.remainingMillis()));
        DescribeStacksResponse response;
        try {
            response = client().describeStacks(b -> b.stackName(stack)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout)));
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new ConfigurationException("DescribeStacks on stack " + stack + " failed: " + oneLine(message)
                    + "; set " + LambdaSettings.STACK + " to the stack that has parameter " + parameter
                    + ", or " + LambdaSettings.URL);
        } catch (SdkException e) {
            throw new ConfigurationException("DescribeStacks on stack " + stack + " failed: " + oneLine(e.getMessage()));
        }
        Optional<Stack> found = response.stacks().stream().findFirst();
        if (found.isEmpty()) {
            throw new ConfigurationException("DescribeStacks found no stack " + stack);
        }
        return found.get().parameters().stream()
                .filter(p -> parameter.equals(p.parameterKey()))
                .map(Parameter::parameterValue)
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("stack " + stack + " has no parameter " + parameter
                        + " (it has: " + found.get().parameters().stream().map(Parameter::parameterKey).sorted()
                        .collect(Collectors.joining(", ")) + "); set " + LambdaSettings.URL_PARAMETER + " or "
                        + LambdaSettings.URL));
    }

    private synchronized CloudFormationClient client() {
        if (client == null) {
            String region = settings.region().orElseThrow(() -> new ConfigurationException(
                    "AWS_REGION is not set: it is needed to read the destination URL from stack "
                            + settings.stackName()));
            var builder = CloudFormationClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(3))
                            .socketTimeout(Duration.ofSeconds(10)))
                    .region(Region.of(region))
                    .credentialsProvider(credentials());
            settings.cloudFormationEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
            client = builder.build();
        }
        return client;
    }

    /** The keys Lambda puts in the environment; else the SDK's default chain (SnapStart uses container credentials). */
    private AwsCredentialsProvider credentials() {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s+", " ").strip();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
