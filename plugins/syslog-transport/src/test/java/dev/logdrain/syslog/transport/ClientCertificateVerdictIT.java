package dev.logdrain.syslog.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Sink;
import dev.logdrain.net.Connection;
import dev.logdrain.net.Connector;
import dev.logdrain.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client certificate the server refuses: under TLS 1.3 the refusal (an alert) arrives after our
 * handshake has finished, so a connection counts as made only once the server's verdict is in.
 */
@Timeout(180)
class ClientCertificateVerdictIT {

    private static String clientCertificate() {
        return "ca=" + TestCertificates.caCert() + "&cert=" + TestCertificates.clientCert()
                + "&key=" + TestCertificates.clientKey() + "&connecttimeout=10s";
    }

    /** A server that trusts only the other CA for client certificates, so it refuses ours (unknown_ca). */
    private static OpensslServer refusingServer(String protocol, String... extra) {
        return verifyingServer(TestCertificates.otherCaCert(), protocol, extra);
    }

    private static OpensslServer acceptingServer(String protocol, String... extra) {
        return verifyingServer(TestCertificates.caCert(), protocol, extra);
    }

    private static OpensslServer verifyingServer(Path clientCa, String protocol, String... extra) {
        List<String> args = new ArrayList<>(List.of(protocol, "-Verify", "1",
                "-verify_return_error", "-CAfile", clientCa.toString()));
        args.addAll(List.of(extra));
        return OpensslServer.start("127.0.0.1", TestCertificates.server(), args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void aRefusedClientCertificateFailsTheConnectionAndNamesTheAlert(String protocol) {
        try (OpensslServer server = refusingServer(protocol)) {
            Connector connector = Connector.forDestination(
                    Destination.parse("tls://localhost:" + server.port() + "?" + clientCertificate()), true);
            assertThatThrownBy(() -> connector.connect(Deadline.after(Duration.ofSeconds(30))))
                    .as(protocol)
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("client certificate refused")
                    .hasMessageContaining("TLS alert unknown_ca")
                    .hasMessageNotContaining("\n");
        }
    }

    @ParameterizedTest
    @CsvSource({"-tls1_3,none", "-tls1_3,close", "-tls1_2,none", "-tls1_2,close"})
    void aBatchToAServerThatRefusesTheClientCertificateFails(String protocol, String confirm) {
        try (OpensslServer server = refusingServer(protocol);
             Sink sink = Sinks.create("tls://localhost:" + server.port() + "?" + clientCertificate()
                     + "&confirm=" + confirm)) {
            DeliveryResult result = sink.send(Batches.rfc5424(1, 6, 0), Deadline.after(Duration.ofSeconds(30)));
            assertThat(result.isSuccess()).as(protocol + " confirm=" + confirm).isFalse();
            assertThat(result.delivered()).isZero();
            assertThat(result.failed()).isEqualTo(6);
            assertThat(result.error()).contains("client certificate refused").contains("TLS alert unknown_ca")
                    .doesNotContain("\n");
            assertThat(server.output()).doesNotContain(Batches.id(1, 0));
        }
    }

    @ParameterizedTest
    @CsvSource({"-tls1_3,none", "-tls1_3,close", "-tls1_2,none", "-tls1_2,close"})
    void aServerThatAcceptsTheClientCertificateGetsTheBatch(String protocol, String confirm) throws Exception {
        try (OpensslServer server = acceptingServer(protocol);
             Sink sink = Sinks.create("tls://localhost:" + server.port() + "?" + clientCertificate()
                     + "&confirm=" + confirm)) {
            DeliveryResult result = sink.send(Batches.rfc5424(1, 6, 0), Deadline.after(Duration.ofSeconds(30)));
            assertThat(result.isSuccess()).as(protocol + " confirm=" + confirm + ": " + result.error()).isTrue();
            assertThat(result.delivered()).isEqualTo(6);
            awaitOutput(server, Batches.id(1, 5));
        }
    }

    /** OpenSSL sends its session tickets after it checked the client certificate: the verdict needs no wait. */
    @Test
    void underTls13TheServersFirstRecordIsTheVerdict() throws Exception {
        try (OpensslServer server = acceptingServer("-tls1_3");
             Connection connection = connect(server)) {
            assertThat(connection.facts().get("client_certificate_verdict")).startsWith("accepted: the server's first record");
            assertThat(connection.probe()).isEqualTo(Connection.Status.OPEN);
        }
    }

    /** No ticket (as GnuTLS) or TLS 1.2: silence for a bounded wait is taken as acceptance, and the batch goes. */
    @ParameterizedTest
    @CsvSource({"-tls1_3,-num_tickets,0", "-tls1_2,-num_tickets,2"})
    void aSilentServerIsTakenAsAcceptingAfterABoundedWait(String protocol, String option, String value) throws Exception {
        try (OpensslServer server = acceptingServer(protocol, option, value);
             Connection connection = connect(server)) {
            assertThat(connection.facts().get("client_certificate_verdict")).as(protocol)
                    .startsWith("no alert and no close within").endsWith("taken as accepted");
            assertThat(connection.probe()).isEqualTo(Connection.Status.OPEN);
        }
    }

    private static Connection connect(OpensslServer server) throws IOException {
        return Connector.forDestination(Destination.parse("tls://localhost:" + server.port() + "?" + clientCertificate()),
                true).connect(Deadline.after(Duration.ofSeconds(30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void aWarmConnectionIsReusedWithoutAnotherHandshakeOrVerdict(String protocol) throws Exception {
        try (OpensslServer server = acceptingServer(protocol, "-msg");
             Sink sink = Sinks.create("tls://localhost:" + server.port() + "?" + clientCertificate())) {
            for (int batch = 1; batch <= 3; batch++) {
                DeliveryResult result = sink.send(Batches.rfc5424(batch, 6, 0), Deadline.after(Duration.ofSeconds(30)));
                assertThat(result.isSuccess()).as(result.error()).isTrue();
            }
            awaitOutput(server, Batches.id(3, 5));
            assertThat(server.output().split("ClientHello", -1)).as("handshakes").hasSize(2);
        }
    }

    private static void awaitOutput(OpensslServer server, String text) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.output().contains(text) && System.nanoTime() - end < 0) {
            Thread.sleep(20);
        }
        assertThat(server.output()).contains(text);
    }
}
