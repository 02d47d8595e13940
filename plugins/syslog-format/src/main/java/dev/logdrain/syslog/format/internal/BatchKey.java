package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.LogBatch;

/**
 * Remembers the origin (owner, group, stream) that a formatter's cached header bytes were made for, so that
 * they are rebuilt only when a batch from another origin arrives. Comparing three short strings (usually
 * the very same instances) costs far less than rendering the header.
 */
final class BatchKey {

    private String owner;
    private String group;
    private String stream;

    /** Whether {@code batch} has the remembered origin. */
    boolean matches(LogBatch batch) {
        return batch.logGroup().equals(group) && batch.logStream().equals(stream) && batch.owner().equals(owner);
    }

    /** Remembers {@code batch}'s origin, once what derives from it has been cached. */
    void remember(LogBatch batch) {
        owner = batch.owner();
        group = batch.logGroup();
        stream = batch.logStream();
    }
}
