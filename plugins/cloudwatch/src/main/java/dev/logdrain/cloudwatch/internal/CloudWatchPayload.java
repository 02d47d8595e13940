package dev.logdrain.cloudwatch.internal;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.util.List;
import java.util.Objects;

/**
 * One decoded CloudWatch Logs subscription payload (the JSON inside {@code awslogs.data}, a Kinesis record
 * or a Firehose record). Immutable.
 *
 * @param messageType         {@link #DATA_MESSAGE} or {@link #CONTROL_MESSAGE}
 * @param owner               the AWS account id, or empty
 * @param logGroup            the log group name (empty in a control message)
 * @param logStream           the log stream name (empty in a control message)
 * @param subscriptionFilters the subscription filters that matched
 * @param logEvents           the events, in order (a control message's text, too)
 */
public record CloudWatchPayload(String messageType, String owner, String logGroup, String logStream,
                                List<String> subscriptionFilters, List<LogEvent> logEvents) {

    /** A batch of log events. */
    public static final String DATA_MESSAGE = "DATA_MESSAGE";
    /** CloudWatch Logs checking that the destination is reachable; carries no log events to forward. */
    public static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

    public CloudWatchPayload {
        Objects.requireNonNull(messageType, "messageType");
        owner = Objects.requireNonNullElse(owner, "");
        logGroup = Objects.requireNonNullElse(logGroup, "");
        logStream = Objects.requireNonNullElse(logStream, "");
        subscriptionFilters = subscriptionFilters == null ? List.of() : List.copyOf(subscriptionFilters);
        logEvents = logEvents == null ? List.of() : List.copyOf(logEvents);
    }

    /** Whether this is a control message, which is never forwarded. */
    public boolean isControlMessage() {
        return CONTROL_MESSAGE.equals(messageType);
    }

    /** The events as a batch (for a data message). */
    public LogBatch toBatch() {
        return new LogBatch(owner, logGroup, logStream, logEvents);
    }
}
