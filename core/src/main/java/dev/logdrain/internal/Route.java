package dev.logdrain.internal;

import dev.logdrain.DestinationReport;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.MessageBuffer;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.util.List;

/** One destination of a Forwarder: its formatter, its sink, its maxsize and its reusable buffers. */
public final class Route {

    private final Destination destination;
    private final String redacted;
    private final Formatter formatter;
    private final Sink sink;
    private final int maxSize;
    private final MessageBuffer buffer = new MessageBuffer(64 * 1024);
    private int[] ends = new int[256];

    private Route(Destination destination, Formatter formatter, Sink sink, int maxSize) {
        this.destination = destination;
        this.redacted = destination.toString();
        this.formatter = formatter;
        this.sink = sink;
        this.maxSize = maxSize;
    }

    public static Route create(PluginRegistry registry, Destination parsed) {
        Destination destination = registry.validate(parsed);
        SinkProvider sinkProvider = registry.sink(destination.scheme());
        Formatter formatter = registry.formatter(destination.option("format", PluginRegistry.DEFAULT_FORMAT))
                .create(destination);
        int maxSize = destination.intOption("maxsize", sinkProvider.defaultMaxSize(destination.scheme()),
                64, 64 * 1024 * 1024);
        Sink sink = sinkProvider.create(destination);
        return new Route(destination, formatter, sink, maxSize);
    }

    public Destination destination() {
        return destination;
    }

    public DestinationReport send(LogBatch batch, Deadline deadline) {
        long start = System.nanoTime();
        List<LogEvent> events = batch.events();
        int count = events.size();
        if (ends.length < count) {
            ends = new int[Math.max(count, ends.length * 2)];
        }
        buffer.reset();
        int truncated = 0;
        try {
            for (int i = 0; i < count; i++) {
                int messageStart = buffer.length();
                formatter.format(batch, events.get(i), buffer);
                if (buffer.length() - messageStart > maxSize) {
                    buffer.setLength(buffer.utf8Boundary(messageStart, maxSize));
                    truncated++;
                }
                ends[i] = buffer.length();
            }
        } catch (RuntimeException | LinkageError e) { // LinkageError: a plugin missing a class it needs
            return report(batch, DeliveryResult.failure(0, count, 0, 0, 0,
                    "formatting failed: " + e), truncated, start);
        }
        DeliveryResult result;
        if (count == 0) {
            result = DeliveryResult.success(0, 0, 0, 0);
        } else {
            try {
                result = sink.send(new MessageBatch(batch, buffer.array(), ends, count), deadline);
            } catch (RuntimeException | LinkageError e) {
                result = DeliveryResult.failure(0, count, 0, 0, 0, "sink failed: " + e);
            }
        }
        return report(batch, result, truncated, start);
    }

    public DestinationReport failed(LogBatch batch, String error) {
        return new DestinationReport(redacted, destination.scheme(), destination.hostAndPort(), batch.size(), 0,
                batch.size(), 0, 0, 0, 0, 0, error);
    }

    private DestinationReport report(LogBatch batch, DeliveryResult r, int truncated, long startNanos) {
        return new DestinationReport(redacted, destination.scheme(), destination.hostAndPort(), batch.size(),
                r.delivered(), r.failed(), truncated, r.bytesSent(), (System.nanoTime() - startNanos) / 1_000_000,
                r.retries(), r.possibleDuplicates(), r.error());
    }

    public void close() {
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // closing is best effort
        }
    }
}
