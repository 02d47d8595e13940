package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyslogNgIT extends SyslogServerContract {
    @Override
    SyslogNg start(Input... inputs) {
        return SyslogNg.builder().input(inputs).start();
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

    @Override
    String rfc3164Msg() {
        return "classic";
    }
}
