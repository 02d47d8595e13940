package dev.logdrain.lambda.testing;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;

/** A test seam: format {@code plain} renders {@code group|stream|owner|id|timestamp|message}. */
public final class PlainFormatterProvider implements FormatterProvider {

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public Formatter create(Destination destination) {
        return (batch, event, out) -> out.writeUtf8(batch.logGroup()).writeByte('|').writeUtf8(batch.logStream())
                .writeByte('|').writeUtf8(batch.owner()).writeByte('|').writeUtf8(event.id()).writeByte('|')
                .writeDecimal(event.timestamp()).writeByte('|').writeUtf8(event.message());
    }
}
