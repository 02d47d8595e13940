package dev.logdrain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark workload is what the issue asks for, and our source reads it back exactly (no timing here). */
class WorkloadTest {

    private final Workload workload = Workload.standard();

    @Test
    void realisticEventsOfTheRequestedShape() {
        List<LogEvent> events = workload.events();
        assertThat(events).hasSize(10_000);
        int multiLine = 0;
        int nonAscii = 0;
        for (LogEvent e : events) {
            int bytes = e.message().getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).as(e.message()).isBetween(60, 300);
            multiLine += e.message().contains("\n") ? 1 : 0;
            nonAscii += bytes != e.message().length() ? 1 : 0;
        }
        assertThat(workload.messageBytes() / (double) events.size()).isBetween(160.0, 185.0);
        assertThat(multiLine).isBetween(300, 1_000);
        assertThat(nonAscii).isBetween(500, 1_500);
        assertThat(workload.gzip().length).as("about 1 MB of gzip").isBetween(800_000, 1_200_000);
    }

    @Test
    void deterministic() {
        assertThat(Workload.of(50, 7).events()).isEqualTo(Workload.of(50, 7).events());
    }

    @Test
    void ourSourceDecodesTheLambdaEventBackToTheSameEvents() throws Exception {
        List<LogBatch> batches = Ours.cloudWatchSource().read(new ByteArrayInputStream(workload.lambdaEvent())).logBatches();

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).logGroup()).isEqualTo(Workload.GROUP);
        assertThat(batches.get(0).events()).isEqualTo(workload.events());
    }

    @Test
    void theFramedBytesAreOctetCountedRfc5424() {
        LogBatch one = Workload.of(List.of(workload.events().get(1))).batch();
        String framed = new String(Ours.framedBytes(one), StandardCharsets.UTF_8);

        assertThat(framed).matches("\\d+ <14>1 2024-05-14T09:30:00\\.\\d{3}Z /ecs/orders web "
                + Workload.PROC_ID + " - - .*");
        int space = framed.indexOf(' ');
        assertThat(Integer.parseInt(framed.substring(0, space)))
                .isEqualTo(framed.getBytes(StandardCharsets.UTF_8).length - space - 1);
    }
}
