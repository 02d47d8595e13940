package com.example.logdrain.jsonl;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The host's test sink {@code capture://NAME}: keeps each message as text under NAME. */
public final class CapturingSinkProvider implements SinkProvider {

    private static final Map<String, List<String>> CAPTURED = new ConcurrentHashMap<>();

    public static List<String> captured(String name) {
        return CAPTURED.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
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
    public Sink create(Destination destination) {
        List<String> into = captured(destination.host());
        return new Sink() {
            @Override
            public DeliveryResult send(MessageBatch messages, Deadline deadline) {
                for (int i = 0; i < messages.size(); i++) {
                    into.add(new String(messages.copyOf(i), StandardCharsets.UTF_8));
                }
                return DeliveryResult.success(messages.size(), 0, messages.totalBytes(), 0);
            }

            @Override
            public void close() {
            }
        };
    }
}
