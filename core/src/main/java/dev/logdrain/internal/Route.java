package dev.logdrain.internal;

import dev.logdrain.DestinationReport;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.MessageBuffer;
import dev.logdrain.spi.Sink;
import dev.logdrain.spi.SinkProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One destination of a Forwarder: its formatter, its sink, its {@link RecordShaper} (line breaks, maxsize,
 * oversize) and its reusable buffers.
 */
public final class Route {

    private final Destination destination;
    private final String redacted;
    private final Formatter formatter;
    private final Sink sink;
    private final RecordShaper shaper;
    private final ProcessorChain chain;
    private final ProcessorChain.Counts counts = new ProcessorChain.Counts();
    /** {@code prefix=} and one space, written before each message (so before each of its records), or empty. */
    private final byte[] prefix;
    /** Formatted bytes after which a sink that takes batches in parts gets the next part. */
    static final int PART_BYTES = 64 * 1024;

    private final MessageBuffer buffer = new MessageBuffer(PART_BYTES + 8 * 1024);
    private int[] ends = new int[256];
    /** Per message of the current part, the index of its first record in the shaper's records (and one more). */
    private int[] firstRecord = new int[257];
    /** Events of the current batch truncated and split so far. */
    private int truncated;
    private int split;

    private Route(Destination destination, ProcessorChain chain, Formatter formatter, Sink sink,
                  RecordShaper shaper, byte[] prefix) {
        this.destination = destination;
        this.chain = chain;
        this.prefix = prefix;
        this.redacted = destination.toString();
        this.formatter = formatter;
        this.sink = sink;
        this.shaper = shaper;
    }

    public static Route create(PluginRegistry registry, Destination parsed) {
        Destination destination = registry.validate(parsed);
        SinkProvider sinkProvider = registry.sink(destination.scheme());
        FormatterProvider formatterProvider = registry.formatter(destination.option("format",
                PluginRegistry.DEFAULT_FORMAT));
        Formatter formatter = formatterProvider.create(destination);
        int maxSize = destination.intOption("maxsize", sinkProvider.defaultMaxSize(destination.scheme()),
                64, 64 * 1024 * 1024);
        RecordShaper.Oversize oversize = "truncate".equals(destination.choiceOption("oversize", "split",
                Set.of("split", "truncate"))) ? RecordShaper.Oversize.TRUNCATE : RecordShaper.Oversize.SPLIT;
        byte[] prefix = prefix(destination);
        if (prefix.length > maxSize / 2) { // a cut record would carry part of the key and little else
            throw new ConfigurationException(destination + ": option prefix takes " + prefix.length + " bytes of every"
                    + " record; maxsize " + maxSize + " leaves too little for the message");
        }
        ProcessorChain chain = new ProcessorChain(registry.processors(destination));
        Sink sink = sinkProvider.create(destination, formatterProvider.preferredFraming());
        return new Route(destination, chain, formatter, sink,
                new RecordShaper(sink.recordRules(), maxSize, oversize), prefix);
    }

    /**
     * The bytes of {@code prefix=} and a space. Printable ASCII only: a line break or NUL in it could end a record
     * early, so that the rest would be read as a record of its own. The message never repeats the value (a key).
     */
    static byte[] prefix(Destination destination) {
        String text = destination.option("prefix").orElse(null);
        if (text == null) {
            return new byte[0];
        }
        if (text.isEmpty() || text.length() > 512 || !text.chars().allMatch(c -> c >= 33 && c <= 126)) {
            throw new ConfigurationException(destination + ": option prefix must be 1 to 512 printable ASCII"
                    + " characters without spaces");
        }
        return (text + " ").getBytes(StandardCharsets.US_ASCII);
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
            firstRecord = new int[ends.length + 1];
        }
        buffer.reset();
        shaper.clear();
        truncated = 0;
        split = 0;
        if (count == 0) {
            return report(batch, DeliveryResult.success(0, 0, 0, 0), start);
        }
        Sink.Delivery delivery;
        try {
            delivery = WholeBatchDelivery.begin(sink, batch, deadline);
        } catch (RuntimeException | LinkageError e) {
            return report(batch, DeliveryResult.failure(0, count, 0, 0, 0, "sink failed: " + e), start);
        }
        return sendInParts(batch, delivery, WholeBatchDelivery.partBytes(delivery, PART_BYTES), start);
    }

    /**
     * Hands the sink each part as soon as {@code partBytes} of messages are formatted: the transport and
     * the receiver work on one part while the next is formatted, and the buffer stays the size of a part.
     * A sink that takes whole batches gets the batch as one part ({@link WholeBatchDelivery}).
     */
    private DestinationReport sendInParts(LogBatch batch, Sink.Delivery delivery, int partBytes, long start) {
        List<LogEvent> events = batch.events();
        int count = events.size();
        int first = 0; // the event of the part's first message
        DeliveryResult result;
        try {
            for (int i = 0; i < count; i++) {
                try {
                    format(batch, events.get(i), i - first);
                } catch (RuntimeException | LinkageError e) {
                    // the parts given may be on the wire already: the sink reports them, the rest fail
                    result = delivery.abort("formatting failed: " + e);
                    return report(batch, result, start);
                }
                if (buffer.length() >= partBytes || i == count - 1) {
                    delivery.write(part(batch, first, i + 1 - first));
                    first = i + 1;
                    buffer.reset();
                    shaper.clear();
                }
            }
            result = delivery.finish();
        } catch (RuntimeException | LinkageError e) {
            result = DeliveryResult.failure(0, count, 0, 0, 0, "sink failed: " + e);
        }
        return report(batch, result, start);
    }

    /**
     * Appends one event's message to the buffer as message {@code index} of the current part, shaped into
     * records of at most maxsize (line breaks escaped first), and counts it when it was truncated or split.
     */
    private void format(LogBatch batch, LogEvent event, int index) {
        int messageStart = buffer.length();
        firstRecord[index] = shaper.records();
        buffer.beginMessage();
        buffer.write(prefix, 0, prefix.length); // before the formatter's header marks: part of every record's header
        formatter.format(batch, event, buffer);
        int outcome = shaper.shape(buffer, messageStart, event);
        if ((outcome & RecordShaper.TRUNCATED) != 0) {
            truncated++;
        } else if ((outcome & RecordShaper.SPLIT) != 0) {
            split++;
        }
        ends[index] = buffer.length();
    }

    /** The {@code size} messages in the buffer, rendered from the events from {@code first} on. */
    private MessageBatch part(LogBatch batch, int first, int size) {
        firstRecord[size] = shaper.records();
        return new MessageBatch(batch, first, buffer.array(), ends, size, shaper.recordEnds(), firstRecord);
    }

    public DestinationReport failed(LogBatch batch, String error) {
        return new DestinationReport(redacted, destination.scheme(), destination.hostAndPort(), batch.size(), 0,
                batch.size(), 0, 0, 0, 0, 0, error);
    }

    private DestinationReport report(LogBatch batch, DeliveryResult r, long startNanos) {
        int removed = counts.dropped() + counts.sampled();
        return new DestinationReport(redacted, destination.scheme(), destination.hostAndPort(), batch.size() + removed,
                r.delivered(), r.failed(), truncated, split, r.bytesSent(), (System.nanoTime() - startNanos) / 1_000_000,
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
