package dev.logdrain.syslog.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Framing;
import dev.logdrain.syslog.transport.Batches;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static final Framer FRAMER = new Framer(Framing.LF, Framer.Multiline.ESCAPE);

    private static String text(ByteBuffer view) {
        return new String(view.array(), view.position(), view.remaining(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsEarlierBatchesBackToBackWithTheCurrentOne() {
        Journal journal = new Journal(1 << 20);
        FRAMER.frame(Batches.of("a1", "a2"), journal);
        assertThat(text(journal.batch())).isEqualTo("a1\na2\n");
        journal.commitBatch();
        FRAMER.frame(Batches.of("b1"), journal);
        assertThat(text(journal.batch())).isEqualTo("b1\n");
        assertThat(text(journal.all())).isEqualTo("a1\na2\nb1\n");
        assertThat(journal.retainedEvents()).isEqualTo(2);
        assertThat(journal.retainedBytes()).isEqualTo(6);
    }

    @Test
    void forgetsTheOldestBatchesBeyondTheLimitButAlwaysKeepsTheLastOne() {
        Journal journal = new Journal(10);
        for (int b = 0; b < 5; b++) {
            FRAMER.frame(Batches.of("batch" + b), journal); // 7 bytes each
            journal.commitBatch();
        }
        FRAMER.frame(Batches.of("now"), journal);
        // 7 + 7 >= 10 after dropping older ones: the last two stay (14 bytes; dropping one more would leave 7)
        assertThat(text(journal.all())).isEqualTo("batch3\nbatch4\nnow\n");
        Journal tiny = new Journal(0);
        FRAMER.frame(Batches.of("x"), tiny);
        tiny.commitBatch();
        FRAMER.frame(Batches.of("y"), tiny);
        tiny.commitBatch();
        FRAMER.frame(Batches.of("z"), tiny);
        assertThat(text(tiny.all())).isEqualTo("y\nz\n");
    }

    @Test
    void discardDropsOnlyTheCurrentBatch() {
        Journal journal = new Journal(1 << 20);
        FRAMER.frame(Batches.of("kept"), journal);
        journal.commitBatch();
        FRAMER.frame(Batches.of("failed"), journal);
        journal.discardBatch();
        FRAMER.frame(Batches.of("next"), journal);
        assertThat(text(journal.all())).isEqualTo("kept\nnext\n");
        journal.clear();
        FRAMER.frame(Batches.of("fresh"), journal);
        assertThat(text(journal.all())).isEqualTo("fresh\n");
    }

    @Test
    void reclaimsSpaceOfForgottenBatchesWhenItGrows() {
        Journal journal = new Journal(100);
        String big = "y".repeat(30_000);
        for (int b = 0; b < 20; b++) {
            FRAMER.frame(Batches.of(big + b), journal);
            journal.commitBatch();
        }
        FRAMER.frame(Batches.of("last"), journal);
        assertThat(text(journal.all())).isEqualTo(big + 19 + "\nlast\n");
        assertThat(journal.bytes.length).isLessThan(200_000); // compacted rather than grown forever
    }

    @Test
    void tellsWhichEventsOfTheCurrentBatchAWriteReached() {
        Journal journal = new Journal(1 << 20);
        FRAMER.frame(Batches.of("old"), journal);
        journal.commitBatch();
        FRAMER.frame(Batches.of("aa", "bb"), journal); // at offsets 4..7 and 7..10
        ByteBuffer all = journal.all();
        assertThat(journal.eventsStartedBefore(all.position() + 2)).isZero();
        assertThat(journal.eventsStartedBefore(all.position() + 5)).isEqualTo(1);
        assertThat(journal.eventsStartedBefore(all.position() + 8)).isEqualTo(2);
    }
}
