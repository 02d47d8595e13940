package dev.logdrain.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsExponentiallyWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        long[] caps = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (long cap : caps) {
            long delay = backoff.nextDelay().toMillis();
            assertThat(delay).isBetween(cap / 2, cap);
        }
        backoff.reset();
        assertThat(backoff.nextDelay().toMillis()).isBetween(50L, 100L);
    }

    /** Each back-off draws its own seed (SnapStart: sinks made after a restore must not retry in step). */
    @Test
    void twoBackoffsDoNotJitterInStep() {
        Backoff one = new Backoff(Duration.ofSeconds(1000), Duration.ofSeconds(1000));
        Backoff two = new Backoff(Duration.ofSeconds(1000), Duration.ofSeconds(1000));
        long[] a = new long[4];
        long[] b = new long[4];
        for (int i = 0; i < a.length; i++) {
            a[i] = one.nextDelay().toNanos();
            b[i] = two.nextDelay().toNanos();
        }
        // four draws from 5e11 values each: equal only if both drew the same seed
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void refusesToSleepPastTheDeadline() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(backoff.pause(Deadline.afterMillis(1000))).isFalse();
    }

    @Test
    void sleepsWhenThereIsTime() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2));
        assertThat(backoff.pause(Deadline.after(Duration.ofSeconds(30)))).isTrue();
    }

    @Test
    void stopsWhenInterrupted() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(200));
        Thread.currentThread().interrupt();
        try {
            assertThat(backoff.pause(Deadline.after(Duration.ofSeconds(30)))).isFalse();
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }
}
