package dev.logdrain.relp.internal;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.MessageBuffer;
import java.util.ArrayList;
import java.util.List;

/** MessageBatches made from strings, as the core would hand them to a sink. */
final class Batches {

    private Batches() {
    }

    static MessageBatch of(List<String> messages) {
        MessageBuffer buffer = new MessageBuffer();
        int[] ends = new int[Math.max(1, messages.size())];
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            buffer.writeUtf8(messages.get(i));
            ends[i] = buffer.length();
            events.add(new LogEvent(String.valueOf(i), 0, messages.get(i)));
        }
        return new MessageBatch(LogBatch.of("group", "stream", events), buffer.array(), ends, messages.size());
    }

    static MessageBatch of(String... messages) {
        return of(List.of(messages));
    }
}
