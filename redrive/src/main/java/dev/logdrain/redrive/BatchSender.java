package dev.logdrain.redrive;

import dev.logdrain.ForwardReport;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;

/** Sends one batch to every destination: a {@link dev.logdrain.Forwarder}, or the Lambda host's delivery. */
@FunctionalInterface
public interface BatchSender {

    /** Never throws for a delivery problem: the report says which destination did not take what. */
    ForwardReport send(LogBatch batch, Deadline deadline);
}
