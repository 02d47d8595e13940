package dev.logdrain.syslog.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.SyslogServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sends batches to a real syslog server and checks what it parsed. */
final class Interop {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final String HEADER = "<14>1 2024-05-01T12:00:00.000Z host app 42 - - ";

    private Interop() {
    }

    static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(60));
    }

    /**
     * Sends {@code count} events (every fifth one three lines long) in one batch and checks that each
     * arrived exactly once with its message intact (line breaks included).
     */
    static void sendAndVerify(SyslogServer server, String url, int count) {
        int before = server.messages().size();
        MessageBatch batch = Batches.rfc5424(1, count, 5);
        try (Sink sink = Sinks.create(url)) {
            DeliveryResult result = sink.send(batch, deadline());
            assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
            assertThat(result.delivered()).isEqualTo(count);
        }
        List<ReceivedMessage> got = server.awaitMessages(before + count, WAIT);
        got = got.subList(before, got.size());
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String message = new String(batch.copyOf(i), StandardCharsets.UTF_8);
            expected.put(Batches.id(1, i), message.substring(HEADER.length()));
        }
        assertThat(got).hasSize(count);
        Map<String, String> received = new HashMap<>();
        for (ReceivedMessage m : got) {
            String id = m.msgWithoutBom().split(" ", 2)[0];
            assertThat(received.put(id, m.msgWithoutBom())).as("duplicate " + id).isNull();
            assertThat(m.hostname()).isEqualTo("host");
            assertThat(m.appName()).isEqualTo("app");
        }
        assertThat(received).isEqualTo(expected);
    }
}
