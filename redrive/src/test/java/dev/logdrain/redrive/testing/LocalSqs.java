package dev.logdrain.redrive.testing;

import dev.logdrain.testing.FreePorts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** A real SQS-compatible server (ElasticMQ, in this JVM) on a loopback port, and a client for the test's own calls. */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    public static LocalSqs start() {
        int port = FreePorts.find();
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).start();
        server.waitUntilStarted();
        return new LocalSqs(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String createQueue(String name) {
        return client.createQueue(r -> r.queueName(name)).queueUrl();
    }

    public void send(String queueUrl, byte[] body) {
        client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(new String(body, StandardCharsets.UTF_8)));
    }

    /** Every message in the queue (visible ones), read and made visible again. */
    public List<String> bodies(String queueUrl) {
        List<String> bodies = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        while (true) {
            List<Message> messages = client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(30).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message m : messages) {
                bodies.add(m.body());
                handles.add(m.receiptHandle());
            }
        }
        for (String handle : handles) {
            client.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(handle).visibilityTimeout(0));
        }
        return bodies;
    }

    /** Messages visible plus in flight, as SQS counts them. */
    public int count(String queueUrl) {
        var attributes = client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    /** Credentials and region for the SDK's default chain (system properties), as the code under test reads them. */
    public static void defaultChainForTests() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("aws.region", "us-east-1");
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
