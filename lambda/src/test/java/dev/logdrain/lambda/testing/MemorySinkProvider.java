package dev.logdrain.lambda.testing;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test seam: {@code memory://NAME} keeps the messages it receives in memory under NAME.
 * {@code ?fail=true} refuses everything (a destination that is down), {@code ?hang=true} blocks until the
 * deadline. It counts the "connections" it opens (on first send, like a real sink) to show reuse.
 */
public final class MemorySinkProvider implements SinkProvider {

    private static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CONNECTIONS = new ConcurrentHashMap<>();

    public static List<String> received(String name) {
        return List.copyOf(RECEIVED.getOrDefault(name, List.of()));
    }

    public static int connections(String name) {
        return CONNECTIONS.getOrDefault(name, new AtomicInteger()).get();
    }

    public static void reset() {
        RECEIVED.clear();
        CONNECTIONS.clear();
    }

    @Override
    public Set<String> schemes() {
        return Set.of("memory");
    }

    @Override
    public int defaultPort(String scheme) {
        return -1;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of("fail", "refuse every message"), OptionSpec.of("hang", "block until the deadline"),
                OptionSpec.secret("token", "a secret that must never be shown"));
    }

    @Override
    public Sink create(Destination destination) {
        boolean fail = destination.booleanOption("fail", false);
        boolean hang = destination.booleanOption("hang", false);
        String name = destination.host();
        return new Sink() {
            private boolean open;

            @Override
            public DeliveryResult send(MessageBatch messages, Deadline deadline) {
                if (fail) {
                    return DeliveryResult.failure(0, messages.size(), 1, 0, 0, "connection refused");
                }
                if (hang) {
                    while (!deadline.isExpired()) {
                        try {
                            Thread.sleep(Math.max(1, Math.min(50, deadline.remainingMillis())));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    return DeliveryResult.failure(0, messages.size(), 0, 0, 0, "timed out");
                }
                if (!open) {
                    open = true;
                    CONNECTIONS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                }
                List<String> list = RECEIVED.computeIfAbsent(name, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
                long bytes = 0;
                for (int i = 0; i < messages.size(); i++) {
                    list.add(new String(messages.data(), messages.offset(i), messages.length(i), StandardCharsets.UTF_8));
                    bytes += messages.length(i);
                }
                return DeliveryResult.success(messages.size(), 0, bytes, 0);
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }
}
