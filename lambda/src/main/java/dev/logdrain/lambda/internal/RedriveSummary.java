package dev.logdrain.lambda.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.logdrain.redrive.RedriveReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The redrive handler's summary line, its problem lines, its EMF document and its response. */
public final class RedriveSummary {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] METRICS = {"RedriveRedriven", "RedriveEvents", "RedriveStillFailing", "RedrivePoison",
            "RedriveLeftForLater", "RedriveErrors"};

    private RedriveSummary() {
    }

    /** {@code logdrain redrive: SOURCE: 3 records redriven (...), ... duration=12ms[ error="..."]}, then the problems. */
    public static List<String> lines(String source, RedriveReport report, String error, long durationMillis) {
        List<String> lines = new ArrayList<>();
        lines.add("logdrain redrive: " + source + ": " + report.counts() + " duration=" + durationMillis + "ms"
                + (error == null ? "" : " error=\"" + error.replace("\"", "'") + "\""));
        report.problems().forEach(p -> lines.add("logdrain redrive: " + p));
        return lines;
    }

    public static String emf(String namespace, long timestamp, RedriveReport report, boolean failed) {
        long[] values = {report.redriven(), report.events(), report.stillFailing(), report.poison(),
                report.leftForLater(), failed ? 1 : 0};
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
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            for (String metric : METRICS) {
                g.writeStartObject();
                g.writeStringField("Name", metric);
                g.writeStringField("Unit", "Count");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            for (int i = 0; i < METRICS.length; i++) {
                g.writeNumberField(METRICS[i], values[i]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The function's response: the counts as JSON. */
    public static String response(RedriveReport report) {
        return "{\"redriven\":" + report.redriven() + ",\"events\":" + report.events() + ",\"stillFailing\":"
                + report.stillFailing() + ",\"poison\":" + report.poison() + ",\"leftForLater\":" + report.leftForLater()
                + "}";
    }
}
