package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Reads a stack parameter with the AWS SDK's DescribeStacks, through the light url-connection HTTP client. The
 * client is built once and reused by later lookups.
 *
 * <p>Cold start: building the client and the first call through it load about 2,000 classes (the SDK's
 * configuration, its region metadata, the request pipeline, SigV4 signing, the XML unmarshaller). {@link #prepare()}
 * does all of that without any network I/O: it builds the client and sends one DescribeStacks that the HTTP client
 * answers from memory (a canned response, never a connection). The handler calls it during init, which Lambda
 * runs at full CPU and SnapStart keeps in its snapshot, so the first invocation only pays for the real request.
 * The HTTP client creates no TLS context up front: an {@code https} endpoint gets the JDK's default one (the
 * JDK's trust store, host names verified) when its first connection is opened, a plain {@code http} endpoint
 * (tests) none.
 */
public final class CloudFormationParameters implements StackParameterUrls.ParameterReader, AutoCloseable {

    /** Marks the request of {@link #prepare()}: the HTTP client answers it from memory. */
    private static final String PRIMING_HEADER = "x-logdrain-priming";

    private final Map<String, String> env;
    private final LambdaSettings settings;
    private CloudFormationClient client;
    private boolean closed;

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
            throw new ConfigurationException("DescribeStacks on stack " + stack + " failed: "
                    + AwsClients.oneLine(message)
                    + "; set " + LambdaSettings.STACK + " to the stack that has parameter " + parameter
                    + ", or " + LambdaSettings.URL);
        } catch (SdkException e) {
            throw new ConfigurationException("DescribeStacks on stack " + stack + " failed: "
                    + AwsClients.oneLine(e.getMessage()));
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

    /**
     * Builds the client and runs one DescribeStacks through it that is answered from memory, so that the SDK's
     * classes are loaded and linked before the first real lookup. No network I/O: the priming request uses
     * fixed dummy credentials (the credentials provider is not asked) and never reaches a connection. A
     * failure is ignored here; the first real lookup reports it.
     */
    public void prepare() {
        try {
            client().describeStacks(b -> b.stackName(settings.stackName())
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30))
                            .putHeader(PRIMING_HEADER, "1")
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("AKIDPRIMING", "priming")))));
        } catch (RuntimeException e) {
            // the first lookup builds the client again and reports what is wrong
        }
    }

    private synchronized CloudFormationClient client() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (client == null) {
            String region = settings.region().orElseThrow(() -> new ConfigurationException(
                    "AWS_REGION is not set: it is needed to read the destination URL from stack "
                            + settings.stackName()));
            // Everything the SDK would resolve at first use is given (see AwsClients.configure): nothing is read
            // from the environment, profile files or the instance metadata service, and the endpoint is fixed.
            Optional<URI> endpoint = settings.cloudFormationEndpoint().map(URI::create)
                    .or(() -> AwsClients.regionalEndpoint("cloudformation", region));
            var builder = CloudFormationClient.builder()
                    .httpClient(new PrimableHttpClient(AwsClients.httpClient()))
                    .credentialsProvider(AwsClients.credentials(env));
            AwsClients.configure(builder, region, endpoint);
            // a fixed endpoint needs none of the SDK's endpoint rules (an interpreter and the partition data)
            endpoint.ifPresent(url -> builder.endpointProvider(params -> CompletableFuture.completedFuture(
                    Endpoint.builder().url(url).build())));
            client = builder.build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /**
     * The url-connection client, except that a request marked with {@link #PRIMING_HEADER} is answered from memory
     * with a DescribeStacks response. That request still gets its (unconnected) {@code HttpURLConnection}, so that
     * the JDK's HTTP classes are loaded too (and, for {@code https}, its default TLS context).
     */
    private static final class PrimableHttpClient implements SdkHttpClient {
        private static final byte[] PRIMING_RESPONSE = ("<DescribeStacksResponse"
                + " xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><DescribeStacksResult><Stacks><member>"
                + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/priming/00000000-0000-0000-0000-000000000000"
                + "</StackId><StackName>priming</StackName><CreationTime>2024-01-01T00:00:00.000Z</CreationTime>"
                + "<StackStatus>CREATE_COMPLETE</StackStatus><Parameters><member><ParameterKey>Url</ParameterKey>"
                + "<ParameterValue>tcp://127.0.0.1:514</ParameterValue></member></Parameters></member></Stacks>"
                + "</DescribeStacksResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId>"
                + "</ResponseMetadata></DescribeStacksResponse>").getBytes(StandardCharsets.UTF_8);

        private final SdkHttpClient delegate;

        PrimableHttpClient(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            ExecutableHttpRequest real = delegate.prepareRequest(request);
            if (request.httpRequest().firstMatchingHeader(PRIMING_HEADER).isEmpty()) {
                return real;
            }
            real.abort(); // never connected: nothing was sent
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "text/xml")
                                    .putHeader("Content-Length", String.valueOf(PRIMING_RESPONSE.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(PRIMING_RESPONSE)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public String clientName() {
            return delegate.clientName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
