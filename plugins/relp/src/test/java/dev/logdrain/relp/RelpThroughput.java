package dev.logdrain.relp;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.TestCertificates;
import dev.logdrain.testing.TlsAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput of the RELP sink against a real rsyslog imrelp on loopback, window 128 against window 1:
 * events per second from the start of {@code send} until every event of the batch is acknowledged.
 * Not a test (no assertion on speed); run it by hand, see bench/RESULTS.md:
 *
 * <pre>
 * mvn -q -pl plugins/relp -am test-compile
 * mvn -q -pl plugins/relp dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp plugins/relp/target/test-classes:plugins/relp/target/classes:$(cat /tmp/cp.txt) \
 *      dev.logdrain.relp.RelpThroughput [events] [rounds] ["relp window=1"]
 * </pre>
 */
public final class RelpThroughput {

    private RelpThroughput() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String only = args.length > 2 ? args[2] : null; // e.g. "relp window=1"
        try (Rsyslog rsyslog = Rsyslog.builder().relp().relpTls(TestCertificates.server(), TlsAuth.CERT_VALID)
                .start()) {
            String tlsOptions = "?ca=" + TestCertificates.caCert() + "&cert=" + TestCertificates.clientCert()
                    + "&key=" + TestCertificates.clientKey();
            String plain = rsyslog.url(Input.RELP);
            String tls = "relp+tls://localhost:" + rsyslog.relpTlsPort() + tlsOptions;
            System.out.printf("%d events of %d bytes per batch, median of %d rounds after 1 warm-up round%n",
                    events, Rfc5424Batches.line("bench-0-00000").length(), rounds);
            for (String[] run : new String[][] {
                    {"relp", plain, "128"}, {"relp", plain, "1"}, {"relp+tls", tls, "128"}, {"relp+tls", tls, "1"}}) {
                if (only != null && !only.equals(run[0] + " window=" + run[2])) {
                    continue;
                }
                String url = run[1] + (run[1].contains("?") ? "&" : "?") + "window=" + run[2];
                // window 1 is one round trip per event: fewer events keep the run short
                int n = run[2].equals("1") ? Math.max(1, events / 4) : events;
                measure(run[0] + " window=" + run[2], url, n, rounds);
            }
        }
    }

    private static void measure(String label, String url, int events, int rounds) {
        try (Sink sink = new RelpSinkProvider().create(Destination.parse(url))) {
            double[] rates = new double[rounds];
            for (int round = -1; round < rounds; round++) {
                List<String> ids = new ArrayList<>(events);
                for (int i = 0; i < events; i++) {
                    ids.add(String.format("bench-%d-%05d", round + 1, i));
                }
                MessageBatch batch = Rfc5424Batches.of(ids);
                long start = System.nanoTime();
                DeliveryResult result = sink.send(batch, Deadline.after(Duration.ofMinutes(5)));
                long nanos = System.nanoTime() - start;
                if (!result.isSuccess()) {
                    throw new IllegalStateException(label + ": " + result);
                }
                if (round >= 0) {
                    rates[round] = events / (nanos / 1e9);
                }
            }
            Arrays.sort(rates);
            System.out.printf("%-22s %8d events/batch  median %,10.0f events/s  (min %,.0f, max %,.0f)%n", label,
                    events, rates[rounds / 2], rates[0], rates[rounds - 1]);
        }
    }
}
