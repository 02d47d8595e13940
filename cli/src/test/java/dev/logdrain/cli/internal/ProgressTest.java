package dev.logdrain.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final StringWriter text = new StringWriter();

    @Test
    void silentForTheFirstSecond_thenOneLineRewrittenInPlace_thenASummary() {
        Progress progress = new Progress(new PrintWriter(text), true, nanos::get);

        progress.update(10, "a.json (1 of 2)");
        assertThat(text.toString()).isEmpty();

        nanos.addAndGet(2_000_000_000L);
        progress.update(5_000, "b.json (2 of 2)");
        nanos.addAndGet(100_000_000L); // too soon for another update
        progress.update(6_000, "b.json (2 of 2)");
        nanos.addAndGet(400_000_000L);
        progress.finish(8_000);

        String first = "5,000 events delivered (2,500/s), b.json (2 of 2)";
        String last = "8,000 events delivered in 2.5 s (3,200/s)";
        assertThat(text.toString()).isEqualTo("\r" + first + "\r" + last + " ".repeat(first.length() - last.length())
                + System.lineSeparator());
    }

    /** A run shorter than the first second, and a long one with progress disabled. */
    @ParameterizedTest(name = "enabled={0}, {1} ns")
    @CsvSource({"true, 0", "false, 5000000000"})
    void shortRunOrDisabled_printsNothing(boolean enabled, long elapsedNanos) {
        Progress progress = new Progress(new PrintWriter(text), enabled, nanos::get);

        nanos.addAndGet(elapsedNanos);
        progress.update(10, "");
        progress.finish(10);

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void clear_blanksTheLineBeforeAnErrorMessage() {
        Progress progress = new Progress(new PrintWriter(text), true, nanos::get);
        nanos.addAndGet(2_000_000_000L);
        progress.update(4, "");

        progress.clear();

        assertThat(text.toString()).endsWith("\r" + " ".repeat("4 events delivered (2/s)".length()) + "\r");
    }
}
