package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class RsyslogIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void parsesOctetCountedRfc5424OverTcpAndUdp() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().udp().start()) {
            String m = "<165>1 2024-01-02T03:04:05.123Z my.host app-1 1234 ID47 [ex@32473 k=\"v\\\"q\"] hello\nsecond é";
            Send.tcp(rsyslog.tcpPort(), Send.octetCounted(m, "<14>1 - h a - - - next"));
            Send.udp(rsyslog.udpPort(), "<13>1 2024-01-02T03:04:05Z h2 udpapp - - - via udp");

            List<ReceivedMessage> got = rsyslog.awaitMessages(3, WAIT);
            ReceivedMessage first = got.stream().filter(r -> r.input() == Input.TCP).findFirst().orElseThrow();
            assertThat(first.pri()).isEqualTo(165);
            assertThat(first.facility()).isEqualTo(20);
            assertThat(first.severity()).isEqualTo(5);
            assertThat(first.hostname()).isEqualTo("my.host");
            assertThat(first.appName()).isEqualTo("app-1");
            assertThat(first.procid()).isEqualTo("1234");
            assertThat(first.msgid()).isEqualTo("ID47");
            assertThat(first.structuredData()).isEqualTo("[ex@32473 k=\"v\\\"q\"]");
            assertThat(first.instant()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
            assertThat(first.msg()).isEqualTo("hello\nsecond é");
            assertThat(first.raw()).isEqualTo(m);

            ReceivedMessage second = got.stream().filter(r -> r.msg().equals("next")).findFirst().orElseThrow();
            assertThat(second.procid()).isEqualTo("-");
            assertThat(second.msgid()).isEqualTo("-");
            assertThat(second.structuredData()).isEqualTo("-");

            ReceivedMessage udp = rsyslog.awaitMessage(r -> r.input() == Input.UDP, WAIT);
            assertThat(udp.appName()).isEqualTo("udpapp");
            assertThat(udp.msg()).isEqualTo("via udp");
        }
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
    void restartKeepsPortAndEarlierMessages() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().udp().start()) {
            int port = rsyslog.tcpPort();
            long pid = rsyslog.pid();
            Send.tcp(port, Send.octetCounted("<14>1 - h a - - - before"));
            rsyslog.awaitMessages(1, WAIT);

            rsyslog.kill9();
            assertThat(rsyslog.isRunning()).isFalse();
            assertThatThrownBy(() -> Send.tcp(port, Send.octetCounted("<14>1 - h a - - - lost")))
                    .isInstanceOf(java.net.ConnectException.class);

            rsyslog.restart();
            assertThat(rsyslog.tcpPort()).isEqualTo(port);
            assertThat(rsyslog.pid()).isNotEqualTo(pid);
            Send.tcp(port, Send.octetCounted("<14>1 - h a - - - after"));
            assertThat(rsyslog.awaitMessages(2, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactly("before", "after");

            rsyslog.stop();
            rsyslog.restart();
            Send.udp(rsyslog.udpPort(), "<14>1 - h a - - - after stop");
            assertThat(rsyslog.awaitMessages(3, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactly("before", "after", "after stop");
        }
    }

    @Test
    void tlsHandshakeWithTestCaAndHostnameVerification() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().tls().mutualTls().start()) {
            Send.tls(TestCertificates.clientSslContext(), rsyslog.tlsPort(),
                    Send.octetCounted("<14>1 - h a - - - over tls"));
            Send.tls(TestCertificates.mutualTlsSslContext(), rsyslog.mutualTlsPort(),
                    Send.octetCounted("<14>1 - h a - - - over mutual tls"));
            assertThat(rsyslog.awaitMessages(2, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactlyInAnyOrder("over tls", "over mutual tls");

            // Without a client certificate the mutual input refuses the session.
            try {
                Send.tls(TestCertificates.clientSslContext(), rsyslog.mutualTlsPort(),
                        Send.octetCounted("<14>1 - h a - - - no client cert"));
            } catch (java.io.IOException expected) {
                // handshake or post-handshake alert, depending on TLS version
            }
            // A client that trusts only another CA rejects the server.
            SSLContext wrongTrust = TestCertificates.sslContext(null, TestCertificates.otherCaCert());
            assertThatThrownBy(() -> Send.tls(wrongTrust, rsyslog.tlsPort(), new byte[0]))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(rsyslog.assertNoMoreThan(2, Duration.ofSeconds(1))).hasSize(2);
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

    @Test
    void rfc3164Input() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.builder().rfc3164().start()) {
            Send.tcp(rsyslog.rfc3164TcpPort(), "<13>Jan  2 03:04:05 host-1 myapp[42]: classic\n"
                    .getBytes(StandardCharsets.UTF_8));
            Send.udp(rsyslog.rfc3164UdpPort(), "<13>Jan  2 03:04:05 host-2 other: by udp");
            List<ReceivedMessage> got = rsyslog.awaitMessages(2, WAIT);
            ReceivedMessage tcp = got.stream().filter(r -> r.input() == Input.TCP_RFC3164).findFirst().orElseThrow();
            assertThat(tcp.hostname()).isEqualTo("host-1");
            assertThat(tcp.appName()).isEqualTo("myapp");
            assertThat(tcp.procid()).isEqualTo("42");
            assertThat(tcp.msg()).isEqualTo(" classic");
            ReceivedMessage udp = got.stream().filter(r -> r.input() == Input.UDP_RFC3164).findFirst().orElseThrow();
            assertThat(udp.hostname()).isEqualTo("host-2");
        }
    }

    @Test
    void unknownInputIsAClearError() {
        try (Rsyslog rsyslog = Rsyslog.builder().udp().start()) {
            assertThatThrownBy(rsyslog::tcpPort).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("UDP");
            assertThat(rsyslog.url(Input.UDP)).isEqualTo("udp://127.0.0.1:" + rsyslog.udpPort());
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
