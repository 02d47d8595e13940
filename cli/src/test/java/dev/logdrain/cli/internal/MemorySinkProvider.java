package dev.logdrain.cli.internal;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLHandshakeException;

/**
 * A test seam: {@code memory://NAME} keeps every message it is given, per NAME, so that in-JVM tests can
 * see exactly what the CLI delivered (the stdout sink writes to the process's file descriptor 1, which a
 * test cannot capture). The name picks a behaviour: {@code fail} fails every batch after accepting
 * {@code failafter} of them (default 0), {@code refused} and {@code expired} fail to connect.
 */
public final class MemorySinkProvider implements SinkProvider {

    static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();

    static List<String> received(String name) {
        return RECEIVED.getOrDefault(name, List.of());
    }

    static void clear() {
        RECEIVED.clear();
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
        return List.of(OptionSpec.of("failafter", "batches accepted before memory://fail fails"));
    }

    @Override
    public Sink create(Destination destination) {
        String name = destination.host();
        int failAfter = destination.intOption("failafter", 0, 0, Integer.MAX_VALUE);
        return new Sink() {
            private int batches;

            @Override
            public DeliveryResult send(MessageBatch messages, Deadline deadline) {
                if (name.equals("fail") && batches++ >= failAfter) {
                    return DeliveryResult.failure(0, messages.size(), 0, 0, 0, "test sink refuses");
                }
                List<String> list = RECEIVED.computeIfAbsent(name, n -> java.util.Collections.synchronizedList(new ArrayList<>()));
                long bytes = 0;
                for (int i = 0; i < messages.size(); i++) {
                    list.add(new String(messages.data(), messages.offset(i), messages.length(i), StandardCharsets.UTF_8));
                    bytes += messages.length(i);
                }
                return DeliveryResult.success(messages.size(), 0, bytes, 0);
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
            }
        };
    }
}
