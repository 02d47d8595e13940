package dev.logdrain.lambda.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The partial batch response of a stream event source mapping, exactly as the Lambda events library's
 * {@code StreamsEventResponse} serializes: {@code {"batchItemFailures":[{"itemIdentifier":"SEQ"}]}}. Lambda
 * checkpoints before the lowest sequence number named and retries from it; an empty list means the whole
 * batch succeeded.
 */
public final class BatchItemFailures {

    private static final JsonFactory JSON = new JsonFactory();

    private BatchItemFailures() {
    }

    /** The response naming {@code retryFrom}, or the empty list when it is null. */
    public static byte[] json(String retryFrom) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeArrayFieldStart("batchItemFailures");
            if (retryFrom != null) {
                g.writeStartObject();
                g.writeStringField("itemIdentifier", retryFrom);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
