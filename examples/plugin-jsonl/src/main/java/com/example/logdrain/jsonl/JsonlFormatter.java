package com.example.logdrain.jsonl;

import com.eclipsesource.json.Json;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders an event as {@code {"id":…,"timestamp":…,"group":…,"stream":…,"message":…}} with the
 * timestamp in ISO-8601 UTC with milliseconds. JSON escaping (quotes, backslashes, line breaks, control
 * characters) comes from minimal-json, a library bundled in this plugin's jar: a message can never
 * break out of its string or span two lines.
 */
final class JsonlFormatter implements Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public void format(LogBatch batch, LogEvent event, MessageBuffer out) {
        String line = Json.object()
                .add("id", event.id())
                .add("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.timestamp())))
                .add("group", batch.logGroup())
                .add("stream", batch.logStream())
                .add("message", event.message())
                .toString();
        out.writeUtf8(line);
    }
}
