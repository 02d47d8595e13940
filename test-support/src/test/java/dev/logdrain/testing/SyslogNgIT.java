package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogNgIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void parsesOctetCountedRfc5424OverTcpAndUdp() throws Exception {
        try (SyslogNg ng = SyslogNg.builder().tcp().udp().start()) {
            String m = "<165>1 2024-01-02T03:04:05.123Z my.host app-1 1234 ID47 [ex@32473 k=\"v\\\"q\"] hello\nsecond é";
            Send.tcp(ng.tcpPort(), Send.octetCounted(m, "<14>1 - h a - - - next"));
            Send.udp(ng.udpPort(), "<13>1 2024-01-02T03:04:05Z h2 udpapp - - - via udp");

            List<ReceivedMessage> got = ng.awaitMessages(3, WAIT);
            ReceivedMessage first = got.stream().filter(r -> r.msgid().equals("ID47")).findFirst().orElseThrow();
            assertThat(first.input()).isEqualTo(Input.TCP);
            assertThat(first.pri()).isEqualTo(165);
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

            ReceivedMessage udp = ng.awaitMessage(r -> r.input() == Input.UDP, WAIT);
            assertThat(udp.appName()).isEqualTo("udpapp");
            assertThat(udp.msg()).isEqualTo("via udp");
        }
    }

    @Test
    void tlsAndMutualTls() throws Exception {
        try (SyslogNg ng = SyslogNg.builder().tls().mutualTls().start()) {
            Send.tls(TestCertificates.clientSslContext(), ng.tlsPort(),
                    Send.octetCounted("<14>1 - h a - - - over tls"));
            Send.tls(TestCertificates.mutualTlsSslContext(), ng.mutualTlsPort(),
                    Send.octetCounted("<14>1 - h a - - - over mutual tls"));
            assertThat(ng.awaitMessages(2, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactlyInAnyOrder("over tls", "over mutual tls");
            try {
                Send.tls(TestCertificates.clientSslContext(), ng.mutualTlsPort(),
                        Send.octetCounted("<14>1 - h a - - - no client cert"));
            } catch (java.io.IOException expected) {
                // refused during or right after the handshake
            }
            assertThat(ng.assertNoMoreThan(2, Duration.ofSeconds(1))).hasSize(2);
        }
    }

    @Test
    void rfc3164OverTcpWithLfFraming() throws Exception {
        try (SyslogNg ng = SyslogNg.builder().rfc3164().start()) {
            Send.tcp(ng.rfc3164TcpPort(), "<13>Jan  2 03:04:05 host-1 myapp[42]: classic\n"
                    .getBytes(StandardCharsets.UTF_8));
            ReceivedMessage m = ng.awaitMessages(1, WAIT).get(0);
            assertThat(m.hostname()).isEqualTo("host-1");
            assertThat(m.appName()).isEqualTo("myapp");
            assertThat(m.procid()).isEqualTo("42");
            assertThat(m.msg()).isEqualTo("classic");
            assertThat(m.input()).isEqualTo(Input.TCP_RFC3164);
        }
    }

    @Test
    void restartKeepsPortAndEarlierMessages() throws Exception {
        try (SyslogNg ng = SyslogNg.builder().tcp().start()) {
            int port = ng.tcpPort();
            Send.tcp(port, Send.octetCounted("<14>1 - h a - - - before"));
            ng.awaitMessages(1, WAIT);
            ng.kill9();
            ng.restart();
            assertThat(ng.tcpPort()).isEqualTo(port);
            Send.tcp(port, Send.octetCounted("<14>1 - h a - - - after"));
            assertThat(ng.awaitMessages(2, WAIT)).extracting(ReceivedMessage::msg)
                    .containsExactly("before", "after");
        }
    }

    @Test
    void relpIsNotOffered() {
        assertThatThrownBy(() -> SyslogNg.builder().input(Input.RELP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bomIsStrippedControlCharactersKept() throws Exception {
        try (SyslogNg ng = SyslogNg.builder().tcp().start()) {
            Send.tcp(ng.tcpPort(), Send.octetCounted("<14>1 - h a - - - \uFEFFbom\u0001ctl\ttab"));
            ReceivedMessage m = ng.awaitMessages(1, WAIT).get(0);
            assertThat(m.msg()).isEqualTo("bom\u0001ctl\ttab"); // syslog-ng drops the BOM
            assertThat(m.raw()).contains("\uFEFFbom");
        }
    }
}
