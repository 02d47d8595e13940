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
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS against a real peer (openssl s_server) with generated certificates: what must work, and each way
 * it must be refused, with its own one-line error.
 */
@Timeout(120)
class TlsIT {

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30));
    }

    private static Connector connector(String host, int port, String options) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        Destination destination = Destination.parse("tls://" + h + ":" + port + "?" + options);
        return Connector.forDestination(destination, true);
    }

    private static String trustTestCa() {
        return "ca=" + TestCertificates.caCert();
    }

    @Test
    void verifiedHandshakeWithTls13ReportsFacts() throws Exception {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.server());
             Connection connection = connector("localhost", server.port(), trustTestCa()).connect(deadline())) {
            Map<String, String> facts = connection.facts();
            assertThat(facts).containsEntry("protocol", "TLSv1.3").containsEntry("servername", "localhost")
                    .containsEntry("client_certificate", "none").containsKeys("cipher", "handshake_ms", "connect_ms", "not_after");
            assertThat(facts.get("peer")).contains("CN=localhost");
            assertThat(facts.get("peer_names")).contains("DNS:localhost").contains("IP:127.0.0.1");
            assertThat(connection.probe()).isEqualTo(Connection.Status.OPEN);
        }
    }

    @Test
    void tls12ServerIsAccepted() throws Exception {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.server(), "-tls1_2");
             Connection connection = connector("127.0.0.1", server.port(), trustTestCa()).connect(deadline())) {
            assertThat(connection.facts()).containsEntry("protocol", "TLSv1.2");
        }
    }

    @Test
    void ipv6LiteralHost() throws Exception {
        try (OpensslServer server = OpensslServer.start("::1", TestCertificates.server());
             Connection connection = connector("::1", server.port(), trustTestCa()).connect(deadline())) {
            assertThat(connection.facts().get("remote")).isEqualTo("[0:0:0:0:0:0:0:1]:" + server.port());
        }
    }

    @Test
    void wrongHostnameIsRefused() {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.wrongName())) {
            assertThatThrownBy(() -> connector("localhost", server.port(), trustTestCa()).connect(deadline()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("name mismatch").hasMessageContaining("DNS:wrong.example")
                    .hasMessageContaining("not 'localhost'").hasMessageNotContaining("\n");
        }
    }

    @Test
    void servernameIsWhatGetsVerified() throws Exception {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.wrongName())) {
            try (Connection connection = connector("127.0.0.1", server.port(), trustTestCa() + "&servername=wrong.example")
                    .connect(deadline())) {
                assertThat(connection.facts()).containsEntry("servername", "wrong.example");
            }
        }
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.server())) {
            // a certificate valid for the host (127.0.0.1) but not for servername must not pass
            assertThatThrownBy(() -> connector("127.0.0.1", server.port(), trustTestCa() + "&servername=other.example")
                    .connect(deadline()))
                    .hasMessageContaining("name mismatch").hasMessageContaining("not 'other.example'");
        }
    }

    @Test
    void unknownCaIsRefused() {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.unknownCa())) {
            assertThatThrownBy(() -> connector("localhost", server.port(), trustTestCa()).connect(deadline()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("untrusted issuer").hasMessageContaining("ca=" + TestCertificates.caCert())
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void theJdkTrustStoreIsTheDefault() {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.server())) {
            assertThatThrownBy(() -> connector("localhost", server.port(), "").connect(deadline()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("untrusted issuer").hasMessageContaining("the JDK trust store");
        }
    }

    @Test
    void expiredCertificateIsRefused() {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.expired())) {
            assertThatThrownBy(() -> connector("localhost", server.port(), trustTestCa()).connect(deadline()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("certificate expired").hasMessageContaining("2021-01-01")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void clientCertificateRequiredButNotGivenIsRefused() {
        for (String protocol : new String[] {"-tls1_3", "-tls1_2"}) {
            try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.server(), protocol,
                    "-Verify", "1", "-CAfile", TestCertificates.caCert().toString())) {
                assertThatThrownBy(() -> connector("localhost", server.port(), trustTestCa()).connect(deadline()))
                        .as(protocol)
                        .isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("client certificate required").hasMessageNotContaining("\n");
            }
        }
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() throws Exception {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.server(),
                "-Verify", "1", "-CAfile", TestCertificates.caCert().toString());
             Connection connection = connector("localhost", server.port(), trustTestCa()
                     + "&cert=" + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey()).connect(deadline())) {
            assertThat(connection.facts().get("client_certificate")).contains("CN=logdrain-client");
        }
    }

    @Test
    void aServerSpeakingOnlyTls11IsRefused() {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.server(), "-tls1_1",
                "-cipher", "DEFAULT@SECLEVEL=0")) {
            assertThatThrownBy(() -> connector("localhost", server.port(), trustTestCa()).connect(deadline()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("protocol: the server offers no TLS version logdrain accepts")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void theSinkFailsATlsBatchAtOnceWithoutRetryingAndWithoutSecrets() {
        try (OpensslServer server = OpensslServer.start("127.0.0.1", TestCertificates.expired());
             Sink sink = Sinks.create("tls://user:hunter2@localhost:" + server.port() + "?" + trustTestCa()
                     + "&connecttimeout=5s")) {
            DeliveryResult result = sink.send(Batches.rfc5424(1, 10, 0), Deadline.after(Duration.ofSeconds(60)));
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.failed()).isEqualTo(10);
            assertThat(result.retries()).isZero();
            assertThat(result.error()).startsWith("TLS handshake with localhost:" + server.port() + " failed: certificate expired")
                    .doesNotContain("hunter2").doesNotContain("user").doesNotContain("\n");
        }
    }
}
