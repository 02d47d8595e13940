package dev.logdrain.relp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Sink;
import dev.logdrain.testing.FreePorts;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.TestCertificates;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * rsyslog is killed with SIGKILL twice while a stream of batches goes to it over RELP, and started again:
 * every batch must still be delivered within its deadline, every event id must arrive at least once, and the
 * duplicates must be no more than the sink reported as possible (at most one window per crash).
 */
class RelpFaultIT {

    private static final int WINDOW = 128;
    private static final int BATCHES = 60;
    private static final int BATCH_SIZE = 250;
    private static final int TOTAL = BATCHES * BATCH_SIZE;
    private static final int KILLS = 2;
    private static final Duration BATCH_DEADLINE = Duration.ofSeconds(90);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /**
     * An imrelp input whose ruleset runs on a Direct queue: rsyslog writes a message before it answers 200,
     * so an acknowledged message survives SIGKILL. (With the default in-memory main queue an acknowledged
     * message may still be queued when the process dies: RELP proves the server took it, not that it kept it.)
     */
    private static String durableInput(int port, boolean tls) {
        return "ruleset(name=\"relp_durable\" queue.type=\"Direct\") {\n"
                + "  set $.input = \"RELP\";\n"
                + "  call logdrain_out\n"
                + "}\n"
                + "input(type=\"imrelp\" port=\"" + port + "\" address=\"127.0.0.1\" ruleset=\"relp_durable\""
                + " maxDataSize=\"600000\""
                + (tls ? " tls=\"on\" tls.authMode=\"certvalid\" tls.caCert=\"" + TestCertificates.caCert()
                        + "\" tls.myCert=\"" + TestCertificates.serverCert() + "\" tls.myPrivKey=\""
                        + TestCertificates.serverKey() + "\"" : "")
                + ")\n";
    }

    @Test
    void plainRelp() throws Exception {
        everyEventArrivesAtLeastOnceWhenRsyslogIsKilledMidStream(false);
    }

    @Test
    void relpOverTls() throws Exception {
        everyEventArrivesAtLeastOnceWhenRsyslogIsKilledMidStream(true);
    }

    private void everyEventArrivesAtLeastOnceWhenRsyslogIsKilledMidStream(boolean tls) throws Exception {
        int port = FreePorts.find();
        try (Rsyslog rsyslog = Rsyslog.builder().relp().extraConfig(durableInput(port, tls)).start()) {
            FreePorts.awaitListening(port, PATIENCE, "rsyslog's durable RELP input");
            String url = tls
                    ? "relp+tls://localhost:" + port + "?ca=" + TestCertificates.caCert() + "&cert="
                            + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey() + "&window=" + WINDOW
                    : "relp://127.0.0.1:" + port + "?window=" + WINDOW;
            Sink sink = new RelpSinkProvider().create(Destination.parse(url));
            List<DeliveryResult> results = new CopyOnWriteArrayList<>();
            List<String> sent = new ArrayList<>();
            AtomicBoolean done = new AtomicBoolean();
            for (int b = 0; b < BATCHES; b++) {
                sent.addAll(Rfc5424Batches.ids("fault" + b, BATCH_SIZE));
            }
            Thread sender = new Thread(() -> {
                try {
                    for (int b = 0; b < BATCHES; b++) {
                        List<String> ids = sent.subList(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
                        results.add(sink.send(Rfc5424Batches.of(ids), Deadline.after(BATCH_DEADLINE)));
                        Thread.sleep(10); // a stream of batches, as Lambda invocations would be
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.set(true);
                }
            }, "relp-fault-sender");
            sender.start();

            for (int kill = 1; kill <= KILLS; kill++) {
                rsyslog.awaitMessages(kill * TOTAL / (KILLS + 1), PATIENCE);
                assertThat(done.get()).as("the stream must still run when rsyslog is killed (kill %d)", kill).isFalse();
                rsyslog.kill9();
                rsyslog.restart();
            }
            sender.join(PATIENCE.toMillis() * 2);
            assertThat(sender.isAlive()).isFalse();
            sink.close();

            assertThat(results).hasSize(BATCHES);
            int reportedDuplicates = 0;
            int retries = 0;
            for (DeliveryResult result : results) {
                assertThat(result.isSuccess()).as("%s", result).isTrue();
                assertThat(result.delivered()).isEqualTo(BATCH_SIZE);
                reportedDuplicates += result.possibleDuplicates();
                retries += result.retries();
            }
            List<String> received = awaitAllIds(rsyslog, new HashSet<>(sent));
            int actualDuplicates = received.size() - new HashSet<>(received).size();
            System.err.printf("RELP fault test (" + (tls ? "relp+tls" : "relp") + "): %d events in %d batches, %d kills, %d retries, %d possible duplicates"
                    + " reported, %d duplicates received%n", TOTAL, BATCHES, KILLS, retries, reportedDuplicates,
                    actualDuplicates);
            assertThat(retries).isGreaterThanOrEqualTo(KILLS);
            assertThat(actualDuplicates).isLessThanOrEqualTo(reportedDuplicates);
            assertThat(reportedDuplicates).isLessThanOrEqualTo(WINDOW * KILLS);
            // each batch arrives in order: the first copies of its ids appear in sending order
            List<String> firstCopies = new ArrayList<>(new java.util.LinkedHashSet<>(received));
            assertThat(firstCopies).containsExactlyElementsOf(sent);
        }
    }

    /** Waits until every id was received (duplicates aside) and returns what was received, in order. */
    private static List<String> awaitAllIds(Rsyslog rsyslog, Set<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<String> received = rsyslog.messages().stream().map(ReceivedMessage::msg).toList();
            Set<String> missing = new HashSet<>(expected);
            received.forEach(missing::remove);
            if (missing.isEmpty()) {
                return received;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(missing.size() + " of " + expected.size() + " events never arrived, e.g. "
                        + missing.stream().sorted().limit(10).toList() + "\n" + rsyslog.log());
            }
            Thread.sleep(50);
        }
    }
}
