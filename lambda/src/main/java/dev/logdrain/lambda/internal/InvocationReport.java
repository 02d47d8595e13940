package dev.logdrain.lambda.internal;

import dev.logdrain.DestinationReport;
import dev.logdrain.spi.LogBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one invocation did, rendered as one summary line and as CloudWatch Embedded Metric Format
 * documents: one per destination (dimension {@code Destination}: scheme and host only, never userinfo,
 * port or options) and one for the invocation (no dimension).
 */
public final class InvocationReport {

    /** Per destination metrics, in order. */
    private static final String[][] DESTINATION_METRICS = {
            {"EventsReceived", "Count"}, {"EventsDelivered", "Count"}, {"EventsFailed", "Count"},
            {"EventsTruncated", "Count"}, {"BytesSent", "Bytes"}, {"DeliveryMillis", "Milliseconds"},
            {"Retries", "Count"}, {"EventsSplit", "Count"}};
    /**
     * Added to a destination's document only when its processing dropped or changed an event (custom metrics
     * cost money each: a function without processing pays for none of these).
     */
    private static final String[][] PROCESSING_METRICS = {
            {"EventsDropped", "Count"}, {"EventsSampledOut", "Count"}, {"EventsRedacted", "Count"}};
    private static final String[][] INVOCATION_METRICS = {
            {"EventsReceived", "Count"}, {"ControlMessages", "Count"}, {"EventsSkipped", "Count"},
            {"InvalidPayloads", "Count"}, {"FailedInvocations", "Count"}};

    private final Set<String> groups = new LinkedHashSet<>();
    private final Set<String> streams = new LinkedHashSet<>();
    private final Map<String, Totals> destinations = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    /** A handler's own counts and fields, e.g. Kinesis records, by summary key (or metric name). */
    private final Map<String, Extra> extras = new LinkedHashMap<>();
    private int events;
    private int controlMessages;
    private int skipped;
    private int invalid;
    private String error;

    private record Extra(String key, String metric, String value) {
    }

    private static final class Totals {
        final String dimension;
        long events;
        long sent;
        long failed;
        long truncated;
        long split;
        long bytes;
        long millis;
        long retries;
        long dropped;
        long sampled;
        long redacted;
        String error;

        Totals(String dimension) {
            this.dimension = dimension;
        }
    }

    /** A batch was decoded (before any skipping). */
    public void received(LogBatch batch) {
        groups.add(batch.logGroup());
        streams.add(batch.logStream());
        events += batch.size();
    }

    public void controlMessages(int n) {
        controlMessages += n;
    }

    /** A batch was not forwarded on purpose (the function's own log group). */
    public void skipped(LogBatch batch, String why) {
        skipped += batch.size();
        note(why);
    }

    public void invalidInput(String message) {
        invalid++;
        error = message;
    }

    public void delivered(ForwarderCache.Outcome outcome) {
        for (DestinationReport r : outcome.reports()) {
            Totals t = destinations.computeIfAbsent(r.destination(), k -> new Totals(dimension(r)));
            t.events += r.events();
            t.sent += r.sent();
            t.failed += r.failed();
            t.truncated += r.truncated();
            t.split += r.split();
            t.bytes += r.bytes();
            t.millis += r.durationMillis();
            t.retries += r.retries();
            t.dropped += r.dropped();
            t.sampled += r.sampled();
            t.redacted += r.redacted();
            if (r.error() != null) {
                t.error = r.error();
            }
        }
        if (outcome.note() != null) {
            note(outcome.note());
        }
    }

    /** The invocation fails with this message (one line, no secrets). */
    public void failed(String message) {
        error = message;
    }

    public void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    /**
     * A count of the handler's own, e.g. Kinesis records: {@code key=value} in the summary line (after
     * {@code skipped=}; none when {@code key} is null) and, when {@code metric} is not null, a Count metric of
     * the invocation's EMF document.
     */
    public void count(String key, String metric, long value) {
        extras.put(key != null ? key : metric, new Extra(key, metric, Long.toString(value)));
    }

    /** A {@code key=value} of the handler's own in the summary line, after its counts (no metric). */
    public void field(String key, String value) {
        extras.put(key, new Extra(key, null, value));
    }

    public int events() {
        return events;
    }

    public int controlMessages() {
        return controlMessages;
    }

    public int skippedEvents() {
        return skipped;
    }

    /**
     * {@code logdrain: group=G stream=S events=N control=C skipped=K duration=Dms | DEST sent=.. failed=..
     * truncated=.. split=.. retries=.. bytes=.. ms=.. [dropped=.. sampled=.. redacted=..] [error="..."] | ...};
     * the processing counts only when the destination's processors dropped or changed an event
     */
    public String summaryLine(long durationMillis) {
        StringBuilder sb = new StringBuilder("logdrain: ");
        sb.append("group=").append(quote(String.join(",", groups)));
        sb.append(" stream=").append(quote(String.join(",", streams)));
        sb.append(" events=").append(events);
        sb.append(" control=").append(controlMessages);
        sb.append(" skipped=").append(skipped);
        extras.values().stream().filter(e -> e.key() != null)
                .forEach(e -> sb.append(' ').append(e.key()).append('=').append(quote(e.value())));
        sb.append(" duration=").append(durationMillis).append("ms");
        destinations.forEach((name, t) -> {
            // quoted when an option value (a pattern) holds a space or '|', which would cut the line's fields
            boolean plain = name.chars().noneMatch(c -> c == ' ' || c == '|' || c == '"');
            sb.append(" | ").append(plain ? name : quote(name))
                    .append(" sent=").append(t.sent)
                    .append(" failed=").append(t.failed)
                    .append(" truncated=").append(t.truncated)
                    .append(" split=").append(t.split)
                    .append(" retries=").append(t.retries)
                    .append(" bytes=").append(t.bytes)
                    .append(" ms=").append(t.millis);
            if (t.dropped + t.sampled + t.redacted > 0) {
                sb.append(" dropped=").append(t.dropped).append(" sampled=").append(t.sampled)
                        .append(" redacted=").append(t.redacted);
            }
            if (t.error != null) {
                sb.append(" error=").append(quote(t.error));
            }
        });
        for (String note : notes) {
            sb.append(" | note=").append(quote(note));
        }
        if (error != null) {
            sb.append(" | error=").append(quote(error));
        }
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }

    /** The EMF documents, one JSON line each. */
    public List<String> emfLines(String namespace, long timestampMillis) {
        List<String> lines = new ArrayList<>();
        String group = String.join(",", groups);
        String stream = String.join(",", streams);
        for (Totals t : destinations.values()) {
            long[] values = {t.events, t.sent, t.failed, t.truncated, t.bytes, t.millis, t.retries, t.split};
            String[][] metrics = DESTINATION_METRICS;
            if (t.dropped + t.sampled + t.redacted > 0) {
                metrics = java.util.stream.Stream.concat(java.util.Arrays.stream(DESTINATION_METRICS),
                        java.util.Arrays.stream(PROCESSING_METRICS)).toArray(String[][]::new);
                values = java.util.stream.LongStream.concat(java.util.Arrays.stream(values),
                        java.util.stream.LongStream.of(t.dropped, t.sampled, t.redacted)).toArray();
            }
            lines.add(emf(namespace, timestampMillis, "Destination", t.dimension, metrics, values, group, stream));
        }
        List<String[]> metrics = new ArrayList<>(List.of(INVOCATION_METRICS));
        List<Long> values = new ArrayList<>(List.of((long) events, (long) controlMessages, (long) skipped,
                (long) invalid, error == null && allDelivered() ? 0L : 1L));
        extras.values().stream().filter(e -> e.metric() != null).forEach(e -> {
            metrics.add(new String[] {e.metric(), "Count"});
            values.add(Long.parseLong(e.value()));
        });
        lines.add(emf(namespace, timestampMillis, null, null, metrics.toArray(String[][]::new),
                values.stream().mapToLong(Long::longValue).toArray(), group, stream));
        return lines;
    }

    private boolean allDelivered() {
        return destinations.values().stream().allMatch(t -> t.failed == 0 && t.error == null);
    }

    private static String emf(String namespace, long timestamp, String dimensionName, String dimensionValue,
                              String[][] metrics, long[] values, String group, String stream) {
        // searchable in Logs Insights, not dimensions (which would multiply the metrics' cost)
        return EmfDocument.write(namespace, timestamp, dimensionName, dimensionValue, metrics, values,
                "logGroup", group, "logStream", stream);
    }

    /** {@code scheme://host}: no userinfo, port or options. */
    static String dimension(DestinationReport r) {
        String hostAndPort = r.host();
        String host;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            host = close > 0 ? hostAndPort.substring(0, close + 1) : hostAndPort;
        } else {
            int colon = hostAndPort.lastIndexOf(':');
            host = colon >= 0 ? hostAndPort.substring(0, colon) : hostAndPort;
        }
        return r.scheme() + "://" + host;
    }

    private static String quote(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '"' || c == '|' || c == '=' || c < 0x20)) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
