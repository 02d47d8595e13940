package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsyslogIT extends SyslogServerContract {
    @Override
    Rsyslog start(Input... inputs) {
        return Rsyslog.builder().input(inputs).start();
    }

    @Test
    void acceptsLfFramingAndLargeOctetCountedMessages() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            String big = "x".repeat(300_000);
            byte[] lf = "<14>1 - h a - - - lf framed\n".getBytes(StandardCharsets.UTF_8);
            Send.tcp(rsyslog.tcpPort(), lf);
            Send.tcp(rsyslog.tcpPort(), Send.octetCounted("<14>1 - h a - - - " + big));
            List<ReceivedMessage> got = rsyslog.awaitMessages(2, WAIT);
            assertThat(got).extracting(ReceivedMessage::msg).contains("lf framed", big);
            assertThat(rsyslog.assertNoMoreThan(2, Duration.ofMillis(500))).hasSize(2);
        }
    }

    @Test
    void servesAnExpiredCertificateWhenAsked() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().serverCertificate(TestCertificates.expired()).tls().start()) {
            assertThatThrownBy(() -> Send.tls(TestCertificates.clientSslContext(), rsyslog.tlsPort(), new byte[0]))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                    .hasRootCauseInstanceOf(java.security.cert.CertificateExpiredException.class);
        }
    }

    @Test
    void relpPlain() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start()) {
            String answers = Send.relp(rsyslog.relpPort(), "<14>1 - h a - - - via relp", "<14>1 - h a - - - two");
            assertThat(answers).contains("rsp").contains("200 OK");
            assertThat(rsyslog.awaitMessages(2, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactly("via relp", "two");
            assertThat(rsyslog.messages().get(0).input()).isEqualTo(Input.RELP);
        }
    }

    @Test
    void relpTlsPortAcceptsTlsHandshake() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().relpTls().start()) {
            // Only the TLS handshake here; RELP over TLS is the RELP sink's business.
            Send.tls(TestCertificates.clientSslContext(), rsyslog.relpTlsPort(), new byte[0]);
        }
    }

    @Override
    String rfc3164Msg() {
        return " classic";
    }

    @Test
    void rfc3164OverUdp() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().rfc3164().start()) {
            Send.udp(rsyslog.rfc3164UdpPort(), "<13>Jan  2 03:04:05 host-2 other: by udp");
            ReceivedMessage udp = rsyslog.awaitMessages(1, WAIT).get(0);
            assertThat(udp.input()).isEqualTo(Input.UDP_RFC3164);
            assertThat(udp.hostname()).isEqualTo("host-2");
        }
    }

    @Test
    void awaitTimesOutWithDiagnostics() {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            assertThatThrownBy(() -> rsyslog.awaitMessages(1, Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("received 0 of 1")
                    .hasMessageContaining("rsyslog");
        }
    }

    @Test
    void portTakenByAnotherProcessIsReplacedOnStartAndReportedOnRestart() throws Exception {
        RealServers.assumeRsyslog();
        Rsyslog rsyslog = Rsyslog.builder().tcp().udp().build();
        try {
            int taken = rsyslog.tcpPort();
            try (java.net.ServerSocket thief = new java.net.ServerSocket()) {
                thief.bind(new java.net.InetSocketAddress("127.0.0.1", taken));
                rsyslog.launch(true);
                assertThat(rsyslog.tcpPort()).isNotEqualTo(taken);
                Send.tcp(rsyslog.tcpPort(), Send.octetCounted("<14>1 - h a - - - moved"));
                assertThat(rsyslog.awaitMessages(1, WAIT).get(0).msg()).isEqualTo("moved");

                rsyslog.kill9();
                try (java.net.ServerSocket thief2 = new java.net.ServerSocket()) {
                    thief2.bind(new java.net.InetSocketAddress("127.0.0.1", rsyslog.tcpPort()));
                    assertThatThrownBy(rsyslog::restart).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("address already in use");
                }
            }
        } finally {
            rsyslog.close();
        }
        assertThat(rsyslog.isRunning()).isFalse();
    }

    @Test
    void opensslDriverAndBomAndControlCharacters() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().tlsDriver("ossl").tls().start()) {
            Send.tls(TestCertificates.clientSslContext(), rsyslog.tlsPort(),
                    Send.octetCounted("<14>1 - h a - - - \uFEFFbom\u0001ctl\ttab"));
            ReceivedMessage m = rsyslog.awaitMessages(1, WAIT).get(0);
            assertThat(m.msg()).isEqualTo("\uFEFFbom\u0001ctl\ttab"); // rsyslog keeps the BOM
            assertThat(m.msgWithoutBom()).isEqualTo("bom\u0001ctl\ttab");
            assertThat(m.input()).isEqualTo(Input.TLS);
        }
    }

    @Test
    void relpTlsRequiringClientCertificate() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().relpTls(TestCertificates.server(), TlsAuth.CERT_VALID).start()) {
            Send.tls(TestCertificates.mutualTlsSslContext(), rsyslog.relpTlsPort(), new byte[0]);
            // librelp rejects a client without certificate by closing the connection, without a TLS alert.
            assertThat(Send.tlsRefused(TestCertificates.clientSslContext(), rsyslog.relpTlsPort(),
                    "1 open 0\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
            assertThat(rsyslog.configFile()).content().contains("tls.authMode=\"certvalid\"");
        }
    }

    @Test
    void manyMessagesArriveInOrder() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            String[] msgs = new String[5000];
            for (int i = 0; i < msgs.length; i++) {
                msgs[i] = "<14>1 - h a - - - n" + i;
            }
            Send.tcp(rsyslog.tcpPort(), Send.octetCounted(msgs));
            List<ReceivedMessage> got = rsyslog.awaitMessages(msgs.length, WAIT);
            for (int i = 0; i < msgs.length; i++) {
                assertThat(got.get(i).msg()).isEqualTo("n" + i);
            }
        }
    }
}
