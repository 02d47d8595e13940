package dev.logdrain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns one run's JMH results and probe measurements into the markdown table of bench/RESULTS.md: ours,
 * peers, floor or limit, the ratio, the target and whether it is met. Every figure compared comes from the
 * same run. Usage: {@code Report --jmh FILE[,FILE...] [--jmh-alt FILE --alt-name NAME] --probes FILE [--out FILE]
 * [--load TEXT] [--elapsed TEXT]}.
 */
public final class Report {

    private final Map<String, double[]> jmh = new HashMap<>();
    private final Map<String, double[]> alt = new HashMap<>();
    private final Properties probes = new Properties();
    private final List<String> rows = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();
    private final List<String> toProfile = new ArrayList<>();
    private String altName = "";
    private int passes = 1;
    /** The JMH benchmark to profile when the next row misses its target. */
    private String current;

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Report report = new Report();
        if (options.containsKey("jmh")) {
            read(options.get("jmh"), report.jmh);
            report.passes = (int) java.util.Arrays.stream(options.get("jmh").split(","))
                    .filter(f -> Files.exists(Paths.get(f))).count();
        }
        if (options.containsKey("jmh-alt") && Files.exists(Paths.get(options.get("jmh-alt")))) {
            read(options.get("jmh-alt"), report.alt);
            report.altName = options.getOrDefault("alt-name", "other JVM");
        }
        if (options.containsKey("probes") && Files.exists(Paths.get(options.get("probes")))) {
            try (var in = Files.newBufferedReader(Paths.get(options.get("probes")))) {
                report.probes.load(in);
            }
        }
        String text = report.render(options.getOrDefault("load", "?"), options.getOrDefault("elapsed", "?"));
        System.out.print(text);
        if (options.containsKey("out")) {
            Files.writeString(Paths.get(options.get("out")), text);
        }
        if (options.containsKey("profile-list")) {
            Files.writeString(Paths.get(options.get("profile-list")), String.join("\n", report.toProfile) + "\n");
        }
    }

    /**
     * Reads JMH's JSON files (one per pass) into "Class.method[:transport]" → {median, iterations}: the median
     * of every measurement iteration of every pass. An iteration hit by another process on a shared machine
     * moves JMH's mean a lot and the median little, and passes minutes apart spread each contender over time.
     */
    private static void read(String files, Map<String, double[]> into) throws IOException {
        Map<String, List<Double>> iterations = new java.util.LinkedHashMap<>();
        for (String file : files.split(",")) {
            if (!Files.exists(Paths.get(file))) {
                continue;
            }
            JsonNode root = new ObjectMapper().readTree(Paths.get(file).toFile());
            for (JsonNode b : root) {
                String name = b.get("benchmark").asText().replaceFirst("^dev\\.logdrain\\.bench\\.jmh\\.", "");
                JsonNode params = b.get("params");
                if (params != null && params.has("transport")) {
                    name += ":" + params.get("transport").asText();
                }
                List<Double> list = iterations.computeIfAbsent(name, k -> new ArrayList<>());
                JsonNode m = b.get("primaryMetric");
                m.path("rawData").forEach(fork -> fork.forEach(v -> list.add(v.asDouble())));
                if (m.path("rawData").isEmpty()) {
                    list.add(m.get("score").asDouble());
                }
            }
        }
        iterations.forEach((name, list) -> into.put(name, new double[] {median(list), list.size()}));
    }

    /** How many iterations each median is of ("10", or "5 to 10"). */
    private String iterationsText() {
        int min = (int) jmh.values().stream().mapToDouble(v -> v[1]).min().orElse(0);
        int max = (int) jmh.values().stream().mapToDouble(v -> v[1]).max().orElse(0);
        return min == max ? String.valueOf(min) : min + " to " + max;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(d -> d).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private double ns(String key) {
        double[] v = jmh.get(key);
        return v == null ? Double.NaN : v[0];
    }

    private String render(String load, String elapsed) {
        Workload w = Workload.standard();
        double jsonMb = w.payloadJson().length / 1e6;
        StringBuilder out = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append(String.format(Locale.ROOT, "Measured %s on %d cores (%s), %s %s; load average before the run: %s;"
                        + " whole run %s.%n%n", date, Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), load, elapsed));
        out.append(String.format(Locale.ROOT, "Workload: %,d events, %.0f bytes a message on average (60-300, 5%%"
                        + " multi-line, 9%% non-ASCII); payload %.2f MB of JSON, %.2f MB as gzip, %.2f MB as the Lambda"
                        + " event. JMH figures are the median of %s measurement iterations%s.%n%n", w.size(), w.messageBytes() / (double) w.size(), jsonMb, w.gzip().length / 1e6,
                w.lambdaEvent().length / 1e6, iterationsText(), passes > 1 ? " in " + passes + " passes" : ""));
        out.append("| # | measure | ours | peers | floor / limit | ratio | target | met? |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");

        // 1. formatting
        double ours = ns("FormatBenchmark.ours");
        double log4j = ns("FormatBenchmark.log4j");
        double cloudBees = ns("FormatBenchmark.cloudBees");
        double fasterPeer = Math.min(log4j, cloudBees);
        current = "FormatBenchmark.ours";
        row("1", "format RFC 5424, ns/event", nsText(ours), "Log4j2 " + nsText(log4j) + "; CloudBees "
                + nsText(cloudBees), "—", times(fasterPeer / ours) + " faster than the faster peer", "≥ 5×",
                fasterPeer / ours >= 5, String.format(Locale.ROOT, "needs %s ns/event",
                        num(fasterPeer / 5)));

        // 2. decoding
        double dec = ns("DecodeBenchmark.ours");
        double floor = ns("DecodeBenchmark.floor");
        current = "DecodeBenchmark.ours";
        row("2", "decode Lambda event, ns/event (MB/s of JSON)", nsText(dec) + " (" + mbps(jsonMb, dec) + ")", "—",
                "base64 + gunzip " + nsText(floor) + " (" + mbps(jsonMb, floor) + ")",
                times(dec / floor) + " the floor", "≤ 1.4×", dec / floor <= 1.4,
                String.format(Locale.ROOT, "needs %s ns/event", num(floor * 1.4)));
        double jsonOnly = ns("DecodeBenchmark.oursJsonOnly");
        double gzipOnly = ns("DecodeBenchmark.oursGzip");
        double inflater = ns("DecodeBenchmark.floorInflater");
        info("2a", "… where it goes", "from gzip " + nsText(gzipOnly) + "; from decoded JSON " + nsText(jsonOnly), "—",
                "—", String.format(Locale.ROOT, "of ours: payload JSON → events %s, gunzip chain %s,"
                        + " outer JSON + base64 %s", pct(jsonOnly / dec), pct((gzipOnly - jsonOnly) / dec),
                        pct((dec - gzipOnly) / dec)), "—");
        String altText = "";
        if (!alt.isEmpty()) {
            double altFloor = alt.containsKey("DecodeBenchmark.floor") ? alt.get("DecodeBenchmark.floor")[0] : Double.NaN;
            double altInflater = alt.containsKey("DecodeBenchmark.floorInflater")
                    ? alt.get("DecodeBenchmark.floorInflater")[0] : Double.NaN;
            double altOurs = alt.containsKey("DecodeBenchmark.ours") ? alt.get("DecodeBenchmark.ours")[0] : Double.NaN;
            altText = String.format(Locale.ROOT, "; on %s: floor %s, raw Inflater %s, ours %s", altName,
                    nsText(altFloor), nsText(altInflater), nsText(altOurs));
        }
        info("2b", "a faster floor?", "—", "—", "array base64 + one raw Inflater call " + nsText(inflater) + " ("
                + mbps(jsonMb, inflater) + ")" + altText, times(inflater / floor) + " the floor's time", "—");

        // 3. sending
        for (String t : new String[] {"tcp", "tls"}) {
            double send = ns("SendBenchmark.ours:" + t);
            double cb = ns("SendBenchmark.cloudBees:" + t);
            double l4j = ns("SendBenchmark.log4j:" + t);
            double limit = ns("SendBenchmark.limit:" + t);
            double peer = Math.min(cb, l4j);
            String T = t.toUpperCase(Locale.ROOT);
            current = "SendBenchmark.ours:" + t;
            row("3", "send over " + T + " vs peers, ns/event", nsText(send), "CloudBees " + nsText(cb) + "; Log4j2 "
                    + nsText(l4j), "—", times(peer / send) + " faster than the faster peer", "≥ 10×", peer / send >= 10,
                    String.format(Locale.ROOT, "needs %s ns/event", num(peer / 10)));
            row("3", "send over " + T + " vs limit, ns/event", nsText(send), "—",
                    "pre-formatted bytes, 64 KiB writes " + nsText(limit), pct(limit / send) + " of the limit's speed",
                    "≥ 50%", limit / send >= 0.5, String.format(Locale.ROOT, "needs %s ns/event", num(limit * 2)));
        }

        // 4. end to end
        double e2e = ns("EndToEndBenchmark.ours:tcp");
        double sum = floor + ns("SendBenchmark.limit:tcp");
        current = "EndToEndBenchmark.ours:tcp";
        row("4", "end to end over TCP (decode, format, frame, write), ns/event", nsText(e2e), "—",
                "decode floor + TCP limit " + nsText(sum), pct(sum / e2e) + " of the limit's speed", "≥ 50%",
                sum / e2e >= 0.5, String.format(Locale.ROOT, "needs %s ns/event", num(sum * 2)));

        // 5. cold start (profiled by the classes it loads, see the probes)
        current = null;
        if (probes.containsKey("cold.floor.wall_ms")) {
            double floorWall = p("cold.floor.wall_ms");
            String floorText = ms(floorWall) + ", " + classes("floor");
            String peerText = "CloudBees " + ms(p("cold.cloudbees.wall_ms")) + ", " + classes("cloudbees");
            for (String[] v : new String[][] {
                    {"cli", "`./logdrain replay` of one event over TCP (the launcher: C1, serial GC, its AppCDS archive"
                            + (probes.containsKey("cold.cli.archive_bytes") ? " of " + mib("cold.cli.archive_bytes") : "")
                            + ")"},
                    {"cli_jar", "… `java -jar logdrain-cli.jar replay`: default JVM options, no archive"}}) {
                double wall = p("cold." + v[0] + ".wall_ms");
                row("5", v[1] + ", wall", ms(wall) + ", " + classes(v[0]), v[0].equals("cli") ? peerText : "—",
                        v[0].equals("cli") ? "minimal Java program, same bytes: " + floorText : "same floor",
                        times(wall / floorWall) + " the floor", "≤ 3×", wall / floorWall <= 3,
                        String.format(Locale.ROOT, "needs %s", ms(floorWall * 3)));
            }
            for (String[] v : new String[][] {{"lambda", "Lambda handler: init + first invocation (URL in env)"},
                    {"lambda_cds", "… with AppCDS (" + mib("cold.lambda_cds.archive_bytes") + " archive)"},
                    {"lambda_cfn", "Lambda handler with the CloudFormation lookup"},
                    {"lambda_cfn_cds", "… with AppCDS"},
                    {"lambda_secret", "Lambda handler with the URL from a Secrets Manager secret (read at init)"}}) {
                double wall = p("cold." + v[0] + ".wall_ms");
                row("5", v[1] + ", wall (init; first invocation)", ms(wall) + " (" + ms(p("cold." + v[0] + ".init_ms"))
                                + "; " + ms(p("cold." + v[0] + ".invoke_ms")) + "), " + classes(v[0]), "—",
                        "same floor", times(wall / floorWall) + " the floor", "≤ 3×", wall / floorWall <= 3,
                        String.format(Locale.ROOT, "needs %s", ms(floorWall * 3)));
            }
        }

        // 6. memory
        if (probes.containsKey("memory.10000.heap_peak_bytes")) {
            StringBuilder growth = new StringBuilder();
            for (int n : new int[] {2_500, 5_000, 10_000, 20_000}) {
                growth.append(growth.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d: %s MiB", n,
                        probes.getProperty("memory." + n + ".min_xmx_mb")));
            }
            double perEvent = (p("memory.20000.min_xmx_mb") - p("memory.5000.min_xmx_mb")) * 1024 / 15_000.0;
            // with no collection during the invocation there is no after-GC figure to give
            String live = p("memory.10000.gcs") == 0 ? "no GC during the invocation"
                    : String.format(Locale.ROOT, "at most %s MiB live after a GC",
                            num(p("memory.10000.max_heap_after_gc_bytes") / 1048576.0));
            row("6", "10,000-event batch in the Lambda handler with -Xmx96m", String.format(Locale.ROOT,
                            "peak heap %s MiB (garbage included), %s; first invocation %s",
                            num(p("memory.10000.heap_peak_bytes") / 1048576.0), live,
                            ms(p("memory.10000.invoke_ms"))),
                    "—", "smallest -Xmx that works, by batch size: " + growth,
                    String.format(Locale.ROOT, "grows linearly, ~%s KiB an event", num(perEvent)),
                    "fits in 96 MiB", p("memory.10000.min_xmx_mb") <= 96, "");
        }
        rows.forEach(out::append);
        out.append('\n');
        if (!misses.isEmpty()) {
            out.append("Missed: ").append(String.join("; ", misses)).append(".\n");
        }
        return out.toString();
    }

    private void row(String n, String measure, String ours, String peers, String floor, String ratio, String target,
                     boolean met, String need) {
        if (!met && current != null && !toProfile.contains(current) && jmh.containsKey(current)) {
            toProfile.add(current);
        }
        if (!met) {
            misses.add(n + " " + measure + " (" + ratio + ", target " + target + (need.isEmpty() ? "" : "; " + need) + ")");
        }
        rows.add(String.format("| %s | %s | %s | %s | %s | %s | %s | %s |%n", n, measure, ours, peers, floor, ratio,
                target, met ? "yes" : "**no**" + (need.isEmpty() ? "" : " (" + need + ")")));
    }

    private void info(String n, String measure, String ours, String peers, String floor, String ratio, String target) {
        rows.add(String.format("| %s | %s | %s | %s | %s | %s | %s | — |%n", n, measure, ours, peers, floor, ratio, target));
    }

    private double p(String key) {
        String v = probes.getProperty(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    private String classes(String variant) {
        return String.format(Locale.ROOT, "%s classes (%s from CDS)", probes.getProperty("cold." + variant + ".classes"),
                probes.getProperty("cold." + variant + ".classes_shared"));
    }

    private String mib(String key) {
        return num(p(key) / 1048576.0) + " MiB";
    }

    private static String nsText(double ns) {
        if (Double.isNaN(ns)) {
            return "n/a";
        }
        return ns >= 1000 ? String.format(Locale.ROOT, "%.2f µs", ns / 1000) : String.format(Locale.ROOT, "%.0f ns", ns);
    }

    private static String mbps(double mb, double nsPerEvent) {
        return String.format(Locale.ROOT, "%.0f MB/s", mb / (nsPerEvent * Workload.EVENTS / 1e9));
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : "%.2f×", ratio);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
