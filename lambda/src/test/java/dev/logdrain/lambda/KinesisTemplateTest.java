package dev.logdrain.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.logdrain.lambda.internal.KinesisSettings;
import dev.logdrain.lambda.internal.LambdaSettings;
import dev.logdrain.lambda.testing.DeployTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kinesis deployment template ({@code examples/deploy/kinesis.yaml}) and docs/kinesis.md
 * name what the code has (handler, zip, environment variables and their values), and the event source
 * mapping has what partial batch responses need.
 */
class KinesisTemplateTest {

    private static DeployTemplate template() throws IOException {
        return DeployTemplate.read("kinesis.yaml");
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
        DeployTemplate template = template();
        String handler = template.value(template.block("Function"), "Handler");

        assertThat(handler).isEqualTo(KinesisHandler.class.getName() + "::handleRequest");
        DeployTemplate.assertStreamHandler(handler);
    }

    @Test
    void theCodeIsTheZipTheBuildMakes() throws IOException {
        DeployTemplate template = template();

        template.assertCodeIsTheBuiltZip(template.block("Function"));
    }

    @Test
    void everyEnvironmentVariableIsOneTheCodeReadsWithAValueItAccepts() throws IOException {
        DeployTemplate template = template();
        Map<String, String> variables = DeployTemplate.variables(template.block("Function"));
        Set<String> known = new HashSet<>(LambdaSettings.LOGDRAIN_VARIABLES);
        known.addAll(KinesisSettings.LOGDRAIN_VARIABLES);

        template.assertVariablesAreKnown(variables, known);
        assertThat(variables).containsKey(KinesisSettings.CORRUPT);

        // every value the CorruptRecords parameter allows is one the handler accepts; the defaults agree
        assertThat(variables.get(KinesisSettings.CORRUPT)).isEqualTo("!Ref CorruptRecords");
        String parameter = template.block("CorruptRecords");
        assertThat(template.value(parameter, "AllowedValues")).isEqualTo("[skip, fail]");
        for (String allowed : List.of("skip", "fail")) {
            assertThatCode(() -> KinesisSettings.from(Map.of(KinesisSettings.CORRUPT, allowed))).doesNotThrowAnyException();
        }
        assertThat(template.value(parameter, "Default")).isEqualTo("skip");
        assertThat(KinesisSettings.from(Map.of())).isEqualTo(KinesisSettings.from(Map.of(KinesisSettings.CORRUPT, "skip")));
    }

    @Test
    void theEventSourceMappingReadsTheStreamWithPartialBatchResponses() throws IOException {
        DeployTemplate template = template();
        String mapping = template.block("EventSourceMapping");

        assertThat(template.value(mapping, "Type")).isEqualTo("AWS::Lambda::EventSourceMapping");
        assertThat(template.value(mapping, "FunctionName")).isEqualTo("!Ref FunctionAliaslive");
        assertThat(template.value(mapping, "EventSourceArn")).isEqualTo("!GetAtt Stream.Arn");
        assertThat(template.value(mapping, "FunctionResponseTypes")).isEqualTo("[ReportBatchItemFailures]");
        assertThat(template.value(mapping, "BisectBatchOnFunctionError")).isEqualTo("true");
        for (String parameter : List.of("StartingPosition", "BatchSize", "MaximumBatchingWindowInSeconds",
                "ParallelizationFactor", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds")) {
            assertThat(template.value(mapping, parameter)).isEqualTo("!Ref " + parameter);
        }
        assertThat(template.value(mapping, "Destination")).contains("FailureQueue.Arn", "FailureBucket.Arn");
        assertThat(template.text()).as("a stream function is not invoked asynchronously").doesNotContain("EventInvokeConfig");
    }

    @Test
    void theStreamTheSubscriptionsAndTheRolesFitTogether() throws IOException {
        DeployTemplate template = template();
        String stream = template.block("Stream");
        assertThat(template.value(stream, "Type")).isEqualTo("AWS::Kinesis::Stream");
        assertThat(template.value(stream, "StreamMode")).isEqualTo("!Ref StreamMode");
        assertThat(template.value(stream, "ShardCount")).isEqualTo("!If [Provisioned, !Ref ShardCount, !Ref AWS::NoValue]");

        String subscriptionRole = template.block("SubscriptionRole");
        assertThat(subscriptionRole).contains("Principal: {Service: logs.amazonaws.com}", "Action: kinesis:PutRecord",
                "Resource: !GetAtt Stream.Arn");

        // the subscriptions (made by the subscriber function, or the account policy) write to the stream
        String subscriber = template.block("Subscriber");
        assertThat(template.value(subscriber, "LOGDRAIN_SUBSCRIBE_DESTINATION")).isEqualTo("!GetAtt Stream.Arn");
        assertThat(template.value(subscriber, "LOGDRAIN_SUBSCRIBE_ROLE")).isEqualTo("!GetAtt SubscriptionRole.Arn");
        assertThat(template.block("AccountSubscriptionPolicy")).contains("${Stream.Arn}", "${SubscriptionRole.Arn}");
        assertThat(template.text()).as("CloudWatch Logs writes to the stream: no invoke permission for logs")
                .doesNotContain("Principal: logs.amazonaws.com");

        String role = template.block("Role");
        assertThat(role).contains("kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream",
                "kinesis:ListShards");
    }

    @Test
    void theKinesisDocDocumentsTheHandlerTheTemplateTheSettingAndEveryParameter() throws IOException {
        String doc = Files.readString(DeployTemplate.MODULE.resolveSibling("docs").resolve("kinesis.md"));
        String section = doc.substring(doc.indexOf("<!-- section: kinesis -->"),
                doc.indexOf("<!-- end section: kinesis -->"));

        assertThat(section).contains("dev.logdrain.lambda.KinesisHandler::handleRequest", "examples/deploy/kinesis.yaml",
                "`" + KinesisSettings.CORRUPT + "`", "`RecordsCorrupt`", "`RecordsFailed`", "`RecordsRetried`",
                "`RecordsReceived`");
        for (String parameter : entries(template().text(), "Parameters")) {
            assertThat(section).as("docs/kinesis.md documents parameter " + parameter)
                    .contains("`" + parameter + "`");
        }
    }
}
