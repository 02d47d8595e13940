package dev.logdrain.redrive;

/**
 * One record in the on-failure destination: an SQS message or an S3 object.
 *
 * @param id           what names it in messages: the message id, or {@code s3://bucket/key}
 * @param body         its bytes (a Lambda on-failure record, or anything else that was put there)
 * @param receiveCount how many times it has been taken for delivery, this time included (SQS's
 *                     ApproximateReceiveCount; for S3 the counter in its metadata plus one)
 * @param handle       what the store needs to delete it (receipt handle, key)
 */
public record StoredRecord(String id, byte[] body, int receiveCount, String handle) {
}
