package dev.logdrain.bench;

import static dev.logdrain.bench.Report.mib;
import static dev.logdrain.bench.Report.ms;
import static dev.logdrain.bench.Report.times;

import java.util.Locale;

/**
 * Issue 18's targets 3 and 4 in the report, from the fresh-JVM probes: the Lambda handler's cold start on Java 17
 * and 25 ({@code lambdacold.*}, ratios against the floor of the same JDK) and the largest payloads delivered with the
 * heap of a 128 MB function ({@code maxpayload.*}).
 */
final class ProbeRows {

    private final Report r;

    ProbeRows(Report report) {
        this.r = report;
    }

    void add() {
        cold();
        memory();
    }

    private void cold() {
        if (!r.probes.containsKey("lambdacold.floor.wall_ms")) {
            r.info("3", "cold start of the Lambda handler", "not measured", "—", "—", "—", "—");
            return;
        }
        for (String jdk : new String[] {"", "25"}) {
            if (!r.probes.containsKey("lambdacold.floor" + jdk + ".wall_ms")) {
                continue;
            }
            String java = jdk.isEmpty() ? "Java 17" : "Java 25";
            double floor = r.p("lambdacold.floor" + jdk + ".wall_ms");
            String floorText = String.format(Locale.ROOT, "minimal Java program, the same bytes, %s: %s (min %s), %s"
                    + " classes", java, ms(floor), ms(r.p("lambdacold.floor" + jdk + ".wall_min_ms")),
                    r.probes.getProperty("lambdacold.floor" + jdk + ".classes"));
            String[][] variants = {
                    {"lambda_cfn", "CloudFormation lookup", "4"},
                    {"lambda_cfn_cds", "CloudFormation lookup, AppCDS", "4"},
                    {"lambda_cfn_aot", "CloudFormation lookup, AOT cache", "4"},
                    {"lambda", "URL in the environment", "2.5"},
                    {"lambda_cds", "URL in the environment, AppCDS", "2.5"},
                    {"lambda_aot", "URL in the environment, AOT cache", "2.5"}};
            for (String[] v : variants) {
                String key = "lambdacold." + v[0] + jdk;
                if (!r.probes.containsKey(key + ".wall_ms")) {
                    continue;
                }
                double wall = r.p(key + ".wall_ms");
                double target = Double.parseDouble(v[2]);
                r.row("3", "Lambda handler, " + v[1] + ", " + java + ": init + first invocation in a fresh JVM, wall",
                        String.format(Locale.ROOT, "%s (min %s; init %s, first invocation %s), %s classes (%s shared,"
                                        + " %s of the AWS SDK)", ms(wall), ms(r.p(key + ".wall_min_ms")),
                                ms(r.p(key + ".init_ms")), ms(r.p(key + ".invoke_ms")),
                                r.probes.getProperty(key + ".classes"), r.probes.getProperty(key + ".classes_shared"),
                                r.probes.getProperty(key + ".classes_software_amazon")), "—",
                        floorText, times(wall / floor) + " the floor", "≤ " + v[2] + "×", wall / floor <= target,
                        String.format(Locale.ROOT, "needs %s", ms(floor * target)));
            }
        }
    }

    private void memory() {
        if (!r.probes.containsKey("maxpayload.workload.events")) {
            r.info("4", "the largest payload in a 128 MB function", "not measured", "—", "—", "—", "—");
            return;
        }
        String[][] payloads = {
                {"workload", "xmx109m", "the bench workload as large as a 1 MB event allows"},
                {"accesslog", "xmx109m", "access-log lines (compress well) as large as a 1 MB event allows"},
                {"worst", "xmx109m", "worst case: identical 2,000-byte lines just under the decoder's limit"},
                {"worst96", "xmx96m", "worst case for the smaller heap"}};
        for (String[] p : payloads) {
            String key = "maxpayload." + p[0];
            String run = key + "." + p[1];
            if (!r.probes.containsKey(run + ".exit")) {
                continue;
            }
            double heap = r.p(run + ".heap_max_bytes");
            boolean delivered = r.p(run + ".exit") == 0
                    && r.probes.getProperty(run + ".response", "").contains("\"events\":" + r.probes.getProperty(key + ".events"));
            String result = delivered ? String.format(Locale.ROOT, "delivered; peak heap %s (garbage included), %s GCs,"
                            + " invocation %s; direct buffers after it %s", mib(r.p(run + ".heap_peak_bytes")),
                    r.probes.getProperty(run + ".gcs"), ms(r.p(run + ".invoke_ms")),
                    Double.isNaN(r.p(run + ".direct_bytes")) ? "?" : mib(r.p(run + ".direct_bytes")))
                    : "failed: " + r.probes.getProperty(run + ".output", r.probes.getProperty(run + ".response", "?"))
                    .replace('|', '/');
            r.row("4", String.format(Locale.ROOT, "%s: %,d events, %,.0f bytes of event, %.2f MB of JSON", p[1 + 1],
                            (long) r.p(key + ".events"), r.p(key + ".event_bytes"), r.p(key + ".json_bytes") / 1e6),
                    result, "—", (Double.isNaN(heap) ? "?" : mib(heap)) + " heap ("
                            + (p[1].equals("xmx109m") ? "a 128 MB function's `-XX:MaxHeapSize=111411k`" : "`-Xmx96m`")
                            + ")", delivered ? Report.pct(r.p(run + ".heap_peak_bytes") / heap) + " of the heap at peak"
                            : "—", "delivered", delivered, "");
        }
    }
}
