package dev.logdrain.spi;

import java.util.List;
import java.util.Objects;

/**
 * Events that share one origin, such as one CloudWatch Logs subscription payload.
 *
 * @param owner     account id of the origin, or empty
 * @param logGroup  log group name, or empty
 * @param logStream log stream name, or empty
 * @param events    the events, in order (unmodifiable)
 */
public record LogBatch(String owner, String logGroup, String logStream, List<LogEvent> events) {

    public LogBatch {
        owner = Objects.requireNonNullElse(owner, "");
        logGroup = Objects.requireNonNullElse(logGroup, "");
        logStream = Objects.requireNonNullElse(logStream, "");
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A batch with only a group, a stream and events. */
    public static LogBatch of(String logGroup, String logStream, List<LogEvent> events) {
        return new LogBatch("", logGroup, logStream, events);
    }

    public int size() {
        return events.size();
    }

    /** The same origin with other events (for example the events not yet delivered). */
    public LogBatch withEvents(List<LogEvent> otherEvents) {
        return new LogBatch(owner, logGroup, logStream, otherEvents);
    }
}
