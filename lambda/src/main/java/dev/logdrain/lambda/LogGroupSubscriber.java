package dev.logdrain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.logdrain.lambda.internal.AwsClients;
import dev.logdrain.lambda.internal.LogGroupSubscriptions;
import dev.logdrain.lambda.internal.SubscriberRequests;
import dev.logdrain.lambda.internal.SubscriberSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The second handler in the zip, {@code dev.logdrain.lambda.LogGroupSubscriber::handleRequest}: puts logdrain's
 * subscription filter on log groups. The templates invoke it as a custom resource at deploy time (the groups
 * named, or matched by a prefix) and through EventBridge for each {@code CreateLogGroup} (new groups matching
 * a prefix). It never replaces another subscription filter: a group that has two already is reported as full.
 */
public final class LogGroupSubscriber implements RequestStreamHandler {

    private final SubscriberRequests requests;

    /** The constructor Lambda calls: configuration from the environment. */
    public LogGroupSubscriber() {
        this(System.getenv(), System.out);
    }

    LogGroupSubscriber(Map<String, String> env, PrintStream out) {
        SubscriberSettings settings = SubscriberSettings.from(env);
        CloudWatchLogsClient logs = AwsClients.build(CloudWatchLogsClient.builder(), env, settings.endpoint(),
                "subscribe log groups");
        this.requests = new SubscriberRequests(settings, new LogGroupSubscriptions(logs, settings, out::println),
                out::println);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event;
        try {
            event = dev.logdrain.lambda.internal.SubscriberEvents.read(input);
        } catch (IOException e) {
            throw new InvalidEventException("not a JSON event: " + e.getMessage());
        }
        String answer;
        if (SubscriberRequests.isCustomResource(event)) {
            requests.customResource(event);
            answer = "{\"customResource\":true}";
        } else if (SubscriberRequests.isCreateLogGroup(event)) {
            answer = "{\"subscribed\":" + requests.createLogGroup(event).subscribed().size() + "}";
        } else {
            throw new InvalidEventException("neither a CloudFormation custom resource request nor a CreateLogGroup event");
        }
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
