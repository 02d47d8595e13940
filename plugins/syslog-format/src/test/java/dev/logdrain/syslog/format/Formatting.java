package dev.logdrain.syslog.format;

import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fixed batches and a way to format them as a destination URL says, through the plugin registry. */
final class Formatting {

    /** 2026-11-23T20:00:00.123Z */
    static final long TIME = Instant.parse("2026-11-23T20:00:00.123Z").toEpochMilli();
    static final String TASK = "0123456789abcdef0123456789abcdef";
    static final String OWNER = "123456789012";

    private Formatting() {
    }

    static LogBatch ecs(String... messages) {
        return batch("/ecs/orders", "ecs/web/" + TASK, messages);
    }

    static LogBatch lambda(String... messages) {
        return batch("/aws/lambda/checkout", "2026/11/23/[$LATEST]" + TASK, messages);
    }

    static LogBatch batch(String group, String stream, String... messages) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            events.add(new LogEvent("3720000000000000000000000000000000000000000000000000000" + i, TIME, messages[i]));
        }
        return new LogBatch(OWNER, group, stream, events);
    }

    static LogBatch at(long epochMillis, LogBatch batch) {
        List<LogEvent> events = new ArrayList<>();
        for (LogEvent e : batch.events()) {
            events.add(new LogEvent(e.id(), epochMillis, e.message()));
        }
        return batch.withEvents(events);
    }

    /** Creates the formatter the registry picks for {@code url} (which it validates first). */
    static Formatter formatter(String url) {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            Destination destination = registry.validate(Destination.parse(url));
            return registry.formatter(destination.option("format", PluginRegistry.DEFAULT_FORMAT)).create(destination);
        }
    }

    /** Each event of the batch formatted as {@code url} says, as bytes. */
    static List<byte[]> formatBytes(String url, LogBatch batch) {
        return formatBytes(formatter(url), batch);
    }

    static List<byte[]> formatBytes(Formatter formatter, LogBatch batch) {
        MessageBuffer buffer = new MessageBuffer(16);
        List<byte[]> result = new ArrayList<>();
        for (LogEvent event : batch.events()) {
            int start = buffer.length();
            formatter.format(batch, event, buffer);
            byte[] message = new byte[buffer.length() - start];
            System.arraycopy(buffer.array(), start, message, 0, message.length);
            result.add(message);
        }
        return result;
    }

    /** Each event of the batch formatted as {@code url} says, decoded as UTF-8. */
    static List<String> format(String url, LogBatch batch) {
        return formatBytes(url, batch).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    static String formatOne(String url, LogBatch batch) {
        List<String> all = format(url, batch);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one event");
        }
        return all.get(0);
    }
}
