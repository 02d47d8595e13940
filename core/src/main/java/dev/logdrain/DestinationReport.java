package dev.logdrain;

/**
 * What happened to one batch at one destination.
 *
 * @param destination        the destination URL, redacted (safe to log)
 * @param scheme             its scheme
 * @param host               its host and port, for metric dimensions
 * @param events             events in the batch
 * @param sent               events delivered
 * @param failed             events not delivered
 * @param truncated          events cut to {@code maxsize} (the end of their text lost)
 * @param split              events sent as several records to fit {@code maxsize} (nothing lost)
 * @param bytes              bytes written to the transport, framing and resends included
 * @param durationMillis     time spent formatting and sending
 * @param retries            reconnects or resends
 * @param possibleDuplicates events sent more than once because their delivery was not known
 * @param error              one line saying why events failed, or null
 * @param dropped            events its processors dropped by a filter (neither sent nor failed)
 * @param sampled            events its processors sampled out (neither sent nor failed)
 * @param redacted           events its processors changed (sent or failed like the others)
 */
public record DestinationReport(String destination, String scheme, String host, int events, int sent, int failed,
                                int truncated, int split, long bytes, long durationMillis, int retries,
                                int possibleDuplicates, String error, int dropped, int sampled, int redacted) {

    /** A report without split events and without processing (the shape before {@code oversize=split}). */
    public DestinationReport(String destination, String scheme, String host, int events, int sent, int failed,
                             int truncated, long bytes, long durationMillis, int retries, int possibleDuplicates,
                             String error) {
        this(destination, scheme, host, events, sent, failed, truncated, 0, bytes, durationMillis, retries,
                possibleDuplicates, error, 0, 0, 0);
    }

    public boolean isSuccess() {
        return failed == 0 && error == null;
    }
}
