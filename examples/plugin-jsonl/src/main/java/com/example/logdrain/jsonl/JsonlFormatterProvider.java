package com.example.logdrain.jsonl;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import org.pf4j.Extension;

/**
 * {@code format=jsonl}: one JSON object per event. Listed in
 * {@code META-INF/services/dev.logdrain.spi.FormatterProvider} (found on a class path and in a plugin
 * jar) and annotated with pf4j's {@link Extension} (found in a plugin jar); either alone would do, and
 * logdrain takes a provider listed both ways once.
 */
@Extension
public final class JsonlFormatterProvider implements FormatterProvider {

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public Formatter create(Destination destination) {
        return new JsonlFormatter();
    }
}
