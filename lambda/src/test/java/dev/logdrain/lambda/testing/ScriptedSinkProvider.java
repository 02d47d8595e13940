package dev.logdrain.lambda.testing;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test seam whose behaviour the test changes while the handler runs: {@code scripted://NAME} keeps what it
 * receives under NAME, refuses every batch holding a message that contains a text set with
 * {@link #refuse} (a destination that rejects or loses that batch), and can take a set time per batch
 * ({@link #delay}). {@link #recover} makes it take everything again, as a destination that came back.
 */
public final class ScriptedSinkProvider implements SinkProvider {

    private static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, String> REFUSE = new ConcurrentHashMap<>();
    private static final Map<String, Duration> DELAY = new ConcurrentHashMap<>();
    private static final Map<String, Integer> SENDS = new ConcurrentHashMap<>();

    /** Every message NAME took, in order. */
    public static List<String> received(String name) {
        return List.copyOf(RECEIVED.getOrDefault(name, List.of()));
    }

    /** How many batches NAME was handed (taken or refused). */
    public static int sends(String name) {
        return SENDS.getOrDefault(name, 0);
    }

    /** From now on NAME refuses any batch with a message containing {@code text}. */
    public static void refuse(String name, String text) {
        REFUSE.put(name, text);
    }

    /** NAME takes everything again. */
    public static void recover(String name) {
        REFUSE.remove(name);
    }

    /** NAME takes this long over every batch (within the deadline). */
    public static void delay(String name, Duration delay) {
        DELAY.put(name, delay);
    }

    public static void reset() {
        RECEIVED.clear();
        REFUSE.clear();
        DELAY.clear();
        SENDS.clear();
    }

    @Override
    public Set<String> schemes() {
        return Set.of("scripted");
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
        String name = destination.host();
        return new Sink() {
            @Override
            public DeliveryResult send(MessageBatch messages, Deadline deadline) {
                SENDS.merge(name, 1, Integer::sum);
                Duration delay = DELAY.get(name);
                if (delay != null) {
                    long end = System.nanoTime() + delay.toNanos();
                    while (System.nanoTime() < end && !deadline.isExpired()) {
                        try {
                            Thread.sleep(Math.max(1, Math.min(20, (end - System.nanoTime()) / 1_000_000)));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
                List<String> batch = new ArrayList<>(messages.size());
                long bytes = 0;
                for (int i = 0; i < messages.size(); i++) {
                    batch.add(new String(messages.data(), messages.offset(i), messages.length(i), StandardCharsets.UTF_8));
                    bytes += messages.length(i);
                }
                String refused = REFUSE.get(name);
                if (refused != null && batch.stream().anyMatch(m -> m.contains(refused))) {
                    return DeliveryResult.failure(0, messages.size(), 0, 0, 0, "refused by the test");
                }
                RECEIVED.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).addAll(batch);
                return DeliveryResult.success(messages.size(), 0, bytes, 0);
            }

            @Override
            public void close() {
            }
        };
    }
}
