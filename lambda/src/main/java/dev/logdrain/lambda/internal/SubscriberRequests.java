package dev.logdrain.lambda.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the subscriber does with the two kinds of event it gets: CloudFormation's custom resource requests
 * (Create and Update subscribe the groups named or matched now, Update also unsubscribes the groups no longer
 * wanted, Delete unsubscribes them all; the answer goes to the request's pre-signed URL), and CloudTrail's
 * {@code CreateLogGroup} through EventBridge (a new group whose name matches a prefix is subscribed).
 */
public final class SubscriberRequests {

    /** CloudFormation allows 4 KB of response data; the list of full groups is cut to fit. */
    private static final int MAX_LIST_CHARS = 2_000;

    private final SubscriberSettings settings;
    private final LogGroupSubscriptions subscriptions;
    private final Consumer<String> out;

    public SubscriberRequests(SubscriberSettings settings, LogGroupSubscriptions subscriptions, Consumer<String> out) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.out = out;
    }

    /** Whether the event is a custom resource request. */
    public static boolean isCustomResource(Map<String, Object> event) {
        return !JsonTree.text(event, "RequestType").isEmpty() && !JsonTree.text(event, "ResponseURL").isEmpty();
    }

    /** Whether the event is CloudTrail's record of a CreateLogGroup call. */
    public static boolean isCreateLogGroup(Map<String, Object> event) {
        return "CreateLogGroup".equals(JsonTree.text(event, "detail", "eventName"))
                && "logs.amazonaws.com".equals(JsonTree.text(event, "detail", "eventSource"));
    }

    /** A new log group: subscribed when its name matches a prefix. */
    public LogGroupSubscriptions.Result createLogGroup(Map<String, Object> event) {
        LogGroupSubscriptions.Result result = LogGroupSubscriptions.Result.empty();
        String group = JsonTree.text(event, "detail", "requestParameters", "logGroupName");
        if (!JsonTree.text(event, "detail", "errorCode").isEmpty() || group.isEmpty()) {
            return result; // the call failed: no group was made
        }
        if (SubscriberSettings.matches(group, settings.prefixes())) {
            subscriptions.subscribe(group, settings.filterPattern(), result);
        }
        out.accept("logdrain-subscriber: CreateLogGroup " + group + ": " + result.summary());
        return result;
    }

    /** Handles a custom resource request and sends CloudFormation its answer. */
    public void customResource(Map<String, Object> event) {
        String type = JsonTree.text(event, "RequestType");
        Map<String, Object> properties = JsonTree.object(event, "ResourceProperties");
        Map<String, Object> old = JsonTree.object(event, "OldResourceProperties");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("PhysicalResourceId", "logdrain-subscriptions-" + settings.filterName());
        response.put("StackId", JsonTree.text(event, "StackId"));
        response.put("RequestId", JsonTree.text(event, "RequestId"));
        response.put("LogicalResourceId", JsonTree.text(event, "LogicalResourceId"));
        try {
            LogGroupSubscriptions.Result result = LogGroupSubscriptions.Result.empty();
            switch (type) {
                case "Create" -> subscriptions.subscribe(selected(properties), pattern(properties), result);
                case "Update" -> {
                    Set<String> now = selected(properties);
                    subscriptions.subscribe(now, pattern(properties), result);
                    Set<String> before = selected(old);
                    before.removeAll(now);
                    subscriptions.unsubscribe(before, result);
                }
                case "Delete" -> subscriptions.unsubscribe(selected(properties), result);
                default -> throw new IllegalArgumentException("unknown RequestType " + type);
            }
            out.accept("logdrain-subscriber: " + type + ": " + result.summary());
            response.put("Status", "SUCCESS");
            response.put("Data", Map.of("Subscribed", String.valueOf(result.subscribed().size()),
                    "Full", cut(String.join(",", result.full()))));
        } catch (RuntimeException e) {
            String reason = AwsClients.oneLine(String.valueOf(e.getMessage()));
            out.accept("logdrain-subscriber: " + type + " failed: " + reason);
            // a failed Delete must not leave the stack stuck: the filters are named, and can be removed by hand
            response.put("Status", type.equals("Delete") ? "SUCCESS" : "FAILED");
            response.put("Reason", cut(reason + " (see log group " + String.join(",", settings.excluded()) + ")"));
        }
        send(JsonTree.text(event, "ResponseURL"), JsonTree.write(response));
    }

    private Set<String> selected(Map<String, Object> properties) {
        Set<String> excluded = new LinkedHashSet<>(SubscriberSettings.list(JsonTree.text(properties, "Exclude")));
        Set<String> groups = subscriptions.select(SubscriberSettings.list(JsonTree.text(properties, "Names")),
                SubscriberSettings.list(JsonTree.text(properties, "Prefixes")));
        groups.removeIf(g -> excluded.contains(g) && !settings.excluded().contains(g));
        return groups;
    }

    private static String pattern(Map<String, Object> properties) {
        return JsonTree.text(properties, "FilterPattern");
    }

    private static String cut(String text) {
        return text.length() <= MAX_LIST_CHARS ? text : text.substring(0, MAX_LIST_CHARS) + "...";
    }

    /** PUTs the answer to the pre-signed URL (never logged: it is a credential). */
    private void send(String url, String body) {
        try {
            URI uri = URI.create(url);
            if (!List.of("https", "http").contains(String.valueOf(uri.getScheme()))) {
                throw new IOException("ResponseURL is not an http(s) URL");
            }
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(30_000);
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", ""); // as the URL was signed
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream o = connection.getOutputStream()) {
                o.write(bytes);
            }
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status / 100 != 2) {
                out.accept("logdrain-subscriber: CloudFormation's response URL answered HTTP " + status);
            }
        } catch (IOException | IllegalArgumentException e) {
            out.accept("logdrain-subscriber: cannot answer CloudFormation: " + AwsClients.oneLine(e.getMessage()));
        }
    }
}
