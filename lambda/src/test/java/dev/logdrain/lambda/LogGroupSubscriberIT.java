package dev.logdrain.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.logdrain.lambda.testing.FakeAwsJsonApi;
import dev.logdrain.lambda.testing.FakeAwsJsonApi.Answer;
import dev.logdrain.lambda.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The subscriber handler through the real AWS SDK v2 CloudWatch Logs client against a loopback endpoint that
 * keeps log groups and their subscription filters as CloudWatch Logs does (two at most, paged listings):
 * existing groups subscribed at deploy time, new ones on CreateLogGroup, the own groups and full groups left
 * alone and reported, requests signed; CloudFormation's answer PUT to the response URL.
 */
class LogGroupSubscriberIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALIAS = "arn:aws:lambda:us-east-1:123456789012:function:logdrain-Function:live";
    private static final String OWN = "/aws/lambda/logdrain-Function";

    /** Group name to its filters (name to destination). */
    private final Map<String, Map<String, String>> groups = new TreeMap<>();
    private FakeAwsJsonApi logs;
    private HttpServer cloudFormation;
    private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        logs = new FakeAwsJsonApi();
        logs.on("DescribeLogGroups", this::describeLogGroups);
        logs.on("DescribeSubscriptionFilters", body -> {
            Map<String, String> filters = groups.get(body.path("logGroupName").asText());
            if (filters == null) {
                return Answer.error(400, "ResourceNotFoundException", "The specified log group does not exist.");
            }
            List<Map<String, String>> list = new ArrayList<>();
            filters.forEach((name, destination) -> list.add(Map.of("filterName", name, "destinationArn", destination,
                    "logGroupName", body.path("logGroupName").asText(), "filterPattern", "")));
            return Answer.ok(Map.of("subscriptionFilters", list));
        });
        logs.on("PutSubscriptionFilter", body -> {
            Map<String, String> filters = groups.get(body.path("logGroupName").asText());
            String name = body.path("filterName").asText();
            if (filters == null) {
                return Answer.error(400, "ResourceNotFoundException", "The specified log group does not exist.");
            }
            if (!filters.containsKey(name) && filters.size() >= 2) {
                return Answer.error(400, "LimitExceededException", "Resource limit exceeded.");
            }
            filters.put(name, body.path("destinationArn").asText());
            return Answer.ok(Map.of());
        });
        logs.on("DeleteSubscriptionFilter", body -> {
            groups.get(body.path("logGroupName").asText()).remove(body.path("filterName").asText());
            return Answer.ok(Map.of());
        });
        cloudFormation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cloudFormation.createContext("/", exchange -> {
            answers.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            answers.add(JSON.valueToTree(Map.of("method", exchange.getRequestMethod(),
                    "contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
        for (int i = 0; i < 5; i++) {
            groups.put("/ecs/shop-" + i, new LinkedHashMap<>());
        }
        groups.put("/ecs/full", new LinkedHashMap<>(Map.of("datadog", "arn:x", "splunk", "arn:y")));
        groups.put("/ecs/one-other", new LinkedHashMap<>(Map.of("datadog", "arn:x")));
        groups.put("/other/app", new LinkedHashMap<>());
        groups.put(OWN, new LinkedHashMap<>());
    }

    @AfterEach
    void stop() {
        logs.close();
        cloudFormation.stop(0);
    }

    /** Two groups a page, as the real API pages (at 50). */
    private Answer describeLogGroups(JsonNode body) {
        String prefix = body.path("logGroupNamePrefix").asText("");
        List<String> matching = groups.keySet().stream().filter(g -> g.startsWith(prefix)).toList();
        int from = body.hasNonNull("nextToken") ? Integer.parseInt(body.path("nextToken").asText()) : 0;
        int to = Math.min(matching.size(), from + 2);
        List<Map<String, String>> page = matching.subList(from, to).stream()
                .map(g -> Map.of("logGroupName", g, "arn", "arn:aws:logs:us-east-1:123456789012:log-group:" + g + ":*"))
                .toList();
        Map<String, Object> answer = new HashMap<>(Map.of("logGroups", page));
        if (to < matching.size()) {
            answer.put("nextToken", String.valueOf(to));
        }
        return Answer.ok(answer);
    }

    private LogGroupSubscriber subscriber(String prefixes, String... more) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/logdrain-Subscriber");
        env.putIfAbsent("LOGDRAIN_SUBSCRIBE_DESTINATION", ALIAS);
        env.put("LOGDRAIN_SUBSCRIBE_FILTER_NAME", "logdrain-logdrain");
        env.put("LOGDRAIN_SUBSCRIBE_PREFIXES", prefixes);
        env.put("LOGDRAIN_SUBSCRIBE_EXCLUDE", OWN + ",/aws/lambda/logdrain-Subscriber,");
        env.put("LOGDRAIN_LOGS_ENDPOINT", logs.endpoint());
        return new LogGroupSubscriber(env, new PrintStream(stdout, true, UTF_8));
    }

    private String invoke(LogGroupSubscriber subscriber, Object event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        subscriber.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, new TestContext(900_000));
        return out.toString(UTF_8);
    }

    private Map<String, Object> request(String type, Map<String, String> properties, Map<String, String> old) {
        Map<String, Object> event = new LinkedHashMap<>(Map.of("RequestType", type,
                "ResponseURL", "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/signed?X-Amz-Signature=abc",
                "StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/logdrain/1",
                "RequestId", "r-1", "LogicalResourceId", "LogGroupSubscriptions",
                "ResourceType", "AWS::CloudFormation::CustomResource", "ResourceProperties", properties));
        if (old != null) {
            event.put("OldResourceProperties", old);
        }
        return event;
    }

    private Map<String, String> ours() {
        Map<String, String> ours = new TreeMap<>();
        groups.forEach((g, filters) -> {
            if (filters.containsKey("logdrain-logdrain")) {
                ours.put(g, filters.get("logdrain-logdrain"));
            }
        });
        return ours;
    }

    @Test
    void createSubscribesEveryExistingGroupOfThePrefixesButTheFullAndOwnOnes() throws IOException {
        invoke(subscriber("/ecs/,/aws/lambda/"), request("Create",
                Map.of("Prefixes", "/ecs/,/aws/lambda/", "Names", "", "Exclude", "", "FilterPattern", "ERROR"), null));

        assertThat(ours().keySet()).containsExactly("/ecs/one-other", "/ecs/shop-0", "/ecs/shop-1", "/ecs/shop-2",
                "/ecs/shop-3", "/ecs/shop-4");
        assertThat(ours().values()).allMatch(ALIAS::equals);
        assertThat(groups.get("/ecs/full")).as("someone else's filters untouched").containsOnlyKeys("datadog", "splunk");
        assertThat(groups.get("/ecs/one-other")).containsOnlyKeys("datadog", "logdrain-logdrain");
        assertThat(groups.get(OWN)).as("the function's own group is never subscribed").isEmpty();
        assertThat(logs.requests("PutSubscriptionFilter")).allSatisfy(r -> {
            assertThat(r.body().path("filterPattern").asText()).isEqualTo("ERROR");
            assertThat(r.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                    .contains("/us-east-1/logs/aws4_request");
        });
        assertThat(logs.requests("PutSubscriptionFilter")).extracting(r -> r.body().path("logGroupName").asText())
                .doesNotContain("/ecs/full", OWN);
        JsonNode answer = answers.get(0);
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("Data").path("Subscribed").asText()).isEqualTo("6");
        assertThat(answer.path("Data").path("Full").asText()).isEqualTo("/ecs/full");
        assertThat(answer.path("RequestId").asText()).isEqualTo("r-1");
        assertThat(answers.get(1).path("method").asText()).isEqualTo("PUT");
        String log = stdout.toString(UTF_8);
        assertThat(log).contains("/ecs/full is full: it has 2 subscription filters (datadog, splunk)",
                OWN + " is excluded", "Create: subscribed=6 full=1 excluded=1").doesNotContain("X-Amz-Signature");
    }

    @Test
    void aNewGroupMatchingAPrefixIsSubscribedWhenCreated() throws IOException {
        LogGroupSubscriber subscriber = subscriber("/ecs/");
        groups.put("/ecs/new", new LinkedHashMap<>());
        groups.put("/batch/new", new LinkedHashMap<>());

        String matched = invoke(subscriber, createLogGroup("/ecs/new"));
        String other = invoke(subscriber, createLogGroup("/batch/new"));

        assertThat(matched).isEqualTo("{\"subscribed\":1}");
        assertThat(other).isEqualTo("{\"subscribed\":0}");
        assertThat(ours()).containsOnlyKeys("/ecs/new");
    }

    @Test
    void theOwnGroupIsNeverSubscribedEvenWhenNamedOrCreated() throws IOException {
        LogGroupSubscriber subscriber = subscriber("/aws/lambda/");
        invoke(subscriber, request("Create", Map.of("Names", OWN + ",/other/app", "Prefixes", ""), null));
        invoke(subscriber, createLogGroup(OWN));

        assertThat(ours()).containsOnlyKeys("/other/app");
    }

    @Test
    void updateUnsubscribesWhatIsNoLongerWantedAndDeleteRemovesOnlyOurFilters() throws IOException {
        LogGroupSubscriber subscriber = subscriber("");
        invoke(subscriber, request("Create", Map.of("Names", "/ecs/shop-0,/ecs/shop-1,/ecs/one-other"), null));
        assertThat(ours()).containsOnlyKeys("/ecs/shop-0", "/ecs/shop-1", "/ecs/one-other");

        invoke(subscriber, request("Update", Map.of("Names", "/ecs/shop-1,/ecs/one-other,/other/app"),
                Map.of("Names", "/ecs/shop-0,/ecs/shop-1,/ecs/one-other")));
        assertThat(ours()).containsOnlyKeys("/ecs/shop-1", "/ecs/one-other", "/other/app");

        invoke(subscriber, request("Delete", Map.of("Names", "/ecs/shop-1,/ecs/one-other,/other/app"), null));
        assertThat(ours()).isEmpty();
        assertThat(groups.get("/ecs/one-other")).containsOnlyKeys("datadog");
        assertThat(groups.get("/ecs/full")).containsOnlyKeys("datadog", "splunk");
        assertThat(answers.stream().filter(a -> a.has("Status"))).allMatch(a -> a.path("Status").asText().equals("SUCCESS"));
    }

    @Test
    void aMissingNamedGroupIsReportedAndAnApiFailureFailsTheDeploy() throws IOException {
        LogGroupSubscriber subscriber = subscriber("");
        invoke(subscriber, request("Create", Map.of("Names", "/does/not/exist"), null));
        assertThat(stdout.toString(UTF_8)).contains("/does/not/exist does not exist: not subscribed");
        assertThat(answers.get(0).path("Status").asText()).isEqualTo("SUCCESS");

        logs.on("PutSubscriptionFilter", body -> Answer.error(400, "AccessDeniedException", "not authorized"));
        answers.clear();
        invoke(subscriber, request("Create", Map.of("Names", "/ecs/shop-0"), null));
        assertThat(answers.get(0).path("Status").asText()).isEqualTo("FAILED");
        assertThat(answers.get(0).path("Reason").asText()).contains("not authorized");
    }

    @Test
    void aStreamDestinationGetsTheRoleAndTheDistribution() throws IOException {
        String stream = "arn:aws:kinesis:us-east-1:123456789012:stream/logdrain";
        String role = "arn:aws:iam::123456789012:role/logdrain-SubscriptionRole";
        LogGroupSubscriber subscriber = subscriber("", "LOGDRAIN_SUBSCRIBE_DESTINATION", stream,
                "LOGDRAIN_SUBSCRIBE_ROLE", role, "LOGDRAIN_SUBSCRIBE_DISTRIBUTION", "ByLogStream");

        invoke(subscriber, request("Create", Map.of("Names", "/ecs/shop-0"), null));

        assertThat(logs.requests("PutSubscriptionFilter")).singleElement().satisfies(r -> {
            assertThat(r.body().path("destinationArn").asText()).isEqualTo(stream);
            assertThat(r.body().path("roleArn").asText()).isEqualTo(role);
            assertThat(r.body().path("distribution").asText()).isEqualTo("ByLogStream");
        });
    }

    @Test
    void anythingElseIsAnInvalidEvent() {
        LogGroupSubscriber subscriber = subscriber("/ecs/");
        assertThatThrownBy(() -> invoke(subscriber, Map.of("awslogs", Map.of("data", "x"))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("neither a CloudFormation custom resource request nor a CreateLogGroup event");
        assertThatThrownBy(() -> subscriber.handleRequest(new ByteArrayInputStream("{\"a\":1,\"a\":2}".getBytes(UTF_8)),
                new ByteArrayOutputStream(), new TestContext(1000)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("Duplicate field 'a'");
    }

    private static Map<String, Object> createLogGroup(String group) {
        return Map.of("source", "aws.logs", "detail-type", "AWS API Call via CloudTrail",
                "detail", Map.of("eventSource", "logs.amazonaws.com", "eventName", "CreateLogGroup",
                        "requestParameters", Map.of("logGroupName", group)));
    }
}
