package dev.logdrain.testing;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;

/**
 * A test sink, {@code memory://NAME}: keeps every message it takes under NAME, so that in-JVM tests see exactly
 * what the core handed to a sink (cut to {@code maxsize}, unframed). Not registered by this library: a module
 * that wants it lists {@code dev.logdrain.testing.MemorySinkProvider} in its test resources'
 * {@code META-INF/services/dev.logdrain.spi.SinkProvider}.
 *
 * <p>How it misbehaves on request:
 * <ul>
 *   <li>{@code ?fail=true}: a destination that is down, every batch fails ("connection refused", one retry)
 *       once it has taken {@code failafter} batches (default 0);</li>
 *   <li>{@code ?hang=true}: every batch blocks until the deadline and fails ("timed out");</li>
 *   <li>{@link #refuse}: from now on, a batch holding a message that contains a text fails ("refused by the
 *       test"), until {@link #recover}; {@link #delay}: every batch takes a set time (within the deadline);</li>
 *   <li>{@link Sink#connect}: {@code memory://refused} and {@code memory://expired} fail like a closed port and
 *       an expired server certificate; any other name reports a TLS session.</li>
 * </ul>
 * {@code ?token=} is a secret option that does nothing, for tests that check secrets are never shown.
 */
public final class MemorySinkProvider implements SinkProvider {

    private static final Map<String, List<byte[]>> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CONNECTIONS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> SENDS = new ConcurrentHashMap<>();
    private static final Map<String, String> REFUSE = new ConcurrentHashMap<>();
    private static final Map<String, Duration> DELAY = new ConcurrentHashMap<>();

    /** Every message NAME took, in order, as UTF-8 text. */
    public static List<String> received(String name) {
        return texts(receivedBytes(name));
    }

    /** Every message NAME took, in order, byte for byte. */
    public static List<byte[]> receivedBytes(String name) {
        List<byte[]> got = RECEIVED.getOrDefault(name, List.of());
        synchronized (got) {
            return List.copyOf(got);
        }
    }

    /** How many times a NAME sink opened a "connection" (on its first batch taken, like a real sink). */
    public static int connections(String name) {
        return count(CONNECTIONS, name);
    }

    /** How many batches NAME was handed (taken or not). */
    public static int sends(String name) {
        return count(SENDS, name);
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

    /** Forgets everything: messages, counts, refusals and delays of every name. */
    public static void reset() {
        RECEIVED.clear();
        CONNECTIONS.clear();
        SENDS.clear();
        REFUSE.clear();
        DELAY.clear();
    }

    private static int count(Map<String, AtomicInteger> counts, String name) {
        AtomicInteger n = counts.get(name);
        return n == null ? 0 : n.get();
    }

    private static void increment(Map<String, AtomicInteger> counts, String name) {
        counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
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
        return List.of(OptionSpec.of("fail", "refuse every batch (after failafter)"),
                OptionSpec.of("failafter", "batches taken before fail=true refuses"),
                OptionSpec.of("hang", "block every batch until the deadline"),
                OptionSpec.secret("token", "a secret that must never be shown"));
    }

    @Override
    public Sink create(Destination destination) {
        String name = destination.host();
        boolean fail = destination.booleanOption("fail", false);
        int failAfter = destination.intOption("failafter", 0, 0, Integer.MAX_VALUE);
        boolean hang = destination.booleanOption("hang", false);
        return new Sink() {
            private boolean open;
            private int taken;

            @Override
            public DeliveryResult send(MessageBatch messages, Deadline deadline) {
                increment(SENDS, name);
                if (hang) {
                    pause(Duration.ofMillis(deadline.remainingMillis()), deadline);
                    return DeliveryResult.failure(0, messages.size(), 0, 0, 0, "timed out");
                }
                Duration delay = DELAY.get(name);
                if (delay != null) {
                    pause(delay, deadline);
                }
                if (fail && taken >= failAfter) {
                    return DeliveryResult.failure(0, messages.size(), 1, 0, 0, "connection refused");
                }
                List<byte[]> batch = new ArrayList<>(messages.size());
                for (int i = 0; i < messages.size(); i++) {
                    batch.add(messages.copyOf(i));
                }
                String refused = REFUSE.get(name);
                if (refused != null && texts(batch).stream().anyMatch(m -> m.contains(refused))) {
                    return DeliveryResult.failure(0, messages.size(), 0, 0, 0, "refused by the test");
                }
                if (!open) {
                    open = true;
                    increment(CONNECTIONS, name);
                }
                taken++;
                RECEIVED.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>())).addAll(batch);
                return DeliveryResult.success(messages.size(), 0, messages.totalBytes(), 0);
            }

            @Override
            public Map<String, String> connect(Deadline deadline) throws IOException {
                switch (name) {
                    case "refused":
                        throw new ConnectException("Connection refused");
                    case "expired":
                        SSLHandshakeException e = new SSLHandshakeException("PKIX path validation failed");
                        e.initCause(new CertificateExpiredException("NotAfter: Fri Jan 01 00:00:00 UTC 2021"));
                        throw e;
                    default:
                        Map<String, String> facts = new LinkedHashMap<>();
                        facts.put("protocol", "TLSv1.3");
                        facts.put("peer", "CN=" + name);
                        return facts;
                }
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    private static List<String> texts(List<byte[]> messages) {
        return messages.stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList();
    }

    /** Sleeps for {@code time}, but not past the deadline. */
    private static void pause(Duration time, Deadline deadline) {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() - end < 0 && !deadline.isExpired()) {
            try {
                Thread.sleep(Math.max(1, Math.min(20, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
