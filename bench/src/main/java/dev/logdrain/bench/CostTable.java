package dev.logdrain.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What forwarding a GB of logs costs in Lambda, from the figures {@code RoundTrips} measured: the CPU time of
 * a warm invocation per event (the invoking thread, Lambda's JVM flags) and its wait on the network (wall
 * through the delaying proxy less the wall without latency). A function of M MB gets M / 1,769 of a vCPU
 * (Lambda's documented proportion: 1,769 MB is one vCPU), so below that CPU time stretches by 1,769 / M;
 * billed duration is rounded up to 1 ms per invocation.
 *
 * <p>Prices (US East, N. Virginia; first pricing tier; free tier left out): see docs/cost.md for the
 * sources and their dates.
 *
 * <p>Usage: {@code CostTable --props roundtrips.properties --out FILE.md [--event-bytes 170]
 * [--events-per-invocation 1000,8900] [--events-source TEXT]} ({@code bench/run} passes bench/roundtrips' 1,000
 * and the events of the workload's largest 1 MB event as its maxpayload probe measured them, and says so)
 */
public final class CostTable {

    static final double X86_PER_GB_SECOND = 0.0000166667;
    static final double ARM_PER_GB_SECOND = 0.0000133334;
    static final double PER_REQUEST = 0.20 / 1_000_000;
    static final double CLOUDWATCH_INGESTION_PER_GB = 0.50;
    static final int[] MEMORY_MB = {128, 256, 512, 1024};
    static final double ONE_VCPU_MB = 1769;
    /** START, END and REPORT lines Lambda writes per invocation (text format), roughly. */
    static final int LAMBDA_PLATFORM_LINES_BYTES = 300;

    private CostTable() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Paths.get(options.get("props")))) {
            p.load(r);
        }
        double eventBytes = Double.parseDouble(options.getOrDefault("event-bytes", "170"));
        int[] perInvocation = java.util.Arrays.stream(options.getOrDefault("events-per-invocation", "1000,8900")
                .split(",")).mapToInt(e -> Integer.parseInt(e.strip())).toArray();
        double eventsPerGb = 1e9 / eventBytes;
        String rtt = p.getProperty("rtt.nominal_ms");
        StringBuilder t = new StringBuilder();
        t.append(String.format("Per GB of %.0f-byte events (%,.0f events); warm invocations; CPU per event and network"
                + " wait measured by bench/roundtrips (RTT %s ms)%s; request fee included, free tier not.%n%n",
                eventBytes, eventsPerGb, rtt, options.containsKey("events-source")
                        ? "; events per invocation: " + options.get("events-source") : ""));
        t.append("| destination | events / invocation | memory | billed ms / invocation | GB-s per GB | arm64 $/GB"
                + " | x86_64 $/GB | of which requests | share of CloudWatch's $0.50/GB ingestion (arm64 – x86_64) |\n");
        t.append("|---|---|---|---|---|---|---|---|---|\n");
        List<String[]> configs = List.of(
                new String[] {"tcp", "tcp"},
                new String[] {"tcp+tls", "tcp+tls"},
                new String[] {"relp, window 128 (the old default)", "relp_window_128_the_old_default_"},
                new String[] {"relp (default window 10,000 ≥ batch)", "relp_default_window_10000_"});
        StringBuilder compact = new StringBuilder();
        compact.append("| destination | events / invocation | 128 MB | 256 MB | 512 MB | 1024 MB |\n");
        compact.append("|---|---|---|---|---|---|\n");
        for (int events : perInvocation) {
            for (String[] c : configs) {
                String cpuValue = p.getProperty("cpu." + c[1] + ".warm.us_per_event");
                String wall = p.getProperty("rtt." + c[1] + ".warm.wall_ms");
                String local = p.getProperty("rtt." + c[1] + ".warm.local_ms");
                if (cpuValue == null || wall == null || local == null) {
                    continue;
                }
                double cpuMicros = Double.parseDouble(cpuValue);
                double waitMillis = Math.max(0, Double.parseDouble(wall) - Double.parseDouble(local));
                if (c[0].startsWith("relp, window 128") && events > 1000) {
                    waitMillis *= Math.ceil(events / 128.0) / Math.ceil(1000 / 128.0); // one wait per window
                }
                double invocations = eventsPerGb / events;
                compact.append(String.format("| %s | %,d |", c[0], events));
                for (int mb : MEMORY_MB) {
                    double share = Math.min(1, mb / ONE_VCPU_MB);
                    double billedMillis = Math.ceil(events * cpuMicros / 1e3 / share + waitMillis);
                    double gbSeconds = invocations * billedMillis / 1e3 * mb / 1024.0;
                    double requests = invocations * PER_REQUEST;
                    double arm = gbSeconds * ARM_PER_GB_SECOND + requests;
                    double x86 = gbSeconds * X86_PER_GB_SECOND + requests;
                    t.append(String.format("| %s | %,d | %d MB | %,.0f | %,.1f | $%.4f | $%.4f | $%.5f | %.2f%% – %.2f%% |%n",
                            c[0], events, mb, billedMillis, gbSeconds, arm, x86, requests,
                            100 * arm / CLOUDWATCH_INGESTION_PER_GB, 100 * x86 / CLOUDWATCH_INGESTION_PER_GB));
                    compact.append(String.format(" $%.4f / $%.4f (%,.0f ms) |", arm, x86, billedMillis));
                }
                compact.append('\n');
            }
        }
        String own = p.getProperty("handler.stdout_bytes.tcp");
        if (own != null) {
            int ownBytes = Integer.parseInt(own) + LAMBDA_PLATFORM_LINES_BYTES;
            StringBuilder perCount = new StringBuilder();
            for (int events : perInvocation) {
                perCount.append(String.format(" $%.5f at %,d events per invocation;", eventsPerGb / events * ownBytes
                        / 1e9 * CLOUDWATCH_INGESTION_PER_GB, events));
            }
            t.append(String.format("%nNot in the table: the function's own log lines go to its own log group and are"
                    + " ingested by CloudWatch at $%.2f/GB too: %d bytes per invocation measured (summary line and the"
                    + " metric documents) plus about %d bytes of Lambda's START/END/REPORT lines, so per GB"
                    + " forwarded:%s LOGDRAIN_METRICS=off drops the metric documents.%n", CLOUDWATCH_INGESTION_PER_GB,
                    Integer.parseInt(own), LAMBDA_PLATFORM_LINES_BYTES, perCount));
        }
        t.append("\nThe same, dollars per GB as arm64 / x86_64 (billed ms per invocation):\n\n").append(compact);
        t.append(String.format("%nCPU per event (warm, invoking thread, Lambda's JVM flags, this machine's core):"
                + " tcp %s µs, tcp+tls %s µs, relp %s µs. The 10 GB/month of the seed claim: CloudWatch ingestion"
                + " $%.2f, forwarding it with logdrain (tcp, 1,000 events per invocation, 128 MB, arm64) $%.4f.%n",
                p.getProperty("cpu.tcp.warm.us_per_event"), p.getProperty("cpu.tcp+tls.warm.us_per_event"),
                p.getProperty("cpu.relp_default_window_10000_.warm.us_per_event"),
                10 * CLOUDWATCH_INGESTION_PER_GB, 10 * costPerGb(p, eventsPerGb, 1000, 128)));
        Files.writeString(Paths.get(options.get("out")), t.toString());
        System.out.print(t);
    }

    private static double costPerGb(Properties p, double eventsPerGb, int events, int mb) {
        double cpuMicros = Double.parseDouble(p.getProperty("cpu.tcp.warm.us_per_event", "0"));
        double wait = Math.max(0, Double.parseDouble(p.getProperty("rtt.tcp.warm.wall_ms", "0"))
                - Double.parseDouble(p.getProperty("rtt.tcp.warm.local_ms", "0")));
        double billed = Math.ceil(events * cpuMicros / 1e3 / Math.min(1, mb / ONE_VCPU_MB) + wait);
        double invocations = eventsPerGb / events;
        return invocations * billed / 1e3 * mb / 1024.0 * ARM_PER_GB_SECOND + invocations * PER_REQUEST;
    }
}
