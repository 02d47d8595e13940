package dev.logdrain.lambda.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One CloudWatch Embedded Metric Format document: a set of metrics with at most one dimension. */
final class EmfDocument {

    private static final JsonFactory JSON = new JsonFactory();

    private EmfDocument() {
    }

    /**
     * The document as one JSON line.
     *
     * @param dimensionName null for none ({@code "Dimensions":[[]]})
     * @param metrics       {name, unit} pairs, in order; {@code values} holds one value for each
     * @param properties    name, value, name, value ...: searchable in Logs Insights, written after the metrics
     */
    static String write(String namespace, long timestamp, String dimensionName, String dimensionValue,
                        String[][] metrics, long[] values, String... properties) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", timestamp);
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", namespace);
            g.writeArrayFieldStart("Dimensions");
            g.writeStartArray();
            if (dimensionName != null) {
                g.writeString(dimensionName);
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            for (String[] metric : metrics) {
                g.writeStartObject();
                g.writeStringField("Name", metric[0]);
                g.writeStringField("Unit", metric[1]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            if (dimensionName != null) {
                g.writeStringField(dimensionName, dimensionValue);
            }
            for (int i = 0; i < metrics.length; i++) {
                g.writeNumberField(metrics[i][0], values[i]);
            }
            for (int i = 0; i + 1 < properties.length; i += 2) {
                g.writeStringField(properties[i], properties[i + 1]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
