package dev.logdrain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WholeBatchDeliveryTest {

    private final List<Integer> sends = new ArrayList<>();
    private final Sink wholeBatches = new Sink() {
        @Override
        public DeliveryResult send(MessageBatch messages, Deadline deadline) {
            sends.add(messages.size());
            return DeliveryResult.success(messages.size(), 0, messages.totalBytes(), 0);
        }

        @Override
        public void close() {
        }
    };
    private final LogBatch batch = LogBatch.of("g", "s", List.of(new LogEvent("1", 0, "a"), new LogEvent("2", 0, "b")));
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(30));

    @Test
    void aSinkWithoutPartsGetsTheWholeBatchInOneSend() {
        Sink.Delivery delivery = WholeBatchDelivery.begin(wholeBatches, batch, deadline);
        assertThat(WholeBatchDelivery.partBytes(delivery, 64 * 1024)).isEqualTo(Integer.MAX_VALUE);

        byte[] data = "ab".getBytes(StandardCharsets.UTF_8);
        delivery.write(new MessageBatch(batch, data, new int[] {1, 2}, 2));
        DeliveryResult result = delivery.finish();

        assertThat(sends).containsExactly(2);
        assertThat(result).isEqualTo(DeliveryResult.success(2, 0, 2, 0));
    }

    @Test
    void formattingThatFailsBeforeThePartFailsEveryEventAndSendsNothing() {
        DeliveryResult result = WholeBatchDelivery.begin(wholeBatches, batch, deadline).abort("formatting failed: x");

        assertThat(sends).isEmpty();
        assertThat(result).isEqualTo(DeliveryResult.failure(0, 2, 0, 0, 0, "formatting failed: x"));
    }

    @Test
    void aSinkThatTakesPartsKeepsItsOwnDelivery() {
        Sink.Delivery own = new Sink.Delivery() {
            public void write(MessageBatch part) {
            }

            public DeliveryResult finish() {
                return DeliveryResult.success(0, 0, 0, 0);
            }

            public DeliveryResult abort(String error) {
                return finish();
            }
        };
        Sink parts = new Sink() {
            public DeliveryResult send(MessageBatch messages, Deadline deadline) {
                throw new AssertionError("not used");
            }

            public Sink.Delivery begin(LogBatch b, Deadline d) {
                return own;
            }

            public void close() {
            }
        };

        Sink.Delivery delivery = WholeBatchDelivery.begin(parts, batch, deadline);
        assertThat(delivery).isSameAs(own);
        assertThat(WholeBatchDelivery.partBytes(delivery, 64 * 1024)).isEqualTo(64 * 1024);
    }
}
