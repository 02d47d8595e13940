package dev.logdrain.processing.internal;

import dev.logdrain.spi.Processor;

/** A processor whose kind (the count what it drops or changes goes to) is fixed when it is made. */
abstract class FixedKindProcessor implements Processor {

    private final Kind kind;

    FixedKindProcessor(Kind kind) {
        this.kind = kind;
    }

    @Override
    public final Kind kind() {
        return kind;
    }
}
