package dev.logdrain.redrive;

import dev.logdrain.ForwardReport;
import dev.logdrain.redrive.internal.DecodedRecord;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drains a {@link FailureStore}: reads its records a window at a time, decodes them, sends the batches of one
 * log stream oldest first, and deletes a record only once every destination took every event of it. A record
 * that is not delivered stays where it was; so do the later records of its log stream (their order must hold).
 * Delivery is at least once: a record that one destination took and another did not is sent again to every
 * destination next time (receivers can drop the repeats by the event id, e.g. {@code sd=meta}'s).
 */
public final class Redriver {

    /**
     * @param maxRecords     most records to take in this run
     * @param maxReceives    a record not delivered after this many receives is reported as poison
     * @param dryRun         deliver (to the dry-run sender) but never delete or count an attempt
     * @param batchTimeout   time one batch may take at the destinations
     * @param windowRecords  records read and ordered together
     * @param windowBytes    most record bytes held at once
     */
    public record Settings(int maxRecords, int maxReceives, boolean dryRun, Duration batchTimeout,
                           int windowRecords, long windowBytes) {

        public static final int DEFAULT_MAX_RECEIVES = 5;

        public static Settings defaults() {
            return new Settings(Integer.MAX_VALUE, DEFAULT_MAX_RECEIVES, false, Duration.ofSeconds(30), 100,
                    Math.max(1 << 20, Runtime.getRuntime().maxMemory() / 32));
        }

        public Settings withMaxRecords(int max) {
            return new Settings(max, maxReceives, dryRun, batchTimeout, windowRecords, windowBytes);
        }

        public Settings withMaxReceives(int max) {
            return new Settings(maxRecords, max, dryRun, batchTimeout, windowRecords, windowBytes);
        }

        public Settings withDryRun(boolean dry) {
            return new Settings(maxRecords, maxReceives, dry, batchTimeout, windowRecords, windowBytes);
        }

        public Settings withBatchTimeout(Duration timeout) {
            return new Settings(maxRecords, maxReceives, dryRun, timeout, windowRecords, windowBytes);
        }
    }

    /** Told after each record, for a progress line. */
    @FunctionalInterface
    public interface Progress {
        void record(StoredRecord record, boolean delivered, long eventsSoFar);
    }

    private static final int MAX_PROBLEMS = 50;

    private final FailureStore store;
    private final RecordReader reader;
    private final BatchSender sender;
    private final Settings settings;
    private final Progress progress;

    private int redriven;
    private long events;
    private int stillFailing;
    private int poison;
    private int leftForLater;
    private final List<String> problems = new ArrayList<>();

    public Redriver(FailureStore store, RecordReader reader, BatchSender sender, Settings settings, Progress progress) {
        this.store = store;
        this.reader = reader;
        this.sender = sender;
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs until the store is drained, {@code maxRecords} were taken, or the deadline is near. */
    public RedriveReport run(Deadline deadline) {
        int taken = 0;
        while (taken < settings.maxRecords() && deadline.remainingMillis() > settings.batchTimeout().toMillis() / 4) {
            Duration hiddenFor = Duration.ofMillis(Math.min(deadline.remainingMillis(),
                    settings.windowRecords() * settings.batchTimeout().toMillis()) + 60_000);
            List<StoredRecord> window = fill(settings.maxRecords() - taken, hiddenFor);
            if (window.isEmpty()) {
                break;
            }
            taken += window.size();
            deliver(window, deadline);
        }
        return new RedriveReport(redriven, events, stillFailing, poison, leftForLater, problems);
    }

    private List<StoredRecord> fill(int wanted, Duration hiddenFor) {
        List<StoredRecord> window = new ArrayList<>();
        long bytes = 0;
        int limit = Math.min(wanted, settings.windowRecords());
        while (window.size() < limit && bytes < settings.windowBytes()) {
            List<StoredRecord> more = store.next(Math.min(10, limit - window.size()), hiddenFor);
            if (more.isEmpty()) {
                break;
            }
            for (StoredRecord record : more) {
                window.add(record);
                bytes += record.body().length;
            }
        }
        return window;
    }

    private void deliver(List<StoredRecord> window, Deadline deadline) {
        List<DecodedRecord> decoded = new ArrayList<>();
        for (StoredRecord record : window) {
            try {
                decoded.add(DecodedRecord.of(record, reader.read(record, deadline)));
            } catch (RecordReader.UnreadableRecordException e) {
                if (e.isPermanent() || record.receiveCount() > settings.maxReceives()) {
                    poison++;
                    problem(record, "poison: " + e.getMessage());
                } else {
                    stillFailing++;
                    problem(record, "not read: " + e.getMessage());
                }
                keep(record);
                progress.record(record, false, events);
            }
        }
        decoded.sort(DecodedRecord.OLDEST_FIRST_BY_STREAM);
        Set<String> failedStreams = new HashSet<>();
        for (DecodedRecord d : decoded) {
            StoredRecord record = d.record();
            if (deadline.isExpired() || d.streams().stream().anyMatch(failedStreams::contains)) {
                leftForLater++;
                store.release(record);
                progress.record(record, false, events);
                continue;
            }
            String failure = send(d.batches(), deadline);
            if (failure == null) {
                if (settings.dryRun()) {
                    store.release(record);
                } else {
                    try {
                        store.delete(record);
                    } catch (RuntimeException e) {
                        // delivered all the same; left in place, it will be delivered again (a duplicate)
                        problem(record, "delivered, but deleting it failed (" + e.getMessage() + "): it will be sent again");
                    }
                }
                redriven++;
                events += d.events();
                progress.record(record, true, events);
                continue;
            }
            failedStreams.addAll(d.streams());
            keep(record);
            if (record.receiveCount() > settings.maxReceives()) {
                poison++;
                problem(record, "poison (received " + record.receiveCount() + " times): " + failure);
            } else {
                stillFailing++;
                problem(record, "not delivered: " + failure);
            }
            progress.record(record, false, events);
        }
    }

    /** Sends every batch of a record; returns why one was not delivered, or null. */
    private String send(List<LogBatch> batches, Deadline deadline) {
        for (LogBatch batch : batches) {
            if (batch.size() == 0) {
                continue;
            }
            if (deadline.isExpired()) {
                return "the run's deadline came first";
            }
            ForwardReport report = sender.send(batch, deadline.atMost(settings.batchTimeout()));
            if (!report.isSuccess()) {
                return report.failureSummary();
            }
        }
        return null;
    }

    private void keep(StoredRecord record) {
        if (settings.dryRun()) {
            store.release(record);
        } else {
            store.keep(record);
        }
    }

    private void problem(StoredRecord record, String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(record.id() + ": " + text);
        }
    }
}
