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
    private final ProcessorChain chain;
    private final ProcessorChain.Counts counts = new ProcessorChain.Counts();
    /** Formatted bytes after which a sink that takes batches in parts gets the next part. */
    static final int PART_BYTES = 64 * 1024;

    private final MessageBuffer buffer = new MessageBuffer(PART_BYTES + 8 * 1024);
    private int[] ends = new int[256];

    private Route(Destination destination, ProcessorChain chain, Formatter formatter, Sink sink, int maxSize) {
        this.destination = destination;
        this.chain = chain;
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
        ProcessorChain chain = new ProcessorChain(registry.processors(destination));
        Sink sink = sinkProvider.create(destination);
        return new Route(destination, chain, formatter, sink, maxSize);
    }

    public Destination destination() {
        return destination;
    }

    public DestinationReport send(LogBatch received, Deadline deadline) {
        long start = System.nanoTime();
        LogBatch batch;
        try {
            batch = chain.apply(received, counts); // dropped events are neither sent nor failed
        } catch (RuntimeException | LinkageError e) {
            return failed(received, "processing failed: " + e);
        }
        int count = batch.size();
        if (ends.length < count) {
            ends = new int[Math.max(count, ends.length * 2)];
        }
        buffer.reset();
        if (count == 0) {
            return report(batch, DeliveryResult.success(0, 0, 0, 0), 0, start);
        }
        Sink.Delivery delivery;
        try {
            delivery = sink.begin(batch, deadline);
        } catch (RuntimeException | LinkageError e) {
            return report(batch, DeliveryResult.failure(0, count, 0, 0, 0, "sink failed: " + e), 0, start);
        }
        return delivery == null ? sendWhole(batch, deadline, start) : sendInParts(batch, delivery, start);
    }

    /** Formats the whole batch, then hands it to the sink in one call. */
    private DestinationReport sendWhole(LogBatch batch, Deadline deadline, long start) {
        List<LogEvent> events = batch.events();
        int count = events.size();
        int truncated = 0;
        try {
            for (int i = 0; i < count; i++) {
                truncated += format(batch, events.get(i));
                ends[i] = buffer.length();
            }
        } catch (RuntimeException | LinkageError e) { // LinkageError: a plugin missing a class it needs
            return report(batch, DeliveryResult.failure(0, count, 0, 0, 0,
                    "formatting failed: " + e), truncated, start);
        }
        DeliveryResult result;
        try {
            result = sink.send(new MessageBatch(batch, buffer.array(), ends, count), deadline);
        } catch (RuntimeException | LinkageError e) {
            result = DeliveryResult.failure(0, count, 0, 0, 0, "sink failed: " + e);
        }
        return report(batch, result, truncated, start);
    }

    /**
     * Hands the sink each part as soon as {@link #PART_BYTES} of messages are formatted: the transport and
     * the receiver work on one part while the next is formatted, and the buffer stays the size of a part.
     */
    private DestinationReport sendInParts(LogBatch batch, Sink.Delivery delivery, long start) {
        List<LogEvent> events = batch.events();
        int count = events.size();
        int truncated = 0;
        int first = 0; // the event of the part's first message
        DeliveryResult result;
        try {
            for (int i = 0; i < count; i++) {
                try {
                    truncated += format(batch, events.get(i));
                } catch (RuntimeException | LinkageError e) {
                    // the parts given may be on the wire already: the sink reports them, the rest fail
                    result = delivery.abort("formatting failed: " + e);
                    return report(batch, result, truncated, start);
                }
                ends[i - first] = buffer.length();
                if (buffer.length() >= PART_BYTES || i == count - 1) {
                    delivery.write(new MessageBatch(batch, first, buffer.array(), ends, i + 1 - first));
                    first = i + 1;
                    buffer.reset();
                }
            }
            result = delivery.finish();
        } catch (RuntimeException | LinkageError e) {
            result = DeliveryResult.failure(0, count, 0, 0, 0, "sink failed: " + e);
        }
        return report(batch, result, truncated, start);
    }

    /** Appends one event's message to the buffer, cut to maxsize; returns 1 when it was cut. */
    private int format(LogBatch batch, LogEvent event) {
        int messageStart = buffer.length();
        formatter.format(batch, event, buffer);
        if (buffer.length() - messageStart > maxSize) {
            buffer.setLength(buffer.utf8Boundary(messageStart, maxSize));
            return 1;
        }
        return 0;
    }

    public DestinationReport failed(LogBatch batch, String error) {
        return new DestinationReport(redacted, destination.scheme(), destination.hostAndPort(), batch.size(), 0,
                batch.size(), 0, 0, 0, 0, 0, error);
    }

    private DestinationReport report(LogBatch batch, DeliveryResult r, int truncated, long startNanos) {
        int removed = counts.dropped() + counts.sampled();
        return new DestinationReport(redacted, destination.scheme(), destination.hostAndPort(), batch.size() + removed,
                r.delivered(), r.failed(), truncated, r.bytesSent(), (System.nanoTime() - startNanos) / 1_000_000,
                r.retries(), r.possibleDuplicates(), r.error(), counts.dropped(), counts.sampled(), counts.redacted());
    }

    public void close() {
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // closing is best effort
        }
    }
}
