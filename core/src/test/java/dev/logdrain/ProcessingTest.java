package dev.logdrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.fixtures.RecordingSinkProvider;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Processors through the Forwarder: selection by option, order, counts, and what they must not change. */
class ProcessingTest {

    private final PluginRegistry registry = PluginRegistry.builtIns();

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static LogBatch batch(String... messages) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            events.add(new LogEvent(Integer.toString(i), 1_700_000_000_000L + i, messages[i]));
        }
        return LogBatch.of("/aws/lambda/app", "stream", events);
    }

    private static List<String> received(String name) {
        return RecordingSinkProvider.received(name).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private DestinationReport forward(String url, LogBatch batch) {
        try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of(url))) {
            return forwarder.forward(batch, Deadline.after(Duration.ofSeconds(30))).destinations().get(0);
        }
    }

    @Test
    void processorsRunInTheOrderOfTheirFirstOptionInTheUrl() {
        String upperFirst = unique("order-a");
        String dropFirst = unique("order-b");
        LogBatch batch = batch("keep me", "drop me", "x");

        // upper runs first: "DROP ME" no longer contains "drop", so it is kept
        DestinationReport a = forward("record://" + upperFirst + "?format=plain&upper=me&drop=drop", batch);
        DestinationReport b = forward("record://" + dropFirst + "?format=plain&drop=drop&upper=me", batch);

        assertThat(received(upperFirst)).containsExactly("KEEP ME", "DROP ME", "x");
        assertThat(a.dropped()).isZero();
        assertThat(a.redacted()).isEqualTo(2);
        assertThat(received(dropFirst)).containsExactly("KEEP ME", "x");
        assertThat(b.dropped()).isEqualTo(1);
        assertThat(b.redacted()).isEqualTo(1);
    }

    @Test
    void droppedEventsAreNeitherSentNorFailed_andTheDeliverySucceeds() {
        String name = unique("counts");
        DestinationReport d = forward("record://" + name + "?format=plain&drop=noise",
                batch("noise 1", "signal", "noise 2", "noise 3"));

        assertThat(d.isSuccess()).isTrue();
        assertThat(d.events()).isEqualTo(4);
        assertThat(d.sent()).isEqualTo(1);
        assertThat(d.failed()).isZero();
        assertThat(d.dropped()).isEqualTo(3);
        assertThat(d.sampled()).isZero();
        assertThat(received(name)).containsExactly("signal");
    }

    @Test
    void aSamplingProcessorCountsSampledOut_andABatchOfOnlyDroppedEventsSucceeds() {
        String name = unique("sampled");
        DestinationReport d = forward("record://" + name + "?format=plain&drop=x&drop.kind=sample", batch("x1", "x2"));

        assertThat(d.isSuccess()).isTrue();
        assertThat(d.sampled()).isEqualTo(2);
        assertThat(d.dropped()).isZero();
        assertThat(d.sent()).isZero();
        assertThat(received(name)).isEmpty();
    }

    @Test
    void failedEventsOfAProcessedBatchAreCountedAsFailed_notAsDropped() {
        DestinationReport d = forward("fail://failing.example?format=plain&drop=noise", batch("noise", "a", "b"));

        assertThat(d.isSuccess()).isFalse();
        assertThat(d.events()).isEqualTo(3);
        assertThat(d.failed()).isEqualTo(2);
        assertThat(d.dropped()).isEqualTo(1);
    }

    @Test
    void aProcessorThatThrows_failsTheBatchWithOneLine() {
        DestinationReport d = forward("record://" + unique("throws") + "?format=plain&drop=!throw", batch("a", "b"));

        assertThat(d.failed()).isEqualTo(2);
        assertThat(d.error()).isEqualTo("processing failed: java.lang.IllegalStateException: processor bug");
    }

    @Test
    void unknownOptions_areRejected_listingProcessorOptions() {
        assertThatThrownBy(() -> Forwarder.fromUrls(registry, List.of("record://x?format=plain&dorp=1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown option 'dorp'")
                .hasMessageContaining("drop, drop.kind");
    }

    @Test
    void sharedOptionsApplyToEveryDestination_andAUrlsOwnValueWins() {
        String a = unique("shared-a");
        String b = unique("shared-b");
        try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of("record://" + a + "?format=plain",
                "record://" + b + "?format=plain&drop=keep"), Destination.parseOptions("drop=no%20ise", "test"))) {
            forwarder.forward(batch("no ise", "keep"), Deadline.after(Duration.ofSeconds(30)));
        }
        assertThat(received(a)).containsExactly("keep");
        assertThat(received(b)).containsExactly("no ise");
    }

    @Test
    void sharedOptions_malformed_isOneLineNamingTheSetting() {
        assertThatThrownBy(() -> Destination.parseOptions("exclude=a&exclude=b", "LOGDRAIN_PROCESS"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("LOGDRAIN_PROCESS is not valid: ").hasMessageContaining("given twice");
        assertThat(Destination.parseOptions("?a=1&b=x%26y", "x")).isEqualTo(Map.of("a", "1", "b", "x&y"));
    }

    @Test
    void pluginsListsProcessorsWithTheirOptions() {
        assertThat(registry.providers()).filteredOn(p -> p.kind() == ProviderInfo.Kind.PROCESSOR)
                .extracting(p -> p.names().get(0)).contains("drop", "upper");
    }
}
