package dev.logdrain.syslog.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Framing;
import dev.logdrain.syslog.transport.Batches;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static final Framer FRAMER = new Framer(Framing.LF, Framer.Multiline.ESCAPE);

    /** The bytes of the views, in order (the way the sink writes them). */
    static String text(List<ByteBuffer> views) {
        StringBuilder b = new StringBuilder();
        for (ByteBuffer view : views) {
            byte[] bytes = new byte[view.remaining()];
            view.duplicate().get(bytes);
            b.append(new String(bytes, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static String batch(Journal journal) {
        return text(journal.from(journal.batchStart()));
    }

    @Test
    void keepsEarlierBatchesBackToBackWithTheCurrentOne() {
        Journal journal = new Journal(1 << 20);
        FRAMER.frame(Batches.of("a1", "a2"), journal);
        assertThat(batch(journal)).isEqualTo("a1\na2\n");
        journal.commitBatch();
        FRAMER.frame(Batches.of("b1"), journal);
        assertThat(batch(journal)).isEqualTo("b1\n");
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
        assertThat(journal.capacity()).isLessThan(4L * Journal.CHUNK_BYTES); // chunks recycled rather than grown forever
    }

    @Test
    void tellsWhichEventsOfTheCurrentBatchAWriteReached() {
        Journal journal = new Journal(1 << 20);
        FRAMER.frame(Batches.of("old"), journal);
        journal.commitBatch();
        FRAMER.frame(Batches.of("aa", "bb"), journal); // at offsets 4..7 and 7..10
        long start = journal.start();
        assertThat(journal.eventsStartedBefore(start + 2)).isZero();
        assertThat(journal.eventsStartedBefore(start + 5)).isEqualTo(1);
        assertThat(journal.eventsStartedBefore(start + 8)).isEqualTo(2);
    }

    @Test
    void keepsTheStreamWholeAcrossChunksAndDropsAFailedBatchThatSpansThem() {
        Journal journal = new Journal(1 << 30);
        String record = "r".repeat(1000);
        String[] many = new String[3 * Journal.CHUNK_BYTES / 1000]; // three chunks' worth
        java.util.Arrays.fill(many, record);
        FRAMER.frame(Batches.of(many), journal);
        journal.commitBatch();
        String huge = "h".repeat(Journal.CHUNK_BYTES + 5); // longer than a chunk: one of its own
        FRAMER.frame(Batches.of("small", huge, "after"), journal);
        String earlier = (record + "\n").repeat(many.length);
        assertThat(text(journal.all())).isEqualTo(earlier + "small\n" + huge + "\nafter\n");
        assertThat(journal.eventsStartedBefore(journal.batchStart() + 6)).isEqualTo(1);
        assertThat(journal.eventsStartedBefore(journal.batchStart() + 7)).isEqualTo(2);
        assertThat(journal.eventsStartedBefore(journal.length())).isEqualTo(3);
        journal.discardBatch();
        FRAMER.frame(Batches.of("next"), journal);
        assertThat(text(journal.all())).isEqualTo(earlier + "next\n");
        assertThat(batch(journal)).isEqualTo("next\n");
    }
}
