package dev.logdrain.relp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.DestinationReport;
import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole path: a CloudWatch-like batch, the registry, the rfc5424 formatter, the RELP sink, rsyslog. */
class RelpForwarderIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aLambdaBatchArrivesFormattedAsRfc5424() {
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start();
             PluginRegistry registry = PluginRegistry.builtIns();
             Forwarder forwarder = Forwarder.fromUrls(registry, List.of(rsyslog.url(Input.RELP) + "?window=32"))) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                events.add(new LogEvent("id" + i, 1_714_557_600_000L + i, "request " + i + " done\n"));
            }
            events.add(new LogEvent("multi", 1_714_557_601_000L, "Traceback:\n  line 1\n  line 2"));
            LogBatch batch = new LogBatch("123456789012", "/aws/lambda/checkout", "2024/05/01/[$LATEST]abc123", events);

            ForwardReport report = forwarder.forward(batch, Deadline.after(PATIENCE));

            assertThat(report.isSuccess()).as("%s", report).isTrue();
            DestinationReport destination = report.destinations().get(0);
            assertThat(destination.sent()).isEqualTo(301);
            assertThat(destination.possibleDuplicates()).isZero();
            assertThat(destination.destination()).startsWith("relp://127.0.0.1:");
            List<ReceivedMessage> received = rsyslog.awaitMessages(301, PATIENCE);
            assertThat(received.get(0).msg()).isEqualTo("request 0 done");
            assertThat(received.get(0).appName()).isEqualTo("checkout");
            assertThat(received.get(0).hostname()).isEqualTo("/aws/lambda/checkout");
            assertThat(received.get(0).instant().toEpochMilli()).isEqualTo(1_714_557_600_000L);
            assertThat(received.get(299).msg()).isEqualTo("request 299 done");
            assertThat(received.get(300).msg()).isEqualTo("Traceback:\n  line 1\n  line 2");
        }
    }

    /** Stock imrelp takes rsyslog's 8096 bytes: a message cut to the default maxsize arrives whole, once. */
    @Test
    void aStockRsyslogTakesARecordOfTheDefaultMaxsizeWhole() {
        try (Rsyslog rsyslog = Rsyslog.builder().stockSizes().relp().start();
             PluginRegistry registry = PluginRegistry.builtIns();
             Forwarder forwarder = Forwarder.fromUrls(registry, List.of(rsyslog.url(Input.RELP)))) {
            String message = ("y".repeat(90) + "\n<13>1 - FORGEDHOST FORGEDAPP - - - x").repeat(100);
            LogBatch batch = LogBatch.of("stockhost", "web/1", List.of(new LogEvent("big", 1L, message)));

            ForwardReport report = forwarder.forward(batch, Deadline.after(PATIENCE));

            assertThat(report.isSuccess()).as("%s", report).isTrue();
            assertThat(report.destinations().get(0).truncated()).isEqualTo(1); // RELP takes one record per event
            ReceivedMessage got = rsyslog.awaitMessages(1, PATIENCE).get(0);
            assertThat(got.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isEqualTo(8096);
            assertThat(message).contains(got.msg());
            assertThat(rsyslog.messages()).hasSize(1);
        }
    }

    @Test
    void anUnknownOptionIsRefusedAtStartUpListingTheKnownOnes() {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> Forwarder.fromUrls(registry, List.of("relp://127.0.0.1?windows=4")))
                    .hasMessageContaining("unknown option 'windows'").hasMessageContaining("window");
        }
    }
}
