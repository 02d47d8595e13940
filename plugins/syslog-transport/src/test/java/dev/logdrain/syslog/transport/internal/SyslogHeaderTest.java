package dev.logdrain.syslog.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyslogHeaderTest {

    private static int header(String message) {
        byte[] b = ("junk" + message).getBytes(StandardCharsets.UTF_8);
        return SyslogHeader.length(b, 4, b.length);
    }

    @Test
    void rfc5424WithNilStructuredData() {
        String h = "<14>1 2024-05-01T12:00:00Z host app 42 - - ";
        assertThat(header(h + "msg")).isEqualTo(h.length());
    }

    @Test
    void rfc5424WithoutMsg() {
        String m = "<14>1 2024-05-01T12:00:00Z host app 42 - -";
        assertThat(header(m)).isEqualTo(m.length());
    }

    @Test
    void rfc5424WithSeveralSdElementsAndEscapes() {
        String h = "<165>1 - h a p m [a@1 x=\"]\" y=\"\\\"\"][b@2] ";
        assertThat(header(h + "text")).isEqualTo(h.length());
    }

    @Test
    void convoxShape() {
        String h = "<22>1 2024-05-01T12:00:00Z /ecs/app web 1234 - - ";
        assertThat(header(h + "hello")).isEqualTo(h.length());
    }

    @Test
    void rfc3164() {
        assertThat(header("<13>May  1 12:00:00 host app[7]: hello")).isEqualTo("<13>May  1 12:00:00 host app[7]: ".length());
        assertThat(header("<13>May 11 12:00:00 host hello world")).isEqualTo("<13>May 11 12:00:00 host ".length());
    }

    @Test
    void unknownShapes() {
        assertThat(header("hello")).isEqualTo(-1);
        assertThat(header("<14>hello")).isEqualTo(-1);
        assertThat(header("<14>1 - h a p m [unclosed")).isEqualTo(-1);
        assertThat(header("<14>1 - h a p m x")).isEqualTo(-1);
    }
}
