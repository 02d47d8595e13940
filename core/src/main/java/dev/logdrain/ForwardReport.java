package dev.logdrain;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of forwarding one batch to every destination. */
public record ForwardReport(int events, List<DestinationReport> destinations) {

    public ForwardReport {
        destinations = List.copyOf(destinations);
    }

    /** True when every destination took every event. */
    public boolean isSuccess() {
        return destinations.stream().allMatch(DestinationReport::isSuccess);
    }

    public List<DestinationReport> failures() {
        return destinations.stream().filter(d -> !d.isSuccess()).toList();
    }

    /** One line naming each failed destination (redacted), its counts and error: {@link #failureSummary(List)}. */
    public String failureSummary() {
        return failureSummary(failures());
    }

    /**
     * One line naming each failed destination (redacted) with its counts and error, e.g.
     * {@code tcp+tls://logs.example.com:6514: 120 of 120 events not delivered (connection refused)}.
     */
    public static String failureSummary(List<DestinationReport> failures) {
        return failures.stream()
                .map(d -> d.destination() + ": " + d.failed() + " of " + d.events() + " events not delivered"
                        + (d.error() == null ? "" : " (" + d.error() + ")"))
                .collect(Collectors.joining("; "));
    }
}
