package dev.logdrain.lambda;

import static dev.logdrain.lambda.testing.DeployTemplate.MODULE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.internal.LambdaSettings;
import dev.logdrain.lambda.testing.DeployTemplate;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The deployment template and docs/lambda.md name what the code has: handler, zip, environment variables. */
class DeploymentTemplateTest {

    private static DeployTemplate template() throws IOException {
        return DeployTemplate.read("template.yaml");
    }

    @Test
    void theHandlerIsTheStreamHandlerClassAndMethod() throws Exception {
        String handler = template().value("Handler");

        assertThat(handler).isEqualTo(CloudWatchLogsHandler.class.getName() + "::handleRequest");
        DeployTemplate.assertStreamHandler(handler);
    }

    @Test
    void theCodeIsTheZipTheBuildMakes() throws IOException {
        DeployTemplate template = template();

        template.assertCodeIsTheBuiltZip(template.block("Function"));
        String pom = Files.readString(MODULE.resolve("pom.xml"));
        assertThat(pom).contains("<finalName>logdrain-lambda</finalName>", "<appendAssemblyId>false</appendAssemblyId>");
    }

    @Test
    void everyEnvironmentVariableIsOneTheCodeReads() throws IOException {
        DeployTemplate template = template();

        template.assertVariablesAreKnown(DeployTemplate.variables(template.block("Function")), LambdaSettings.LOGDRAIN_VARIABLES);
        java.util.Set<String> known = new java.util.HashSet<>(LambdaSettings.LOGDRAIN_VARIABLES);
        known.addAll(dev.logdrain.lambda.internal.RedriveSettings.LOGDRAIN_VARIABLES);
        template.assertVariablesAreKnown(DeployTemplate.variables(template.block("RedriveFunction")), known);
    }

    @Test
    void aScheduledRedriveFunctionWithoutRetriesDrainsTheFailuresAndAlarmsOnPoison() throws IOException {
        String text = template().text();
        String redrive = text.substring(text.indexOf("  RedriveFunction:"), text.indexOf("  PoisonAlarm:"));
        assertThat(redrive).contains("Condition: RedriveOn", "Handler: dev.logdrain.lambda.RedriveHandler::handleRequest",
                "Schedule: !Ref RedriveSchedule", "MaximumRetryAttempts: 0",
                "LOGDRAIN_REDRIVE_SOURCE: !If [FailuresToSqs, !Ref FailureQueue, !Sub 's3://${FailureBucket}/']",
                "sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility",
                "s3:GetObject, s3:PutObject, s3:DeleteObject")
                .doesNotContain("DestinationConfig", "sqs:SendMessage");
        assertThat(text).contains("RedriveOn: !Not [!Equals [!Ref RedriveSchedule, 'off']]", "MetricName: RedrivePoison",
                "Default: rate(30 minutes)");
    }

    @Test
    void theLambdaDocDocumentsEveryVariable() throws IOException {
        String doc = Files.readString(MODULE.resolveSibling("docs").resolve("lambda.md"));
        String section = doc.substring(doc.indexOf("<!-- section: lambda -->"),
                doc.indexOf("<!-- end section: lambda -->"));

        for (String name : LambdaSettings.LOGDRAIN_VARIABLES) {
            assertThat(section).as("docs/lambda.md").contains("`" + name + "`");
        }
        for (String name : dev.logdrain.lambda.internal.SubscriberSettings.LOGDRAIN_VARIABLES) {
            assertThat(section).as("docs/lambda.md").contains("`" + name + "`");
        }
        assertThat(section).contains("dev.logdrain.lambda.LogGroupSubscriber::handleRequest",
                "dist/target/logdrain-deploy/", "make-plugin-layer.sh", "aws cloudformation package", "format=convox");
        assertThat(section).contains("dev.logdrain.lambda.CloudWatchLogsHandler::handleRequest",
                "lambda/target/logdrain-lambda.zip", "examples/deploy/template.yaml");
    }
}
