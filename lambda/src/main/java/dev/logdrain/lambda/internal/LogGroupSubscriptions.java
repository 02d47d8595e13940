package dev.logdrain.lambda.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.SubscriptionFilter;

/**
 * Puts logdrain's subscription filter on log groups, and takes it off, with the CloudWatch Logs API. A group
 * keeps at most two subscription filters: a filter of another name is someone else's and is never replaced or
 * removed; a group that has two already is reported as full and left alone. The excluded groups (the
 * functions' own among them) are never touched.
 */
public final class LogGroupSubscriptions {

    /** What happened to each group. */
    public record Result(List<String> subscribed, List<String> full, List<String> excluded, List<String> missing,
                         List<String> unsubscribed) {
        public static Result empty() {
            return new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        public String summary() {
            return "subscribed=" + subscribed.size() + " full=" + full.size() + " excluded=" + excluded.size()
                    + " missing=" + missing.size() + " unsubscribed=" + unsubscribed.size();
        }
    }

    private final CloudWatchLogsClient logs;
    private final SubscriberSettings settings;
    private final Consumer<String> out;

    public LogGroupSubscriptions(CloudWatchLogsClient logs, SubscriberSettings settings, Consumer<String> out) {
        this.logs = logs;
        this.settings = settings;
        this.out = out;
    }

    /** The groups now named or matched by a prefix (every page of DescribeLogGroups). */
    public Set<String> select(List<String> names, List<String> prefixes) {
        Set<String> groups = new LinkedHashSet<>(names);
        for (String prefix : prefixes) {
            for (LogGroup group : logs.describeLogGroupsPaginator(b -> b.logGroupNamePrefix(prefix)).logGroups()) {
                groups.add(group.logGroupName());
            }
        }
        return groups;
    }

    /** Subscribes each group, in order, with the filter pattern given (the deploy's, or the environment's). */
    public Result subscribe(Set<String> groups, String filterPattern, Result result) {
        for (String group : groups) {
            subscribe(group, filterPattern, result);
        }
        return result;
    }

    /** Subscribes one group, unless it is excluded, full, or gone. */
    public void subscribe(String group, String filterPattern, Result result) {
        if (settings.excluded().contains(group)) {
            result.excluded().add(group);
            out.accept("logdrain-subscriber: " + group + " is excluded (the function's own or listed): not subscribed");
            return;
        }
        List<SubscriptionFilter> filters;
        try {
            filters = logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters();
        } catch (ResourceNotFoundException e) {
            result.missing().add(group);
            out.accept("logdrain-subscriber: " + group + " does not exist: not subscribed");
            return;
        }
        boolean ours = filters.stream().anyMatch(f -> settings.filterName().equals(f.filterName()));
        if (!ours && filters.size() >= 2) {
            result.full().add(group);
            out.accept("logdrain-subscriber: " + group + " is full: it has 2 subscription filters ("
                    + String.join(", ", filters.stream().map(SubscriptionFilter::filterName).sorted().toList())
                    + "), CloudWatch's limit; not subscribed, the others left alone");
            return;
        }
        try {
            logs.putSubscriptionFilter(b -> {
                b.logGroupName(group).filterName(settings.filterName()).filterPattern(filterPattern)
                        .destinationArn(settings.destination());
                settings.role().ifPresent(b::roleArn);
                settings.distribution().ifPresent(b::distribution);
            });
        } catch (AwsServiceException e) {
            if ("LimitExceededException".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                // another filter was added between our two calls
                result.full().add(group);
                out.accept("logdrain-subscriber: " + group + " is full (CloudWatch refused a third filter): not subscribed");
                return;
            }
            throw e;
        }
        result.subscribed().add(group);
    }

    /** Removes logdrain's filter (by its name) from each group that has it; other filters stay. */
    public Result unsubscribe(Set<String> groups, Result result) {
        for (String group : groups) {
            try {
                boolean ours = logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters()
                        .stream().anyMatch(f -> settings.filterName().equals(f.filterName()));
                if (ours) {
                    logs.deleteSubscriptionFilter(b -> b.logGroupName(group).filterName(settings.filterName()));
                    result.unsubscribed().add(group);
                }
            } catch (ResourceNotFoundException e) {
                // gone already
            }
        }
        return result;
    }
}
