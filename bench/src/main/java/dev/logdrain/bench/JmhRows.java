package dev.logdrain.bench;

import static dev.logdrain.bench.Report.mbps;
import static dev.logdrain.bench.Report.nsText;
import static dev.logdrain.bench.Report.num;
import static dev.logdrain.bench.Report.pct;
import static dev.logdrain.bench.Report.times;

import java.util.Locale;

/** Issue 18's target 1 in the report: formatting, decoding, sending and end to end, from the JMH results. */
final class JmhRows {

    private final Report r;

    JmhRows(Report report) {
        this.r = report;
    }

    void add(double jsonMb) {
        // formatting: ≥ 5× the faster peer
        double ours = r.ns("FormatBenchmark.ours");
        double log4j = r.ns("FormatBenchmark.log4j");
        double cloudBees = r.ns("FormatBenchmark.cloudBees");
        double fasterPeer = Math.min(log4j, cloudBees);
        r.profiling("FormatBenchmark.ours");
        r.row("1", "format RFC 5424, ns/event", nsText(ours), "Log4j2 " + nsText(log4j) + "; CloudBees "
                        + nsText(cloudBees), "—", times(fasterPeer / ours) + " faster than the faster peer", "≥ 5×",
                fasterPeer / ours >= 5, String.format(Locale.ROOT, "needs %s ns/event", num(fasterPeer / 5)));

        // decoding: ≤ 1.2× its floor
        double dec = r.ns("DecodeBenchmark.ours");
        double floor = r.ns("DecodeBenchmark.floor");
        r.profiling("DecodeBenchmark.ours");
        r.row("1", "decode Lambda event, ns/event (MB/s of JSON)", nsText(dec) + " (" + mbps(jsonMb, dec) + ")", "—",
                "base64 + gunzip " + nsText(floor) + " (" + mbps(jsonMb, floor) + ")", times(dec / floor) + " the floor",
                "≤ 1.2×", dec / floor <= 1.2, String.format(Locale.ROOT, "needs %s ns/event", num(floor * 1.2)));
        double jsonOnly = r.ns("DecodeBenchmark.oursJsonOnly");
        double gzipOnly = r.ns("DecodeBenchmark.oursGzip");
        double inflater = r.ns("DecodeBenchmark.floorInflater");
        r.info("1a", "… where it goes", "from gzip " + nsText(gzipOnly) + "; from decoded JSON " + nsText(jsonOnly),
                "—", "—", String.format(Locale.ROOT, "of ours: payload JSON → events %s, gunzip chain %s,"
                        + " outer JSON + base64 %s", pct(jsonOnly / dec), pct((gzipOnly - jsonOnly) / dec),
                        pct((dec - gzipOnly) / dec)), "—");
        String altText = r.alt.isEmpty() ? "" : String.format(Locale.ROOT, "; on %s: floor %s, raw Inflater %s, ours %s"
                        + " (%s its floor)", r.altName, nsText(r.altNs("DecodeBenchmark.floor")),
                nsText(r.altNs("DecodeBenchmark.floorInflater")), nsText(r.altNs("DecodeBenchmark.ours")),
                times(r.altNs("DecodeBenchmark.ours") / r.altNs("DecodeBenchmark.floor")));
        r.info("1b", "a faster floor?", "—", "—", "array base64 + one raw Inflater call " + nsText(inflater) + " ("
                + mbps(jsonMb, inflater) + ")" + altText, times(inflater / floor) + " the floor's time", "—");

        // sending: TCP ≥ 85% of the raw-write limit's speed; the peers and TLS for information
        for (String t : new String[] {"tcp", "tls"}) {
            double send = r.ns("SendBenchmark.ours:" + t);
            double cb = r.ns("SendBenchmark.cloudBees:" + t);
            double l4j = r.ns("SendBenchmark.log4j:" + t);
            double limit = r.ns("SendBenchmark.limit:" + t);
            String name = t.toUpperCase(Locale.ROOT);
            String limitText = "pre-formatted bytes, 64 KiB writes " + nsText(limit);
            if (t.equals("tcp")) {
                r.profiling("SendBenchmark.ours:tcp");
                r.row("1", "send over TCP vs its limit, ns/event", nsText(send), "—", limitText,
                        pct(limit / send) + " of the limit's speed", "≥ 85%", limit / send >= 0.85,
                        String.format(Locale.ROOT, "needs %s ns/event", num(limit / 0.85)));
            } else {
                r.info("1c", "send over TLS vs its limit, ns/event", nsText(send), "—", limitText,
                        pct(limit / send) + " of the limit's speed", "—");
            }
            r.info("1c", "send over " + name + " vs peers, ns/event", nsText(send), "CloudBees " + nsText(cb)
                    + "; Log4j2 " + nsText(l4j), "—", times(Math.min(cb, l4j) / send) + " faster than the faster peer",
                    "—");
        }

        // end to end: ≥ 85% of the speed of the decoding floor plus the TCP limit
        double e2e = r.ns("EndToEndBenchmark.ours:tcp");
        double sum = floor + r.ns("SendBenchmark.limit:tcp");
        r.profiling("EndToEndBenchmark.ours:tcp");
        r.row("1", "end to end over TCP (decode, format, frame, write), ns/event", nsText(e2e), "—",
                "decode floor + TCP limit " + nsText(sum), pct(sum / e2e) + " of the limit's speed", "≥ 85%",
                sum / e2e >= 0.85, String.format(Locale.ROOT, "needs %s ns/event", num(sum / 0.85)));
        r.profiling(null);
    }
}
