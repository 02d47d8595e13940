package dev.logdrain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one {@code bench/run}'s measurements into the markdown table of bench/RESULTS.md with issue 18's
 * targets: JMH (formatting, decoding, sending, end to end), the Lambda cold start on Java 17 and 25 and the
 * largest payload of a 128 MB function ({@code Probes --what lambda-cold,maxpayload}), and a summary of the
 * round trips ({@code bench/roundtrips}). Every ratio compares figures of the same run. JMH results it does not
 * know (variants added later) are listed after the table, not dropped.
 *
 * <p>Usage: {@code Report --jmh FILE[,FILE...] [--jmh-alt FILE --alt-name NAME] [--probes FILE]
 * [--roundtrips FILE] [--jdks TEXT] [--load TEXT] [--elapsed TEXT] [--out FILE] [--profile-list FILE]}.
 */
public final class Report {

    final Map<String, double[]> jmh = new LinkedHashMap<>();
    final Map<String, double[]> alt = new HashMap<>();
    final Properties probes = new Properties();
    final Properties roundTrips = new Properties();
    private final Set<String> used = new TreeSet<>();
    private final List<String> rows = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();
    final List<String> toProfile = new ArrayList<>();
    String altName = "";
    int passes = 1;
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
        load(options.get("probes"), report.probes);
        load(options.get("roundtrips"), report.roundTrips);
        String text = report.render(options.getOrDefault("jdks", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version")), options.getOrDefault("load", "?"),
                options.getOrDefault("elapsed", "?"));
        System.out.print(text);
        if (options.containsKey("out")) {
            Files.writeString(Paths.get(options.get("out")), text);
        }
        if (options.containsKey("profile-list")) {
            Files.writeString(Paths.get(options.get("profile-list")), String.join("\n", report.toProfile) + "\n");
        }
    }

    private static void load(String file, Properties into) throws IOException {
        if (file != null && Files.exists(Paths.get(file))) {
            try (var in = Files.newBufferedReader(Paths.get(file))) {
                into.load(in);
            }
        }
    }

    /**
     * Reads JMH's JSON files (one per pass) into "Class.method[:param...]" → {median, iterations}: the median
     * of every measurement iteration of every pass. An iteration hit by another process on a shared machine
     * moves JMH's mean a lot and the median little, and passes minutes apart spread each contender over time.
     * The {@code transport} parameter appears as its value ({@code SendBenchmark.ours:tcp}), any other as
     * {@code name=value}.
     */
    static void read(String files, Map<String, double[]> into) throws IOException {
        Map<String, List<Double>> iterations = new LinkedHashMap<>();
        for (String file : files.split(",")) {
            if (!Files.exists(Paths.get(file))) {
                continue;
            }
            for (JsonNode b : new ObjectMapper().readTree(Paths.get(file).toFile())) {
                StringBuilder name = new StringBuilder(b.get("benchmark").asText()
                        .replaceFirst("^dev\\.logdrain\\.bench\\.jmh\\.", ""));
                JsonNode params = b.path("params");
                params.fieldNames().forEachRemaining(p -> name.append(':')
                        .append(p.equals("transport") ? "" : p + "=").append(params.get(p).asText()));
                List<Double> list = iterations.computeIfAbsent(name.toString(), k -> new ArrayList<>());
                JsonNode m = b.get("primaryMetric");
                m.path("rawData").forEach(fork -> fork.forEach(v -> list.add(v.asDouble())));
                if (m.path("rawData").isEmpty()) {
                    list.add(m.get("score").asDouble());
                }
            }
        }
        iterations.forEach((name, list) -> into.put(name, new double[] {median(list), list.size()}));
    }

    private String iterationsText() {
        int min = (int) jmh.values().stream().mapToDouble(v -> v[1]).min().orElse(0);
        int max = (int) jmh.values().stream().mapToDouble(v -> v[1]).max().orElse(0);
        return min == max ? String.valueOf(min) : min + " to " + max;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(d -> d).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** A JMH median (ns/event), marked as used in the table. */
    double ns(String key) {
        used.add(key);
        double[] v = jmh.get(key);
        return v == null ? Double.NaN : v[0];
    }

    double altNs(String key) {
        double[] v = alt.get(key);
        return v == null ? Double.NaN : v[0];
    }

    private String render(String jdks, String load, String elapsed) {
        Workload w = Workload.standard();
        StringBuilder out = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append(String.format(Locale.ROOT, "Measured %s (end of the run; whole run %s). Machine: %s, %d cores"
                        + " (`nproc`), %s of memory; load average before the run: %s. JDKs: %s.%n%n", date, elapsed,
                cpuModel(), Runtime.getRuntime().availableProcessors(), memory(), load, jdks));
        out.append(String.format(Locale.ROOT, "Workload: %,d events, %.0f bytes a message on average (60-300, 5%%"
                        + " multi-line, 9%% non-ASCII); payload %.2f MB of JSON, %.2f MB as gzip, %.2f MB as the Lambda"
                        + " event. JMH figures are the median of %s measurement iterations%s.%n%n", w.size(),
                w.messageBytes() / (double) w.size(), w.payloadJson().length / 1e6, w.gzip().length / 1e6,
                w.lambdaEvent().length / 1e6, iterationsText(), passes > 1 ? " in " + passes + " passes" : ""));
        out.append("| # | measure | ours | peers | floor / limit | ratio | target | met? |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        new JmhRows(this).add(w.payloadJson().length / 1e6);
        roundTripRow();
        new ProbeRows(this).add();
        costRow();
        rows.forEach(out::append);
        out.append('\n');
        if (!misses.isEmpty()) {
            out.append("Missed: ").append(String.join("; ", misses)).append(".\n\n");
        }
        List<String> others = new ArrayList<>();
        jmh.forEach((k, v) -> {
            if (!used.contains(k)) {
                others.add(k + " " + nsText(v[0]));
            }
        });
        if (!others.isEmpty()) {
            out.append("Other JMH results of this run (ns/event, no target): ").append(String.join("; ", others))
                    .append(".\n");
        }
        return out.toString();
    }

    /** Target 2: every figure of bench/roundtrips within 0.2 round trips of its minimum. */
    private void roundTripRow() {
        current = null;
        int figures = 0;
        List<String> over = new ArrayList<>();
        double worst = Double.NEGATIVE_INFINITY;
        String worstName = "";
        for (String key : new TreeSet<>(roundTrips.stringPropertyNames())) {
            if (!key.startsWith("rtt.") || !key.endsWith(".round_trips_net")) {
                continue;
            }
            String figure = key.substring(4, key.length() - ".round_trips_net".length());
            double excess = rt(key) - rt("rtt." + figure + ".minimum");
            figures++;
            if (excess > worst) {
                worst = excess;
                worstName = figure;
            }
            if (excess > 0.2) {
                over.add(String.format(Locale.ROOT, "%s +%.2f", figure, excess));
            }
        }
        if (figures == 0) {
            info("2", "round trips of a cold and a warm invocation (bench/roundtrips)", "not run", "—", "—", "—",
                    "within 0.2 of the minimum");
            return;
        }
        row("2", "round trips of a cold and a warm invocation, net of local work (" + figures + " figures, RTT "
                        + roundTrips.getProperty("rtt.nominal_ms") + " ms; table below)",
                (figures - over.size()) + " of " + figures + " within 0.2 of their minimum", "—",
                "the minimum of each protocol (table below)", String.format(Locale.ROOT, "largest excess %+.2f (%s)",
                        worst, worstName), "each within 0.2 round trips of its minimum, or the table says why",
                over.isEmpty(), over.isEmpty() ? "" : "over: " + String.join(", ", over));
    }

    /** Target 5: the cost table after the round-trip table; its inputs named here. */
    private void costRow() {
        current = null;
        String cpu = roundTrips.getProperty("cpu.tcp.warm.us_per_event");
        String perInvocation = probes.getProperty("maxpayload.workload.events");
        info("5", "cost per GB of logs (table below)", cpu == null ? "not computed (no bench/roundtrips)"
                        : "CPU per event (tcp, warm, Lambda's JVM flags, invoking thread, one core of this machine) "
                        + cpu + " µs, measured by bench/roundtrips; e2e benchmark (C2, wall of one thread) "
                        + nsText(ns("EndToEndBenchmark.ours:tcp")), "—",
                "events per invocation: " + roundTrips.getProperty("events", "?") + " (bench/roundtrips) and "
                        + (perInvocation == null ? "?" : perInvocation) + " (the workload's largest 1 MB event)",
                "—", "—");
    }

    void row(String n, String measure, String ours, String peers, String floor, String ratio, String target,
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

    void info(String n, String measure, String ours, String peers, String floor, String ratio, String target) {
        rows.add(String.format("| %s | %s | %s | %s | %s | %s | %s | — |%n", n, measure, ours, peers, floor, ratio, target));
    }

    /** Sets the JMH benchmark that a missed target of the next rows is profiled with ({@code null}: none). */
    void profiling(String benchmark) {
        current = benchmark;
    }

    double p(String key) {
        String v = probes.getProperty(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    private double rt(String key) {
        String v = roundTrips.getProperty(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    static String nsText(double ns) {
        if (Double.isNaN(ns)) {
            return "n/a";
        }
        return ns >= 1000 ? String.format(Locale.ROOT, "%.2f µs", ns / 1000) : String.format(Locale.ROOT, "%.0f ns", ns);
    }

    static String mbps(double mb, double nsPerEvent) {
        return String.format(Locale.ROOT, "%.0f MB/s", mb / (nsPerEvent * Workload.EVENTS / 1e9));
    }

    static String times(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : "%.2f×", ratio);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String mib(double bytes) {
        return num(bytes / 1048576.0) + " MiB";
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name", System.getProperty("os.arch"));
    }

    private static String memory() {
        String kb = procLine("/proc/meminfo", "MemTotal", "").replaceAll("[^0-9]", "");
        return kb.isEmpty() ? "?" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1048576.0);
    }

    private static String procLine(String file, String key, String otherwise) {
        try {
            for (String line : Files.readAllLines(Paths.get(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return otherwise;
    }
}
