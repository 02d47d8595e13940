package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** What every {@link SyslogServer} must do, whichever real server runs it; {@link RsyslogIT}, {@link SyslogNgIT}. */
abstract class SyslogServerContract {
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Starts the server under test with these inputs. */
    abstract SyslogServer start(Input... inputs);

    /** The MSG the server reads from {@code myapp[42]: classic} in RFC 3164 (rsyslog keeps the space). */
    abstract String rfc3164Msg();

    @Test
    void parsesRfc3164OverTcpWithLfFraming() throws Exception {
        try (SyslogServer server = start(Input.TCP_RFC3164)) {
            Send.tcp(server.rfc3164TcpPort(), "<13>Jan  2 03:04:05 host-1 myapp[42]: classic\n"
                    .getBytes(StandardCharsets.UTF_8));
            ReceivedMessage m = server.awaitMessages(1, WAIT).get(0);
            assertThat(m.hostname()).isEqualTo("host-1");
            assertThat(m.appName()).isEqualTo("myapp");
            assertThat(m.procid()).isEqualTo("42");
            assertThat(m.msg()).isEqualTo(rfc3164Msg());
            assertThat(m.input()).isEqualTo(Input.TCP_RFC3164);
        }
    }

    @Test
    void parsesOctetCountedRfc5424OverTcpAndUdp() throws Exception {
        try (SyslogServer server = start(Input.TCP, Input.UDP)) {
            String m = "<165>1 2024-01-02T03:04:05.123Z my.host app-1 1234 ID47 [ex@32473 k=\"v\\\"q\"] hello\nsecond é";
            Send.tcp(server.tcpPort(), Send.octetCounted(m, "<14>1 - h a - - - next"));
            Send.udp(server.udpPort(), "<13>1 2024-01-02T03:04:05Z h2 udpapp - - - via udp");

            List<ReceivedMessage> got = server.awaitMessages(3, WAIT);
            ReceivedMessage first = got.stream().filter(r -> r.msgid().equals("ID47")).findFirst().orElseThrow();
            assertThat(first.input()).isEqualTo(Input.TCP);
            assertThat(first.pri()).isEqualTo(165);
            assertThat(first.facility()).isEqualTo(20);
            assertThat(first.severity()).isEqualTo(5);
            assertThat(first.hostname()).isEqualTo("my.host");
            assertThat(first.appName()).isEqualTo("app-1");
            assertThat(first.procid()).isEqualTo("1234");
            assertThat(first.structuredData()).isEqualTo("[ex@32473 k=\"v\\\"q\"]");
            assertThat(first.instant()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
            assertThat(first.msg()).isEqualTo("hello\nsecond é");
            assertThat(first.raw()).isEqualTo(m);

            ReceivedMessage second = got.stream().filter(r -> r.msg().equals("next")).findFirst().orElseThrow();
            assertThat(second.procid()).isEqualTo("-");
            assertThat(second.msgid()).isEqualTo("-");
            assertThat(second.structuredData()).isEqualTo("-");

            ReceivedMessage udp = server.awaitMessage(r -> r.input() == Input.UDP, WAIT);
            assertThat(udp.appName()).isEqualTo("udpapp");
            assertThat(udp.msg()).isEqualTo("via udp");
        }
    }

    @Test
    void restartKeepsPortAndEarlierMessages() throws Exception {
        try (SyslogServer server = start(Input.TCP, Input.UDP)) {
            int port = server.tcpPort();
            long pid = server.pid();
            Send.tcp(port, Send.octetCounted("<14>1 - h a - - - before"));
            server.awaitMessages(1, WAIT);

            server.kill9();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> Send.tcp(port, Send.octetCounted("<14>1 - h a - - - lost")))
                    .isInstanceOf(java.net.ConnectException.class);

            server.restart();
            assertThat(server.tcpPort()).isEqualTo(port);
            assertThat(server.pid()).isNotEqualTo(pid);
            Send.tcp(port, Send.octetCounted("<14>1 - h a - - - after"));
            assertThat(server.awaitMessages(2, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactly("before", "after");

            server.stop();
            server.restart();
            Send.udp(server.udpPort(), "<14>1 - h a - - - after stop");
            assertThat(server.awaitMessages(3, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactly("before", "after", "after stop");
        }
    }

    @Test
    void tlsAndMutualTlsWithTheTestCa() throws Exception {
        try (SyslogServer server = start(Input.TLS, Input.TLS_MUTUAL)) {
            Send.tls(TestCertificates.clientSslContext(), server.tlsPort(),
                    Send.octetCounted("<14>1 - h a - - - over tls"));
            Send.tls(TestCertificates.mutualTlsSslContext(), server.mutualTlsPort(),
                    Send.octetCounted("<14>1 - h a - - - over mutual tls"));
            assertThat(server.awaitMessages(2, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactlyInAnyOrder("over tls", "over mutual tls");

            // Without a client certificate the mutual input refuses the session.
            try {
                Send.tls(TestCertificates.clientSslContext(), server.mutualTlsPort(),
                        Send.octetCounted("<14>1 - h a - - - no client cert"));
            } catch (java.io.IOException expected) {
                // handshake or post-handshake alert, depending on TLS version
            }
            // A client that trusts only another CA rejects the server.
            SSLContext wrongTrust = TestCertificates.sslContext(null, TestCertificates.otherCaCert());
            assertThatThrownBy(() -> Send.tls(wrongTrust, server.tlsPort(), new byte[0]))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(server.assertNoMoreThan(2, Duration.ofSeconds(1))).hasSize(2);
        }
    }

    @Test
    void unknownInputIsAClearError() {
        try (SyslogServer server = start(Input.UDP)) {
            assertThatThrownBy(server::tcpPort).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("UDP");
            assertThat(server.url(Input.UDP)).isEqualTo("udp://127.0.0.1:" + server.udpPort());
        }
    }
}
