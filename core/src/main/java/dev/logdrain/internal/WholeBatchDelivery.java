package dev.logdrain.internal;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;

/**
 * The parts protocol ({@link Sink#begin}) over {@link Sink#send}, for a sink that takes whole batches, so that
 * the route has one send loop: the route gives such a delivery the whole batch as one part
 * ({@link #partBytes}), which goes to {@code send} at once.
 */
final class WholeBatchDelivery implements Sink.Delivery {

    private final Sink sink;
    private final int events;
    private final Deadline deadline;
    private DeliveryResult sent;

    private WholeBatchDelivery(Sink sink, int events, Deadline deadline) {
        this.sink = sink;
        this.events = events;
        this.deadline = deadline;
    }

    /** The sink's own delivery in parts, or one over {@link Sink#send} when it takes whole batches. */
    static Sink.Delivery begin(Sink sink, LogBatch batch, Deadline deadline) {
        Sink.Delivery delivery = sink.begin(batch, deadline);
        return delivery != null ? delivery : new WholeBatchDelivery(sink, batch.size(), deadline);
    }

    /** Formatted bytes after which {@code delivery} gets the next part: all of the batch for a whole-batch sink. */
    static int partBytes(Sink.Delivery delivery, int partBytes) {
        return delivery instanceof WholeBatchDelivery ? Integer.MAX_VALUE : partBytes;
    }

    @Override
    public void write(MessageBatch part) {
        DeliveryResult r = sink.send(part, deadline);
        sent = sent == null ? r : new DeliveryResult(sent.delivered() + r.delivered(), sent.failed() + r.failed(),
                sent.retries() + r.retries(), sent.bytesSent() + r.bytesSent(),
                sent.possibleDuplicates() + r.possibleDuplicates(), sent.error() != null ? sent.error() : r.error());
    }

    @Override
    public DeliveryResult finish() {
        return sent != null ? sent : DeliveryResult.success(0, 0, 0, 0);
    }

    @Override
    public DeliveryResult abort(String error) {
        if (sent == null) {
            return DeliveryResult.failure(0, events, 0, 0, 0, error);
        }
        return DeliveryResult.failure(sent.delivered(), events - sent.delivered(), sent.retries(), sent.bytesSent(),
                sent.possibleDuplicates(), sent.error() != null ? sent.error() : error);
    }
}
