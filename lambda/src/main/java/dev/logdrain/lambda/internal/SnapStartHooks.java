package dev.logdrain.lambda.internal;

import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.crac.Context;
import org.crac.Resource;

/**
 * Lambda SnapStart's hooks ({@code org.crac}), registered when the host starts.
 *
 * <p>Before the snapshot: primes the code paths a first invocation takes (decodes a synthetic subscription
 * event and formats its events with every destination's formatter into a buffer that goes nowhere: the null
 * sink), so that their classes are loaded and compiled in the snapshot; then closes every sink, so that no
 * socket is in the snapshot (AWS SDK clients here ask for {@code Connection: close} and keep none).
 *
 * <p>After the restore: the URL cached with a time to live is expired (it is read again on the next
 * invocation), and the next delivery creates its sinks again, which re-dial lazily and draw the seed of
 * their back-off jitter afresh ({@code SecureRandom}), so that restored copies do not retry in step.
 */
public final class SnapStartHooks implements Resource {

    private final ForwarderCache delivery;
    private final Source source;
    private final Consumer<String> warnings;

    SnapStartHooks(ForwarderCache delivery, Source source, Consumer<String> warnings) {
        this.delivery = delivery;
        this.source = source;
        this.warnings = warnings;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime();
        } catch (RuntimeException e) {
            // priming is an optimisation: the snapshot is still good without it
            warnings.accept("SnapStart priming skipped: " + e.getMessage());
        }
        delivery.disconnect();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        delivery.urls().expire();
        delivery.disconnect();
    }

    /** Decodes a synthetic event and formats it for each destination whose URL is known without a lookup. */
    void prime() {
        List<LogBatch> batches;
        try { // through the configured source, as an invocation decodes
            batches = source.read(new ByteArrayInputStream(syntheticEvent())).logBatches();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PluginRegistry registry = delivery.registry();
        List<String> urls = delivery.knownUrls();
        List<Destination> destinations = urls.isEmpty()
                ? List.of(registry.validate(Destination.parse("tcp://127.0.0.1:6514")))
                : urls.stream().map(u -> registry.validate(Destination.parse(u))).toList();
        MessageBuffer nowhere = new MessageBuffer(4096);
        for (Destination destination : destinations) {
            Formatter formatter = registry.formatter(destination.option("format", PluginRegistry.DEFAULT_FORMAT))
                    .create(destination);
            for (int round = 0; round < 200; round++) {
                for (LogBatch batch : batches) {
                    for (LogEvent event : batch.events()) {
                        nowhere.reset();
                        formatter.format(batch, event, nowhere);
                    }
                }
            }
        }
    }

    private static byte[] syntheticEvent() throws IOException {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"timestamp\":1714564800000,")
                    .append("\"message\":\"priming event ").append(i).append(" {\\\"level\\\":\\\"info\\\"} ✓\"}");
        }
        String payload = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/logdrain/priming\","
                + "\"logStream\":\"priming\",\"subscriptionFilters\":[\"priming\"],\"logEvents\":[" + events + "]}";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        return ("{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gz.toByteArray()) + "\"}}")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
