package dev.logdrain.processing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.SeverityDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {

    /** CloudWatch-like ids: 56 digits that differ in their last ones. */
    private static List<LogEvent> events(int n, String message) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new LogEvent(String.format("3785%052d", i * 7919L), 1_700_000_000_000L + i, message));
        }
        return events;
    }

    private static List<String> kept(Sampler sampler, List<LogEvent> events) {
        LogBatch batch = LogBatch.of("g", "s", events);
        List<String> ids = new ArrayList<>();
        for (LogEvent e : events) {
            if (sampler.process(batch, e) != null) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    @Test
    void keepsAboutOneInN_andTheSameEventsEveryTime() {
        List<LogEvent> events = events(10_000, "INFO fine");
        List<String> first = kept(new Sampler(10, -1), events);
        List<String> retried = kept(new Sampler(10, -1), events);

        assertThat(first).hasSizeBetween(850, 1150);
        assertThat(retried).isEqualTo(first);
    }

    @Test
    void sampleKeep_neverSamplesOutWarningsOrWorse() {
        assertThat(kept(new Sampler(1000, SeverityDetector.WARNING), events(200, "ERROR boom"))).hasSize(200);
        assertThat(kept(new Sampler(1000, SeverityDetector.WARNING), events(200, "{\"level\":\"warn\"}"))).hasSize(200);
        assertThat(kept(new Sampler(1000, SeverityDetector.WARNING), events(200, "DEBUG x")))
                .hasSizeLessThan(10);
    }

    @Test
    void oneInOne_keepsAll() {
        assertThat(kept(new Sampler(1, -1), events(100, "x"))).hasSize(100);
    }
}
