package dev.logdrain.redrive;

import java.util.List;

/**
 * What one redrive run did.
 *
 * @param redriven     records delivered to every destination and deleted (or, in a dry run, that would be)
 * @param events       events delivered of those records
 * @param stillFailing records tried and not delivered, left in place
 * @param poison       records left in place that cannot be delivered: received more than the limit, not
 *                     readable, or pointing at Kinesis data the stream no longer holds
 * @param leftForLater records not tried (the deadline or {@code --max} came first, or an older batch of
 *                     the same log stream failed), left in place
 * @param problems     one line for each record that was not delivered (at most a few dozen)
 */
public record RedriveReport(int redriven, long events, int stillFailing, int poison, int leftForLater,
                            List<String> problems) {

    public RedriveReport {
        problems = List.copyOf(problems);
    }

    /** Whether every record that was read went out (nothing still failing, nothing poison). */
    public boolean isSuccess() {
        return stillFailing == 0 && poison == 0;
    }

    /** {@code 3 records redriven (120 events), 1 still failing, 0 poison, 2 left for later}. */
    public String counts() {
        return redriven + (redriven == 1 ? " record" : " records") + " redriven (" + events
                + (events == 1 ? " event" : " events") + "), " + stillFailing + " still failing, " + poison
                + " poison, " + leftForLater + " left for later";
    }
}
