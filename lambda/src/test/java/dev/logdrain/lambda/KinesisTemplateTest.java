package dev.logdrain.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.logdrain.lambda.internal.KinesisSettings;
import dev.logdrain.lambda.internal.LambdaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kinesis deployment template ({@code examples/deploy/kinesis.yaml}) and the README's kinesis section
 * name what the code has (handler, zip, environment variables and their values), and the event source
 * mapping has what partial batch responses need.
 */
class KinesisTemplateTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path TEMPLATE = MODULE.resolveSibling("examples/deploy/kinesis.yaml");

    private static String template() throws IOException {
        return Files.readString(TEMPLATE);
    }

    /** The value of {@code key: value} in a block of text (the first one). */
    private static String value(String text, String key) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(key) + ":\\s*(\\S.*?)\\s*$").matcher(text);
        assertThat(m.find()).as(key + " in " + TEMPLATE).isTrue();
        return m.group(1);
    }

    /** The lines of a top-level entry of a section ({@code Parameters}, {@code Resources}), indented two. */
    private static String block(String text, String name) {
        String[] lines = text.split("\n");
        StringBuilder block = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (line.equals("  " + name + ":")) {
                in = true;
                continue;
            }
            if (in) {
                if (!line.isBlank() && !line.startsWith("   ")) {
                    break;
                }
                block.append(line).append('\n');
            }
        }
        assertThat(block).as(name + " in " + TEMPLATE).isNotEmpty();
        return block.toString();
    }

    /** The names of the entries of a top-level section. */
    private static List<String> entries(String text, String section) {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                in = line.equals(section + ":");
                continue;
            }
            Matcher m = Pattern.compile("^  ([A-Za-z0-9:]+):\\s*$").matcher(line);
            if (in && m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void theHandlerIsTheKinesisStreamHandler() throws Exception {
        String handler = value(block(template(), "Function"), "Handler");

        assertThat(handler).isEqualTo("dev.logdrain.lambda.KinesisHandler::handleRequest");
        String[] parts = handler.split("::");
        Class<?> type = Class.forName(parts[0]);
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        assertThat(type.getMethod(parts[1], InputStream.class, OutputStream.class, Context.class)).isNotNull();
        assertThat(type.getConstructor()).as("Lambda needs a public no-argument constructor").isNotNull();
    }

    @Test
    void theCodeIsTheZipTheBuildMakes() throws IOException {
        String function = block(template(), "Function");

        assertThat(TEMPLATE.getParent().resolve(value(function, "CodeUri")).normalize())
                .isEqualTo(MODULE.resolve("target/logdrain-lambda.zip"));
        assertThat(value(function, "Runtime")).isEqualTo("java21");
    }

    @Test
    void everyEnvironmentVariableIsOneTheCodeReadsWithAValueItAccepts() throws IOException {
        String function = block(template(), "Function");
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^ {10}([A-Z][A-Z0-9_]*):\\s*(.*)$").matcher(
                function.substring(function.indexOf("Variables:")));
        while (m.find()) {
            variables.put(m.group(1), m.group(2));
        }
        Set<String> known = new HashSet<>(LambdaSettings.LOGDRAIN_VARIABLES);
        known.addAll(KinesisSettings.LOGDRAIN_VARIABLES);

        assertThat(variables).containsKeys(LambdaSettings.URL, LambdaSettings.STACK, LambdaSettings.URL_PARAMETER,
                KinesisSettings.CORRUPT);
        variables.keySet().forEach(name -> assertThat(name.startsWith("LOGDRAIN_") ? known.contains(name)
                : name.equals("JAVA_TOOL_OPTIONS")).as(name).isTrue());
        assertThat(variables.get(LambdaSettings.URL_PARAMETER)).isEqualTo(LambdaSettings.DEFAULT_URL_PARAMETER);
        assertThat(template()).containsPattern("(?m)^  " + LambdaSettings.DEFAULT_URL_PARAMETER + ":\\n    Type: String")
                .doesNotContain("NoEcho: true");

        // every value the CorruptRecords parameter allows is one the handler accepts; the defaults agree
        assertThat(variables.get(KinesisSettings.CORRUPT)).isEqualTo("!Ref CorruptRecords");
        String parameter = block(template(), "CorruptRecords");
        assertThat(value(parameter, "AllowedValues")).isEqualTo("[skip, fail]");
        for (String allowed : List.of("skip", "fail")) {
            assertThatCode(() -> KinesisSettings.from(Map.of(KinesisSettings.CORRUPT, allowed))).doesNotThrowAnyException();
        }
        assertThat(value(parameter, "Default")).isEqualTo("skip");
        assertThat(KinesisSettings.from(Map.of())).isEqualTo(KinesisSettings.from(Map.of(KinesisSettings.CORRUPT, "skip")));
    }

    @Test
    void theEventSourceMappingReadsTheStreamWithPartialBatchResponses() throws IOException {
        String mapping = block(template(), "EventSourceMapping");

        assertThat(value(mapping, "Type")).isEqualTo("AWS::Lambda::EventSourceMapping");
        assertThat(value(mapping, "FunctionName")).isEqualTo("!Ref Function");
        assertThat(value(mapping, "EventSourceArn")).isEqualTo("!GetAtt Stream.Arn");
        assertThat(value(mapping, "FunctionResponseTypes")).isEqualTo("[ReportBatchItemFailures]");
        assertThat(value(mapping, "BisectBatchOnFunctionError")).isEqualTo("true");
        for (String parameter : List.of("StartingPosition", "BatchSize", "MaximumBatchingWindowInSeconds",
                "ParallelizationFactor", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds")) {
            assertThat(value(mapping, parameter)).isEqualTo("!Ref " + parameter);
        }
        assertThat(value(mapping, "Destination")).contains("FailureQueue.Arn", "FailureBucket.Arn");
        assertThat(template()).as("a stream function is not invoked asynchronously").doesNotContain("EventInvokeConfig");
    }

    @Test
    void theStreamTheSubscriptionsAndTheRolesFitTogether() throws IOException {
        String stream = block(template(), "Stream");
        assertThat(value(stream, "Type")).isEqualTo("AWS::Kinesis::Stream");
        assertThat(value(stream, "StreamMode")).isEqualTo("!Ref StreamMode");
        assertThat(value(stream, "ShardCount")).isEqualTo("!If [Provisioned, !Ref ShardCount, !Ref AWS::NoValue]");

        String subscriptionRole = block(template(), "SubscriptionRole");
        assertThat(subscriptionRole).contains("Principal: {Service: logs.amazonaws.com}", "Action: kinesis:PutRecord",
                "Resource: !GetAtt Stream.Arn");

        String template = template();
        String filter = template.substring(template.indexOf("Fn::ForEach::LogGroups:"));
        assertThat(value(filter, "Type")).isEqualTo("AWS::Logs::SubscriptionFilter");
        assertThat(value(filter, "DestinationArn")).isEqualTo("!GetAtt Stream.Arn");
        assertThat(value(filter, "RoleArn")).isEqualTo("!GetAtt SubscriptionRole.Arn");
        assertThat(filter).as("CloudWatch Logs writes to the stream: no invoke permission")
                .doesNotContain("AWS::Lambda::Permission");

        String role = block(template, "Role");
        assertThat(role).contains("kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream",
                "kinesis:ListShards");
    }

    @Test
    void theReadmeDocumentsTheHandlerTheTemplateTheSettingAndEveryParameter() throws IOException {
        String readme = Files.readString(MODULE.resolveSibling("README.md"));
        String section = readme.substring(readme.indexOf("<!-- section: kinesis -->"),
                readme.indexOf("<!-- end section: kinesis -->"));

        assertThat(section).contains("dev.logdrain.lambda.KinesisHandler::handleRequest", "examples/deploy/kinesis.yaml",
                "`" + KinesisSettings.CORRUPT + "`", "`RecordsCorrupt`", "`RecordsFailed`", "`RecordsRetried`",
                "`RecordsReceived`");
        for (String parameter : entries(template(), "Parameters")) {
            assertThat(section).as("README kinesis section documents parameter " + parameter)
                    .contains("`" + parameter + "`");
        }
    }
}
