package dev.logdrain.spi;

/**
 * What a {@link Sink} could do with one {@link MessageBatch}.
 *
 * @param delivered          messages known or believed delivered (for plain TCP: written and flushed
 *                           without error)
 * @param failed             messages not delivered when the deadline passed or the sink gave up
 * @param retries            reconnects or resends it took
 * @param bytesSent          bytes written to the transport, framing included, resends included
 * @param possibleDuplicates messages sent more than once because their delivery was not known
 * @param error              one line saying why messages failed, or null; never contains a secret
 */
public record DeliveryResult(int delivered, int failed, int retries, long bytesSent, int possibleDuplicates,
                             String error) {

    public static DeliveryResult success(int delivered, int retries, long bytesSent, int possibleDuplicates) {
        return new DeliveryResult(delivered, 0, retries, bytesSent, possibleDuplicates, null);
    }

    public static DeliveryResult failure(int delivered, int failed, int retries, long bytesSent,
                                         int possibleDuplicates, String error) {
        return new DeliveryResult(delivered, failed, retries, bytesSent, possibleDuplicates, error);
    }

    public boolean isSuccess() {
        return failed == 0 && error == null;
    }
}
