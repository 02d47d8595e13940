package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.util.Arrays;

/**
 * Header fields made from templates: rendered once per origin (owner, group, stream) and then copied, or for
 * every event when one of the templates uses the event id ({@code {id}}).
 */
final class CachedHeader {

    /** Renders the header fields of one event. */
    interface Renderer {
        void render(LogBatch batch, LogEvent event, MessageBuffer out);
    }

    private final Renderer renderer;
    private final boolean perEvent;
    private final BatchKey origin = new BatchKey();
    private final MessageBuffer scratch = new MessageBuffer(512);
    private byte[] bytes;

    CachedHeader(Renderer renderer, Template... templates) {
        this.renderer = renderer;
        this.perEvent = Arrays.stream(templates).anyMatch(Template::usesEventId);
    }

    void write(LogBatch batch, LogEvent event, MessageBuffer out) {
        if (perEvent) {
            renderer.render(batch, event, out);
            return;
        }
        if (!origin.matches(batch)) {
            scratch.reset();
            renderer.render(batch, event, scratch);
            bytes = Bytes.copy(scratch, 0);
            origin.remember(batch);
        }
        out.write(bytes);
    }
}
