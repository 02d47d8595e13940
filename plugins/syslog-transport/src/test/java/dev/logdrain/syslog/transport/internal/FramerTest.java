package dev.logdrain.syslog.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.syslog.transport.Batches;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramerTest {

    private static String frame(Framer framer, String... messages) {
        Journal out = new Journal(0);
        framer.frame(Batches.of(messages), out);
        return new String(out.bytes, 0, out.length, StandardCharsets.UTF_8);
    }

    @Test
    void octetCountingCountsBytesNotCharacters() {
        Framer framer = new Framer(Framer.Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE);
        assertThat(frame(framer, "abc", "wörld", "two\nlines", ""))
                .isEqualTo("3 abc6 wörld9 two\nlines0 ");
    }

    @Test
    void octetCountingHandlesLongMessages() {
        Framer framer = new Framer(Framer.Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE);
        String big = "y".repeat(123_456);
        assertThat(frame(framer, big)).isEqualTo("123456 " + big);
    }

    @Test
    void lfEscapesLineBreaksSoAMessageCannotForgeAnother() {
        Framer framer = new Framer(Framer.Framing.LF, Framer.Multiline.ESCAPE);
        String forged = "<14>1 - host app - - - ok\n<11>1 - evil app - - - forged\r\nend";
        String framed = frame(framer, forged, "plain");
        assertThat(framed).isEqualTo("<14>1 - host app - - - ok\\n<11>1 - evil app - - - forged\\r\\nend\nplain\n");
        assertThat(framed.split("\n")).hasSize(2);
    }

    @Test
    void crlfEndsRecordsWithCrLf() {
        Framer framer = new Framer(Framer.Framing.CRLF, Framer.Multiline.ESCAPE);
        assertThat(frame(framer, "a\rb", "c")).isEqualTo("a\\rb\r\nc\r\n");
    }

    @Test
    void splitRepeatsTheRfc5424HeaderOnEveryLine() {
        Framer framer = new Framer(Framer.Framing.LF, Framer.Multiline.SPLIT);
        String message = "<14>1 2024-05-01T12:00:00Z host app 42 - [m@1 a=\"x] \\\"y\"] first\n  second\r\n\nthird";
        assertThat(frame(framer, message)).isEqualTo(
                "<14>1 2024-05-01T12:00:00Z host app 42 - [m@1 a=\"x] \\\"y\"] first\n"
                        + "<14>1 2024-05-01T12:00:00Z host app 42 - [m@1 a=\"x] \\\"y\"]   second\n"
                        + "<14>1 2024-05-01T12:00:00Z host app 42 - [m@1 a=\"x] \\\"y\"] third\n");
    }

    @Test
    void splitRepeatsTheRfc3164HeaderWithTag() {
        Framer framer = new Framer(Framer.Framing.CRLF, Framer.Multiline.SPLIT);
        assertThat(frame(framer, "<13>May  1 12:00:00 host app[7]: one\ntwo"))
                .isEqualTo("<13>May  1 12:00:00 host app[7]: one\r\n<13>May  1 12:00:00 host app[7]: two\r\n");
    }

    @Test
    void splitEscapesAMessageWithoutAKnownHeaderInsteadOfLettingALineForgeOne() {
        Framer framer = new Framer(Framer.Framing.LF, Framer.Multiline.SPLIT);
        assertThat(frame(framer, "no header\n<11>1 - evil - - - - forged"))
                .isEqualTo("no header\\n<11>1 - evil - - - - forged\n");
    }

    @Test
    void splitKeepsAMessageOfOnlyLineBreaksAsOneRecord() {
        Framer framer = new Framer(Framer.Framing.LF, Framer.Multiline.SPLIT);
        assertThat(frame(framer, "<14>1 - h a - - - \n\n")).isEqualTo("<14>1 - h a - - - \n");
    }

    @Test
    void recordsWhereEachEventEnds() {
        Framer framer = new Framer(Framer.Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE);
        Journal out = new Journal(0);
        framer.frame(Batches.of("aa", "bbb", "c"), out);
        // "2 aa" "3 bbb" "1 c"
        assertThat(out.events()).isEqualTo(3);
        assertThat(out.eventEnd(0)).isEqualTo(4);
        assertThat(out.eventEnd(1)).isEqualTo(9);
        assertThat(out.eventEnd(2)).isEqualTo(12);
        assertThat(out.eventsStartedBefore(0)).isZero();
        assertThat(out.eventsStartedBefore(1)).isEqualTo(1);
        assertThat(out.eventsStartedBefore(4)).isEqualTo(1);
        assertThat(out.eventsStartedBefore(5)).isEqualTo(2);
        assertThat(out.eventsStartedBefore(12)).isEqualTo(3);
    }
}
