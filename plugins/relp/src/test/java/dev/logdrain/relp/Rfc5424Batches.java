package dev.logdrain.relp;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.MessageBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches of RFC 5424 messages whose MSG is the event id, as the rfc5424 formatter would hand them to the
 * sink (unframed, back to back), so a test can check every id the server parsed.
 */
final class Rfc5424Batches {

    private Rfc5424Batches() {
    }

    static String line(String id) {
        return "<14>1 2024-05-01T10:00:00.000Z logdrain-it relp-it - - - " + id;
    }

    static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    static MessageBatch of(List<String> ids) {
        MessageBuffer buffer = new MessageBuffer();
        int[] ends = new int[Math.max(1, ids.size())];
        List<LogEvent> events = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            buffer.writeUtf8(line(ids.get(i)));
            ends[i] = buffer.length();
            events.add(new LogEvent(ids.get(i), 0, ids.get(i)));
        }
        return new MessageBatch(LogBatch.of("it", "it", events), buffer.array(), ends, ids.size());
    }
}
