package dev.logdrain.lambda;

import static dev.logdrain.lambda.testing.CfnTemplate.at;
import static dev.logdrain.lambda.testing.CfnTemplate.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.lambda.testing.CfnTemplate;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both deployment templates deployed in thought with the parameter values of each choice: which resources
 * exist, what the functions are told, what their roles may do. cfn-lint checks the rest ({@code .ci/lint-templates}).
 */
class DeployTemplatesTest {

    private static final String FORWARDER_GROUP = "{Ref=FunctionLogGroup}";

    private static CfnTemplate deploy(String file, String... parameters) throws IOException {
        return CfnTemplate.read(file, params(parameters));
    }

    private static Map<String, Object> variables(CfnTemplate t, String function) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) at(t.properties(function), "Environment.Variables");
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void namesAreSubscribedByTheSubscriberNotOneResourcePerGroup(String file) throws IOException {
        CfnTemplate t = deploy(file, "LogGroupNames", "/ecs/a,/ecs/b");

        assertThat(t.root()).as("no LanguageExtensions, no Fn::ForEach").doesNotContainKey("Fn::ForEach::LogGroups");
        assertThat(String.valueOf(t.root().get("Transform"))).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(t.resourceNames()).contains("Subscriber", "LogGroupSubscriptions", "SubscriberRole")
                .doesNotContain("AccountSubscriptionPolicy", "CreateLogGroupRule", "CreateLogGroupPermission");
        assertThat(t.resourceNames()).noneMatch(n -> n.startsWith("Subscription") && !n.equals("SubscriptionRole"));
        Map<String, Object> custom = t.properties("LogGroupSubscriptions");
        assertThat(String.valueOf(custom.get("ServiceToken"))).contains("Subscriber", "Arn");
        assertThat(String.valueOf(custom.get("Names"))).contains("/ecs/a", "/ecs/b");
        assertThat(custom.get("Prefixes")).isEqualTo("");
        assertThat(String.valueOf(t.properties("Subscriber").get("Handler")))
                .isEqualTo(LogGroupSubscriber.class.getName() + "::handleRequest");
        // the forwarder's own group and the subscriber's are excluded whatever the parameters say
        assertThat(String.valueOf(variables(t, "Subscriber").get("LOGDRAIN_SUBSCRIBE_EXCLUDE")))
                .contains(FORWARDER_GROUP, "-Subscriber");
        assertThat(variables(t, "Subscriber").keySet()).allMatch(n -> n.equals("JAVA_TOOL_OPTIONS")
                || dev.logdrain.lambda.internal.SubscriberSettings.LOGDRAIN_VARIABLES.contains(n));
        assertThat(t.actions("SubscriberRole")).contains("logs:DescribeLogGroups", "logs:DescribeSubscriptionFilters",
                "logs:PutSubscriptionFilter", "logs:DeleteSubscriptionFilter").doesNotContain("logs:*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void prefixesAlsoSubscribeNewGroupsThroughCreateLogGroupEvents(String file) throws IOException {
        CfnTemplate t = deploy(file, "LogGroupMode", "prefixes", "LogGroupPrefixes", "/ecs/,/aws/lambda/shop-");

        assertThat(t.resourceNames()).contains("Subscriber", "LogGroupSubscriptions", "CreateLogGroupRule",
                "CreateLogGroupPermission").doesNotContain("AccountSubscriptionPolicy");
        assertThat(at(t.properties("CreateLogGroupRule"), "EventPattern.detail.eventName")).isEqualTo(List.of("CreateLogGroup"));
        assertThat(at(t.properties("CreateLogGroupRule"), "EventPattern.source")).isEqualTo(List.of("aws.logs"));
        assertThat(String.valueOf(at(t.properties("CreateLogGroupRule"), "Targets.0.Arn"))).contains("Subscriber");
        assertThat(t.properties("CreateLogGroupPermission").get("Principal")).isEqualTo("events.amazonaws.com");
        assertThat(String.valueOf(variables(t, "Subscriber").get("LOGDRAIN_SUBSCRIBE_PREFIXES")))
                .contains("/ecs/", "/aws/lambda/shop-");
        assertThat(t.properties("LogGroupSubscriptions").get("Names")).isEqualTo("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void accountModeIsOnePolicyThatExcludesTheOwnGroup(String file) throws IOException {
        CfnTemplate t = deploy(file, "LogGroupMode", "account", "ExcludedLogGroups", "/noisy,/secret");

        assertThat(t.resourceNames()).contains("AccountSubscriptionPolicy")
                .doesNotContain("Subscriber", "LogGroupSubscriptions", "CreateLogGroupRule");
        Map<String, Object> policy = t.properties("AccountSubscriptionPolicy");
        assertThat(policy.get("PolicyType")).isEqualTo("SUBSCRIPTION_FILTER_POLICY");
        assertThat(policy.get("Scope")).isEqualTo("ALL");
        assertThat(String.valueOf(policy.get("SelectionCriteria"))).contains("LogGroupName NOT IN", "${FunctionLogGroup}",
                "/noisy", "/secret");
        assertThat(String.valueOf(policy.get("PolicyDocument")))
                .contains(file.equals("kinesis.yaml") ? "${Stream.Arn}" : "${FunctionAliaslive}");

        CfnTemplate none = deploy(file, "LogGroupMode", "account");
        assertThat(String.valueOf(none.properties("AccountSubscriptionPolicy").get("SelectionCriteria")))
                .isEqualTo("{Fn::Sub=LogGroupName NOT IN [\"${FunctionLogGroup}\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void everyModeHasARuleForTheValuesItNeeds(String file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) deploy(file, "LogGroupNames", "/a").root().get("Rules");

        assertThat(rules).containsKeys("UrlIsGiven", "SecretHasAValue", "ParameterIsNamed", "NamesAreGiven",
                "PrefixesAreGiven");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void snapStartOnPublishedVersionsBehindTheAliasThatEverythingInvokes(String file) throws IOException {
        CfnTemplate t = deploy(file, "LogGroupNames", "/a");
        Map<String, Object> function = t.properties("Function");

        assertThat(function.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(at(function, "SnapStart.ApplyOn")).isEqualTo("PublishedVersions");
        assertThat(variables(t, "Function")).as("C2 under SnapStart").doesNotContainKey("JAVA_TOOL_OPTIONS");
        Object alias = Map.of("Ref", "FunctionAliaslive");
        if (file.equals("kinesis.yaml")) {
            assertThat(t.properties("EventSourceMapping").get("FunctionName")).isEqualTo(alias);
        } else {
            assertThat(t.properties("LogsInvokePermission").get("FunctionName")).isEqualTo(alias);
            assertThat(t.properties("EventInvokeConfig").get("Qualifier")).isEqualTo("live");
            assertThat(variables(t, "Subscriber").get("LOGDRAIN_SUBSCRIBE_DESTINATION")).isEqualTo(alias);
            assertThat(t.properties("LogsInvokePermission").get("SourceAccount")).isEqualTo(Map.of("Ref", "AWS::AccountId"));
        }

        CfnTemplate off = deploy(file, "LogGroupNames", "/a", "SnapStart", "None", "Runtime", "java25");
        assertThat(at(off.properties("Function"), "SnapStart.ApplyOn")).isEqualTo("None");
        assertThat(String.valueOf(variables(off, "Function").get("JAVA_TOOL_OPTIONS"))).contains("TieredStopAtLevel=1");
        assertThat(off.properties("Function").get("Runtime")).isEqualTo("java25");
        assertThat(off.properties("Subscriber").get("Runtime")).isEqualTo("java25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void theUrlComesFromTheStackTheEnvironmentASecretOrAParameterWithOnlyThatPermission(String file) throws IOException {
        CfnTemplate stack = deploy(file, "LogGroupNames", "/a", "Url", "tcp://x:1");
        assertThat(variables(stack, "Function")).doesNotContainKeys("LOGDRAIN_URL", "LOGDRAIN_URL_SECRET");
        assertThat(stack.actions("Role")).contains("cloudformation:DescribeStacks")
                .doesNotContain("secretsmanager:GetSecretValue", "ssm:GetParameter");
        assertThat(stack.has("UrlSecret")).isFalse();

        CfnTemplate env = deploy(file, "LogGroupNames", "/a", "Url", "tcp://x:1", "UrlSource", "environment");
        assertThat(variables(env, "Function").get("LOGDRAIN_URL")).isEqualTo("tcp://x:1");
        assertThat(env.actions("Role")).doesNotContain("cloudformation:DescribeStacks");

        CfnTemplate created = deploy(file, "LogGroupNames", "/a", "UrlSource", "secretsmanager",
                "UrlSecretValue", "tcp+tls://logs:6514?token=t");
        assertThat(created.has("UrlSecret")).isTrue();
        assertThat(created.properties("UrlSecret").get("SecretString")).isEqualTo("tcp+tls://logs:6514?token=t");
        assertThat(variables(created, "Function").get("LOGDRAIN_URL_SECRET")).isEqualTo(Map.of("Ref", "UrlSecret"));
        assertThat(variables(created, "Function")).doesNotContainKey("LOGDRAIN_URL");
        assertThat(created.resourceOf("Role", "secretsmanager:GetSecretValue")).isEqualTo(Map.of("Ref", "UrlSecret"));
        assertThat(created.actions("Role")).doesNotContain("cloudformation:DescribeStacks", "ssm:GetParameter",
                "secretsmanager:*", "kms:Decrypt");
        @SuppressWarnings("unchecked")
        Map<String, Object> declaration = (Map<String, Object>) at(created.root(), "Parameters.UrlSecretValue");
        assertThat(declaration.get("NoEcho")).isEqualTo(true);

        CfnTemplate existing = deploy(file, "LogGroupNames", "/a", "UrlSource", "secretsmanager",
                "UrlSecretName", "logdrain/url", "UrlKmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/k");
        assertThat(existing.has("UrlSecret")).isFalse();
        assertThat(variables(existing, "Function").get("LOGDRAIN_URL_SECRET")).isEqualTo("logdrain/url");
        assertThat(String.valueOf(existing.resourceOf("Role", "secretsmanager:GetSecretValue")))
                .contains(":secret:${UrlSecretName}-??????");
        assertThat(existing.resourceOf("Role", "kms:Decrypt")).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k");

        CfnTemplate ssm = deploy(file, "LogGroupNames", "/a", "UrlSource", "ssm", "UrlSsmParameter", "/logdrain/url");
        assertThat(variables(ssm, "Function").get("LOGDRAIN_URL_SECRET")).isEqualTo(Map.of("Fn::Sub", "ssm:${UrlSsmParameter}"));
        assertThat(String.valueOf(ssm.resourceOf("Role", "ssm:GetParameter"))).contains(":parameter${UrlSsmParameter}");
        assertThat(ssm.actions("Role")).doesNotContain("secretsmanager:GetSecretValue", "cloudformation:DescribeStacks",
                "ssm:GetParameters", "ssm:GetParametersByPath");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void alarmsOnFailuresErrorsAndTheQueueWithAnOptionalTopic(String file) throws IOException {
        CfnTemplate t = deploy(file, "LogGroupNames", "/a");
        assertThat(t.resourceNames()).contains("EventsFailedAlarm", "FunctionErrorsAlarm", "FailureQueueAgeAlarm")
                .doesNotContain("AlarmTopic");
        assertThat(String.valueOf(at(t.properties("EventsFailedAlarm"), "Metrics.0.Expression")))
                .contains("SELECT SUM(EventsFailed) FROM SCHEMA(\"${MetricsNamespace}\", Destination)")
                .doesNotContain("SEARCH(");
        assertThat(t.properties("FailureQueueAgeAlarm").get("MetricName")).isEqualTo("ApproximateAgeOfOldestMessage");
        assertThat(t.properties("FunctionErrorsAlarm")).doesNotContainKey("AlarmActions");
        if (file.equals("kinesis.yaml")) {
            assertThat(t.properties("IteratorAgeAlarm").get("MetricName")).isEqualTo("IteratorAge");
        }
        // the failed batches outlive the stack
        assertThat(t.resource("FailureQueue").get("DeletionPolicy")).isEqualTo("Retain");

        CfnTemplate mail = deploy(file, "LogGroupNames", "/a", "AlarmEmail", "ops@example.com");
        assertThat(at(mail.properties("AlarmTopic"), "Subscription.0.Endpoint")).isEqualTo("ops@example.com");
        assertThat(mail.properties("FunctionErrorsAlarm").get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));

        CfnTemplate none = deploy(file, "LogGroupNames", "/a", "Alarms", "false", "AlarmEmail", "ops@example.com");
        assertThat(none.resourceNames()).noneMatch(n -> n.endsWith("Alarm") || n.equals("AlarmTopic"));

        CfnTemplate s3 = deploy(file, "LogGroupNames", "/a", "OnFailureDestination", "s3");
        assertThat(s3.resourceNames()).doesNotContain("FailureQueueAgeAlarm", "FailureQueue");
        assertThat(s3.resource("FailureBucket").get("DeletionPolicy")).isEqualTo("Retain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void vpcAndReservedConcurrencyOnlyWhenAsked(String file) throws IOException {
        CfnTemplate plain = deploy(file, "LogGroupNames", "/a");
        assertThat(plain.properties("Function")).doesNotContainKeys("VpcConfig", "ReservedConcurrentExecutions");
        assertThat(plain.properties("Role")).doesNotContainKey("ManagedPolicyArns");

        CfnTemplate vpc = deploy(file, "LogGroupNames", "/a", "SubnetIds", "subnet-1,subnet-2",
                "SecurityGroupIds", "sg-1", "ReservedConcurrency", "5");
        assertThat(at(vpc.properties("Function"), "VpcConfig.SubnetIds")).isEqualTo(List.of("subnet-1", "subnet-2"));
        assertThat(at(vpc.properties("Function"), "VpcConfig.SecurityGroupIds")).isEqualTo(List.of("sg-1"));
        assertThat(vpc.properties("Function").get("ReservedConcurrentExecutions")).isEqualTo("5");
        assertThat(String.valueOf(vpc.properties("Role").get("ManagedPolicyArns"))).contains("AWSLambdaVPCAccessExecutionRole");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template.yaml", "kinesis.yaml"})
    void processingForEveryDestinationIsPassedAsLogdrainProcess(String file) throws IOException {
        CfnTemplate plain = deploy(file, "LogGroupNames", "/a");
        assertThat(variables(plain, "Function").get(dev.logdrain.lambda.internal.LambdaSettings.PROCESS)).isEqualTo("");

        CfnTemplate processing = deploy(file, "LogGroupNames", "/a", "Process", "exclude=%5ESTART&redact=email,ip");
        assertThat(variables(processing, "Function").get(dev.logdrain.lambda.internal.LambdaSettings.PROCESS))
                .isEqualTo("exclude=%5ESTART&redact=email,ip");
    }

    @Test
    void theForwarderTemplateLetsCloudWatchLogsInvokeOnlyFromThisAccount() throws IOException {
        CfnTemplate t = deploy("template.yaml", "LogGroupNames", "/a");

        assertThat(t.properties("LogsInvokePermission").get("Principal")).isEqualTo("logs.amazonaws.com");
        assertThat(String.valueOf(t.properties("LogsInvokePermission").get("SourceArn")))
                .contains(":logs:${AWS::Region}:${AWS::AccountId}:log-group:*");
    }
}
