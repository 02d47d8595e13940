package dev.logdrain.cli.internal;

import dev.logdrain.DestinationReport;
import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Sends batches through the Forwarder (as the Lambda host does), counts what was delivered, keeps the
 * progress line up to date, and stops the run at the first batch that was not delivered, saying where.
 */
final class Tally implements AutoCloseable {

    private final Forwarder forwarder;
    private final Duration timeout;
    private final Progress progress;
    private final PrintWriter err;
    private final boolean verbose;
    private final long startNanos = System.nanoTime();
    private long events;
    private long batches;
    /** Events truncated and split to fit maxsize, summed over destinations. */
    private long truncated;
    private long split;
    private long dropped;
    private long sampled;
    private long redacted;
    private String where = "";

    Tally(Forwarder forwarder, Duration timeout, Progress progress, PrintWriter err, boolean verbose) {
        this.forwarder = forwarder;
        this.timeout = timeout;
        this.progress = progress;
        this.err = err;
        this.verbose = verbose;
    }

    /**
     * A tally through a new Forwarder to the destinations, with a progress line when standard error is a terminal
     * and no destination prints to standard output.
     */
    static Tally to(PluginRegistry registry, List<Destination> destinations, Duration timeout, PrintWriter err,
            boolean verbose) {
        boolean progressWanted = !DestinationOptions.printsToStdout(destinations) && Terminal.isStderrTerminal();
        return new Tally(Forwarder.create(registry, destinations), timeout, new Progress(err, progressWanted), err,
                verbose);
    }

    /** Where the run is, for the progress line (e.g. {@code file 3 of 10}). */
    void at(String where) {
        this.where = where;
    }

    /**
     * Delivers one batch to every destination.
     *
     * @param origin where the batch came from, for messages (e.g. {@code events.json line 3})
     * @throws CliException (exit status 1) when any destination did not take every event
     */
    void deliver(LogBatch batch, String origin) {
        ForwardReport report = forwarder.forward(batch, Deadline.after(timeout));
        if (verbose) {
            progress.clear();
            for (DestinationReport d : report.destinations()) {
                err.printf(Locale.ROOT, "%s: %s %s: %d events to %s: %d sent, %d failed, %d truncated, %d split, "
                                + "%d bytes, %d retries, %d ms%s%s%n", origin, batch.logGroup(), batch.logStream(),
                        d.events(), d.destination(), d.sent(), d.failed(), d.truncated(), d.split(), d.bytes(),
                        d.retries(), d.durationMillis(), processed(d.dropped(), d.sampled(), d.redacted()),
                        d.error() == null ? "" : " (" + d.error() + ")");
            }
            err.flush();
        }
        if (!report.isSuccess()) {
            progress.clear();
            throw CliException.deliveryFailed(origin + ": not delivered: " + report.failureSummary()
                    + "; stopped there (" + deliveredSoFar() + ")");
        }
        for (DestinationReport d : report.destinations()) {
            truncated += d.truncated();
            split += d.split();
            dropped += d.dropped();
            sampled += d.sampled();
            redacted += d.redacted();
        }
        events += batch.size();
        batches++;
        progress.update(events, where);
    }

    /** {@code 12 events in 3 batches delivered before it}, for messages that stop a run. */
    String deliveredSoFar() {
        return events == 0 ? "nothing was delivered before it"
                : count(events, "event") + " in " + count(batches, "batch") + " were delivered before it";
    }

    /** {@code 1 event}, {@code 1,234 events}. */
    static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun.endsWith("h") ? noun + "es" : noun + "s");
    }

    long events() {
        return events;
    }

    long batches() {
        return batches;
    }

    /** {@code , 3 dropped by filter, 1 sampled out, 2 redacted}, or empty when processing did nothing. */
    static String processed(long dropped, long sampled, long redacted) {
        if (dropped + sampled + redacted == 0) {
            return "";
        }
        return String.format(Locale.ROOT, ", %d dropped by filter, %d sampled out, %d redacted", dropped, sampled,
                redacted);
    }

    /**
     * Ends the progress line with a summary (and prints one with --verbose); says what processing did
     * (summed over the destinations) when it did anything.
     */
    void finish() {
        progress.finish(events);
        if (dropped + sampled + redacted > 0) {
            err.printf(Locale.ROOT, "processing: %s events read%s%n", String.format(Locale.ROOT, "%,d", events),
                    processed(dropped, sampled, redacted));
            err.flush();
        }
        if (verbose) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            err.printf(Locale.ROOT, "delivered %s in %s to %s in %.3f s (%d truncated, %d split to fit maxsize)%n",
                    count(events, "event"), count(batches, "batch"), count(forwarder.destinations().size(),
                    "destination"), seconds, truncated, split);
            err.flush();
        }
    }

    /** Clears the progress line (before an error message). */
    void interrupt() {
        progress.clear();
    }

    @Override
    public void close() {
        forwarder.close();
    }
}
