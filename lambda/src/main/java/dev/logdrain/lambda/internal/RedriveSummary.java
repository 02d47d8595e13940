package dev.logdrain.lambda.internal;

import dev.logdrain.redrive.RedriveReport;
import java.util.ArrayList;
import java.util.List;

/** The redrive handler's summary line, its problem lines, its EMF document and its response. */
public final class RedriveSummary {

    private static final String[][] METRICS = {{"RedriveRedriven", "Count"}, {"RedriveEvents", "Count"},
            {"RedriveStillFailing", "Count"}, {"RedrivePoison", "Count"}, {"RedriveLeftForLater", "Count"},
            {"RedriveErrors", "Count"}};

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
        return EmfDocument.write(namespace, timestamp, null, null, METRICS, values);
    }

    /** The function's response: the counts as JSON. */
    public static String response(RedriveReport report) {
        return "{\"redriven\":" + report.redriven() + ",\"events\":" + report.events() + ",\"stillFailing\":"
                + report.stillFailing() + ",\"poison\":" + report.poison() + ",\"leftForLater\":" + report.leftForLater()
                + "}";
    }
}
