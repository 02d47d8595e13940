package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyslogNgIT extends SyslogServerContract {
    @Override
    SyslogNg start(Input... inputs) {
        return SyslogNg.builder().input(inputs).start();
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
