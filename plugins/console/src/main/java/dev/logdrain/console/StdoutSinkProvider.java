package dev.logdrain.console;

import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.util.Set;

/** {@code stdout://}: prints each formatted message on a line of its own, as it would be sent. */
public final class StdoutSinkProvider implements SinkProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("stdout");
    }

    @Override
    public int defaultPort(String scheme) {
        return -1;
    }

    @Override
    public Sink create(Destination destination) {
        return new StdoutSink(new FileOutputStream(FileDescriptor.out));
    }
}
