package dev.logdrain.lambda.testing;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;

/**
 * A test seam: format {@code oom} throws {@link OutOfMemoryError} for a message that contains {@code exhaust}
 * (what the heap-derived decode limits should rule out, reported all the same when it happens).
 */
public final class OutOfMemoryFormatterProvider implements FormatterProvider {

    @Override
    public String name() {
        return "oom";
    }

    @Override
    public Formatter create(Destination destination) {
        return (batch, event, out) -> {
            if (event.message().contains("exhaust")) {
                throw new OutOfMemoryError("Java heap space");
            }
            out.writeUtf8(event.message());
        };
    }
}
