package dev.logdrain.syslog.format;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code capture://NAME}: a sink for tests that keeps what the core hands it, so that the formatters can be
 * checked through the real Forwarder (which cuts messages to {@code maxsize}).
 */
public final class CaptureSinkProvider implements SinkProvider {

    private static final Map<String, List<byte[]>> CAPTURED = new ConcurrentHashMap<>();

    /** The messages captured for {@code capture://name}, in order. */
    static List<byte[]> captured(String name) {
        return CAPTURED.getOrDefault(name, List.of());
    }

    @Override
    public Set<String> schemes() {
        return Set.of("capture");
    }

    @Override
    public int defaultPort(String scheme) {
        return -1;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public Sink create(Destination destination) {
        List<byte[]> list = CAPTURED.computeIfAbsent(destination.host(), h -> java.util.Collections.synchronizedList(new ArrayList<>()));
        return new Sink() {
            @Override
            public DeliveryResult send(MessageBatch messages, Deadline deadline) {
                for (int i = 0; i < messages.size(); i++) {
                    list.add(messages.copyOf(i));
                }
                return DeliveryResult.success(messages.size(), 0, messages.totalBytes(), 0);
            }

            @Override
            public void close() {
            }
        };
    }
}
