package dev.logdrain.lambda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Reads the subscriber's events (at most 1 MiB of JSON) as maps. */
public final class SubscriberEvents {

    private static final int MAX_BYTES = 1 << 20;

    private SubscriberEvents() {
    }

    public static Map<String, Object> read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("event larger than 1 MiB");
        }
        try {
            return JsonTree.parseObject(new java.io.ByteArrayInputStream(bytes));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(e.getOriginalMessage());
        }
    }
}
