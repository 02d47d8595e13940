package dev.logdrain.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One line on standard error, rewritten in place, showing events delivered and the rate. Shown only on a
 * terminal and only once a run has lasted a second, so short runs and scripts never see it.
 */
final class Progress {

    private static final long FIRST_AFTER_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long startNanos;
    private long lastNanos;
    private boolean shown;
    private int width;

    Progress(PrintWriter err, boolean enabled) {
        this(err, enabled, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    Progress(PrintWriter err, boolean enabled, LongSupplier clock) {
        this.err = err;
        this.enabled = enabled;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    static Progress disabled(PrintWriter err) {
        return new Progress(err, false);
    }

    /** Updates the line if it is due. */
    void update(long events, String where) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (now - startNanos < FIRST_AFTER_NANOS || now - lastNanos < EVERY_NANOS) {
            return;
        }
        lastNanos = now;
        print(String.format(Locale.ROOT, "%,d events delivered (%,d/s)%s", events, rate(events, now),
                where.isEmpty() ? "" : ", " + where));
    }

    /** Replaces the line with a final summary, if the line was ever shown. */
    void finish(long events) {
        if (!shown) {
            return;
        }
        long now = clock.getAsLong();
        print(String.format(Locale.ROOT, "%,d events delivered in %.1f s (%,d/s)", events,
                (now - startNanos) / 1e9, rate(events, now)));
        err.println();
        err.flush();
        shown = false;
    }

    /** Clears the line (before an error message). */
    void clear() {
        if (shown) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            shown = false;
        }
    }

    private long rate(long events, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        return Math.round(events / seconds);
    }

    private void print(String line) {
        String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
        width = line.length();
        err.print("\r" + padded);
        err.flush();
        shown = true;
    }
}
