package dev.logdrain.cli.internal;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;

/**
 * A test seam: {@code format=events} renders an event as {@code group|stream|id|timestamp|message}, so that a
 * test can compare what was delivered with the events it expected, field by field.
 */
public final class EventsFormatterProvider implements FormatterProvider {

    @Override
    public String name() {
        return "events";
    }

    @Override
    public Formatter create(Destination destination) {
        return (batch, event, out) -> out.writeUtf8(batch.logGroup() + "|" + batch.logStream() + "|" + event.id() + "|"
                + event.timestamp() + "|" + event.message());
    }
}
