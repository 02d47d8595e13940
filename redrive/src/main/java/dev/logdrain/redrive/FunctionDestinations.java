package dev.logdrain.redrive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logdrain.spi.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

/**
 * The destinations a record's function uses, when that can be told: the function named by the record's
 * {@code requestContext.functionArn}, the stack that made it (DescribeStackResources by physical id), and
 * that stack's {@code Url} parameter (DescribeStacks), as the function itself reads it.
 */
public final class FunctionDestinations {

    public static final String URL_PARAMETER = "Url";
    private static final JsonFactory JSON = new JsonFactory();

    private FunctionDestinations() {
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]} of an on-failure record, if it has one. */
    public static Optional<String> functionArn(byte[] record) {
        try (JsonParser p = JSON.createParser(record)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("requestContext".equals(name) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("functionArn".equals(field) && v == JsonToken.VALUE_STRING) {
                            String arn = p.getText();
                            return arn.split(":").length >= 7 && arn.startsWith("arn:") ? Optional.of(arn) : Optional.empty();
                        }
                        p.skipChildren();
                    }
                    return Optional.empty();
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // not JSON: no function to tell
        }
        return Optional.empty();
    }

    /**
     * The URLs of the stack that made the function.
     *
     * @param endpoint a CloudFormation endpoint for tests, or null
     * @throws ConfigurationException when the function is not part of a stack, the stack has no {@code Url}, or
     *                                CloudFormation cannot be asked
     */
    public static List<String> urls(String functionArn, URI endpoint) {
        String[] parts = functionArn.split(":");
        String region = parts[3];
        String function = parts[6];
        var builder = CloudFormationClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (!region.isEmpty()) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try (CloudFormationClient cloudFormation = builder.build()) {
            List<StackResource> resources = cloudFormation.describeStackResources(r -> r.physicalResourceId(function))
                    .stackResources();
            if (resources.isEmpty()) {
                throw new ConfigurationException("function " + function + " belongs to no CloudFormation stack: give --url");
            }
            String stack = resources.get(0).stackName();
            String value = cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().stream()
                    .flatMap(s -> s.parameters().stream())
                    .filter(p -> URL_PARAMETER.equals(p.parameterKey())).map(Parameter::parameterValue)
                    .findFirst().orElseThrow(() -> new ConfigurationException("stack " + stack + " of function "
                            + function + " has no parameter " + URL_PARAMETER + ": give --url"));
            if (value.strip().matches("\\*+")) {
                throw new ConfigurationException("parameter " + URL_PARAMETER + " of stack " + stack
                        + " is hidden (NoEcho): give --url");
            }
            return Arrays.stream(value.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        } catch (SdkException e) {
            throw new ConfigurationException("cannot read the destinations of function " + function
                    + " from CloudFormation (" + e.getMessage() + "): give --url");
        }
    }
}
