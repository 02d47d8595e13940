package dev.logdrain.syslog.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Sink;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.TestCertificates;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interoperability with a real rsyslog: imudp, imtcp, imtcp with TLS (gtls and ossl drivers). */
@Timeout(300)
class RsyslogIT {

    private static Rsyslog gtls;
    private static Rsyslog ossl;

    @BeforeAll
    static void start() {
        gtls = Rsyslog.builder().udp().tcp().tls().mutualTls().start();
        ossl = Rsyslog.builder().tls().tlsDriver("ossl").start();
    }

    @AfterAll
    static void stop() {
        if (gtls != null) {
            gtls.close();
        }
        if (ossl != null) {
            ossl.close();
        }
    }

    private static String ca() {
        return "ca=" + TestCertificates.caCert();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 10_000})
    void tcpOctetCounted(int count) {
        Interop.sendAndVerify(gtls, gtls.url(Input.TCP), count);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 10_000})
    void tlsWithTheGtlsDriver(int count) {
        Interop.sendAndVerify(gtls, gtls.url(Input.TLS) + "?" + ca(), count);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 10_000})
    void tlsWithTheOsslDriver(int count) {
        Interop.sendAndVerify(ossl, ossl.url(Input.TLS) + "?" + ca(), count);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000})
    void udp(int count) {
        Interop.sendAndVerify(gtls, gtls.url(Input.UDP), count);
    }

    @Test
    void mutualTls() {
        Interop.sendAndVerify(gtls, gtls.url(Input.TLS_MUTUAL) + "?" + ca() + "&cert=" + TestCertificates.clientCert()
                + "&key=" + TestCertificates.clientKey(), 1000);
    }

    @Test
    void mutualTlsWithoutAClientCertificateIsRefused() {
        try (Sink sink = Sinks.create(gtls.url(Input.TLS_MUTUAL) + "?" + ca())) {
            DeliveryResult result = sink.send(Batches.rfc5424(1, 5, 0), Interop.deadline());
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.error()).contains("client certificate");
        }
    }

    /** The forwarder escapes line breaks before it cuts (StockReceiversIT); a record given with one is escaped still. */
    @Test
    void lfFramingNeverLetsALineBreakEndARecord() {
        int before = gtls.messages().size();
        try (Sink escape = Sinks.create(gtls.url(Input.TCP) + "?framing=lf")) {
            assertThat(escape.send(Batches.of(Interop.HEADER + "ev-7-0 one\ntwo"), Interop.deadline()).isSuccess()).isTrue();
        }
        List<ReceivedMessage> got = gtls.awaitMessages(before + 1, Interop.WAIT).subList(before, before + 1);
        assertThat(got).extracting(ReceivedMessage::msgWithoutBom).containsExactly("ev-7-0 one\\ntwo");
        assertThat(got).extracting(ReceivedMessage::appName).containsOnly("app");
    }

    @Test
    void confirmClose() {
        Interop.sendAndVerify(gtls, gtls.url(Input.TLS) + "?" + ca() + "&confirm=close", 1000);
        Interop.sendAndVerify(gtls, gtls.url(Input.TCP) + "?confirm=close", 1000);
    }

    /**
     * rsyslog is stopped and started again during a stream of batches: every event of every batch reported
     * delivered arrives (duplicates allowed), and a batch that could not be delivered says so.
     */
    @Test
    void restartDuringAStreamOfBatches() throws Exception {
        try (Rsyslog server = Rsyslog.builder().tcp().start();
             Sink sink = Sinks.create(server.url(Input.TCP))) {
            Set<String> reported = new HashSet<>();
            CompletableFuture<Void> restart = null;
            int failed = 0;
            for (int b = 0; b < 40; b++) {
                if (b == 10) {
                    restart = CompletableFuture.runAsync(server::restart);
                }
                DeliveryResult result = sink.send(Batches.rfc5424(b, 250, 10), Deadline.after(Duration.ofSeconds(30)));
                if (result.isSuccess()) {
                    reported.addAll(Batches.expectedIds(b, 250));
                } else {
                    failed++;
                    assertThat(result.failed()).isEqualTo(250);
                    assertThat(result.error()).doesNotContain("\n");
                }
                if (b == 10) {
                    restart.get();
                }
            }
            assertThat(sink.send(Batches.rfc5424(99, 1, 0), Interop.deadline()).isSuccess()).isTrue();
            reported.addAll(Batches.expectedIds(99, 1));
            assertThat(failed).isLessThan(5);
            long end = System.nanoTime() + Interop.WAIT.toNanos();
            Set<String> got;
            do {
                got = Batches.ids(server.messages().stream().map(ReceivedMessage::msgWithoutBom).toList());
                if (got.containsAll(reported)) {
                    break;
                }
                Thread.sleep(50);
            } while (System.nanoTime() - end < 0);
            Set<String> missing = new HashSet<>(reported);
            missing.removeAll(got);
            assertThat(missing).as("events reported delivered that never arrived").isEmpty();
        }
    }
}
