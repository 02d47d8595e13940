package dev.logdrain.lambda.internal;

import dev.logdrain.DestinationReport;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.SourceResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What every handler does with what its source read, whatever carried it (a direct subscription event, a
 * Kinesis record): control messages are counted, the function's own log group is skipped, every other batch
 * goes to every destination, and everything is counted in the report.
 */
public final class PayloadForwarding {

    private PayloadForwarding() {
    }

    /**
     * Forwards the batches the source read, in order, and counts the control messages it skipped.
     *
     * @return the destinations that did not take every event of some batch (empty: all delivered)
     * @throws dev.logdrain.spi.ConfigurationException when the destination URLs cannot be had or are invalid
     */
    public static List<DestinationReport> forward(LambdaHost host, SourceResult result, Deadline deadline,
                                                  InvocationReport report) {
        List<DestinationReport> failures = new ArrayList<>();
        report.controlMessages(result.controlMessages());
        for (SourceResult.Located located : result.batches()) {
            LogBatch batch = located.batch();
            report.received(batch);
            if (host.isOwnLogGroup(batch)) {
                report.skipped(batch, "events of the function's own log group are never forwarded");
            } else if (batch.size() > 0) {
                ForwarderCache.Outcome outcome = host.forwarders().deliver(batch, deadline);
                report.delivered(outcome);
                failures.addAll(outcome.failures());
            }
        }
        return failures;
    }
}
