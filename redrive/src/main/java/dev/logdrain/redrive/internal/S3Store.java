package dev.logdrain.redrive.internal;

import dev.logdrain.redrive.FailureStore;
import dev.logdrain.redrive.StoredRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 on-failure bucket (with an optional prefix): every object is one record, read in key order. S3 does
 * not count reads, so a failed attempt is counted in the object's metadata ({@value #ATTEMPTS}), written by
 * copying the object onto itself.
 */
public final class S3Store implements FailureStore {

    /** User metadata: redrive attempts that did not deliver the object. */
    public static final String ATTEMPTS = "logdrain-redrive-attempts";
    /** Larger objects are not Lambda on-failure records (an async event is at most 1 MB). */
    static final long MAX_OBJECT_BYTES = 16L << 20;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Deque<S3Object> listed = new ArrayDeque<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private String continuation;
    private boolean listedAll;

    public S3Store(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public List<StoredRecord> next(int max, Duration hiddenFor) {
        List<StoredRecord> records = new ArrayList<>();
        while (records.size() < max) {
            if (listed.isEmpty() && !listedAll) {
                ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix)
                        .continuationToken(continuation).maxKeys(100));
                listed.addAll(page.contents());
                continuation = page.nextContinuationToken();
                listedAll = !Boolean.TRUE.equals(page.isTruncated()) || continuation == null;
            }
            S3Object object = listed.poll();
            if (object == null) {
                break;
            }
            if (object.key().endsWith("/")) {
                continue; // a "folder" made by a console
            }
            String id = "s3://" + bucket + "/" + object.key();
            if (object.size() != null && object.size() > MAX_OBJECT_BYTES) {
                records.add(new StoredRecord(id, new byte[0], Integer.MAX_VALUE, object.key()));
                continue;
            }
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(object.key()))) {
                int previous = parse(in.response().metadata().get(ATTEMPTS));
                attempts.put(object.key(), previous);
                records.add(new StoredRecord(id, readAtMost(in, MAX_OBJECT_BYTES), previous + 1, object.key()));
            } catch (NoSuchKeyException e) {
                // deleted since it was listed (another redrive): nothing to do
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + id + ": " + e.getMessage(), e);
            }
        }
        return records;
    }

    @Override
    public void delete(StoredRecord record) {
        s3.deleteObject(r -> r.bucket(bucket).key(record.handle()));
    }

    @Override
    public void keep(StoredRecord record) {
        int next = attempts.getOrDefault(record.handle(), 0) + 1;
        try {
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(record.handle()).destinationBucket(bucket)
                    .destinationKey(record.handle()).metadataDirective(MetadataDirective.REPLACE)
                    .metadata(Map.of(ATTEMPTS, Integer.toString(next))));
        } catch (RuntimeException e) {
            // the object stays as it was; only its attempt count is not raised
        }
    }

    @Override
    public void release(StoredRecord record) {
        // nothing to do: an object read is an object left as it was
    }

    @Override
    public void close() {
        s3.close();
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] data = in.readNBytes((int) max + 1);
        return data.length > max ? new byte[0] : data;
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
