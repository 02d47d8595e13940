package dev.logdrain.syslog.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Framing;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.RecordRules;
import dev.logdrain.syslog.transport.Batches;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramerTest {

    private static String frame(Framer framer, String... messages) {
        Journal out = new Journal(0);
        framer.frame(Batches.of(messages), out);
        return JournalTest.text(out.all());
    }

    @Test
    void octetCountingCountsBytesNotCharacters() {
        Framer framer = new Framer(Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE);
        assertThat(frame(framer, "abc", "wörld", "two\nlines", ""))
                .isEqualTo("3 abc6 wörld9 two\nlines0 ");
    }

    @Test
    void octetCountingHandlesLongMessages() {
        Framer framer = new Framer(Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE);
        String big = "y".repeat(123_456);
        assertThat(frame(framer, big)).isEqualTo("123456 " + big);
    }

    @Test
    void lfEscapesLineBreaksSoAMessageCannotForgeAnother() {
        Framer framer = new Framer(Framing.LF, Framer.Multiline.ESCAPE);
        String forged = "<14>1 - host app - - - ok\n<11>1 - evil app - - - forged\r\nend";
        String framed = frame(framer, forged, "plain");
        assertThat(framed).isEqualTo("<14>1 - host app - - - ok\\n<11>1 - evil app - - - forged\\r\\nend\nplain\n");
        assertThat(framed.split("\n")).hasSize(2);
    }

    @Test
    void crlfEndsRecordsWithCrLf() {
        Framer framer = new Framer(Framing.CRLF, Framer.Multiline.ESCAPE);
        assertThat(frame(framer, "a\rb", "c")).isEqualTo("a\\rb\r\nc\r\n");
    }

    @Test
    void everyRecordOfAnEventIsFramedAloneAndTheEventEndsAfterItsLast() {
        Framer framer = new Framer(Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE);
        byte[] data = "aabbbc".getBytes(StandardCharsets.UTF_8);
        MessageBatch batch = new MessageBatch(Batches.of("x", "y").origin(), 0, data, new int[] {5, 6}, 2,
                new int[] {2, 5, 6}, new int[] {0, 2, 3});
        Journal out = new Journal(0);
        framer.frame(batch, out);
        assertThat(JournalTest.text(out.all())).isEqualTo("2 aa3 bbb1 c");
        assertThat(out.events()).isEqualTo(2);
        assertThat(out.eventEnd(0)).isEqualTo(9);
    }

    @Test
    void aPartWithRecordArraysButOneRecordPerMessageFramesLikeAPlainOne() {
        Framer framer = new Framer(Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE);
        byte[] data = "aabbbc".getBytes(StandardCharsets.UTF_8);
        MessageBatch plain = new MessageBatch(Batches.of("x", "y", "z").origin(), 0, data, new int[] {2, 5, 6}, 3);
        MessageBatch withRecords = new MessageBatch(plain.origin(), 0, data, new int[] {2, 5, 6}, 3,
                new int[] {0, 0, 0, 2, 5, 6}, new int[] {3, 4, 5, 6}); // a later part: its records start at 3
        assertThat(withRecords.oneRecordEach()).isTrue();
        for (MessageBatch batch : new MessageBatch[] {plain, withRecords}) {
            Journal out = new Journal(0);
            framer.frame(batch, out);
            assertThat(JournalTest.text(out.all())).isEqualTo("2 aa3 bbb1 c");
            assertThat(out.eventEnd(1)).isEqualTo(9);
        }
    }

    @Test
    void declaresWhatTheForwarderMustDoBeforeCutting() {
        assertThat(new Framer(Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE).recordRules())
                .isEqualTo(new RecordRules(RecordRules.LineBreaks.KEEP, 0, true));
        assertThat(new Framer(Framing.LF, Framer.Multiline.ESCAPE).recordRules())
                .isEqualTo(new RecordRules(RecordRules.LineBreaks.ESCAPE, 0, true));
        assertThat(new Framer(Framing.CRLF, Framer.Multiline.SPLIT).recordRules())
                .isEqualTo(new RecordRules(RecordRules.LineBreaks.SPLIT, 1, true));
    }

    @Test
    void recordsWhereEachEventEnds() {
        Framer framer = new Framer(Framing.OCTET_COUNTING, Framer.Multiline.ESCAPE);
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
