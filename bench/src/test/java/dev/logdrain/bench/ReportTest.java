package dev.logdrain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report judges issue 18's targets from the run's figures, and keeps JMH results it has no row for. */
class ReportTest {

    @TempDir
    Path dir;

    private static String result(String benchmark, String transport, double... iterations) {
        StringBuilder raw = new StringBuilder();
        for (double v : iterations) {
            raw.append(raw.length() == 0 ? "" : ",").append(v);
        }
        return "{\"benchmark\":\"dev.logdrain.bench.jmh." + benchmark + "\","
                + (transport == null ? "" : "\"params\":{\"transport\":\"" + transport + "\"},")
                + "\"primaryMetric\":{\"score\":0,\"rawData\":[[" + raw + "]]}}";
    }

    @Test
    void targetsFromTheMediansAndUnknownBenchmarksListed() throws Exception {
        Path jmh = dir.resolve("jmh-1.json");
        Files.writeString(jmh, "[" + String.join(",",
                result("FormatBenchmark.ours", null, 100, 90, 5000), // median 100: 6× the faster peer
                result("FormatBenchmark.log4j", null, 600),
                result("FormatBenchmark.cloudBees", null, 900),
                result("DecodeBenchmark.ours", null, 1300), // 1.3× the floor: missed
                result("DecodeBenchmark.floor", null, 1000),
                result("SendBenchmark.ours", "tcp", 100),
                result("SendBenchmark.limit", "tcp", 90), // 90%: met
                result("EndToEndBenchmark.ours", "tcp", 1000), // (1000 + 90) / 1000: met
                result("FormatBenchmark.oursZeroCopy", null, 80)) + "]");
        Path probes = dir.resolve("probes.properties");
        Files.writeString(probes, String.join("\n",
                "lambdacold.floor.wall_ms=100", "lambdacold.floor.wall_min_ms=90",
                "lambdacold.lambda_cfn.wall_ms=500", "lambdacold.lambda.wall_ms=200", // 5×: missed; 2×: met
                "maxpayload.workload.events=8952", "maxpayload.workload.xmx109m.exit=0",
                "maxpayload.workload.xmx109m.response={\"events\":8952}",
                "maxpayload.workload.xmx109m.heap_max_bytes=111411000",
                "maxpayload.workload.xmx109m.heap_peak_bytes=27000000", ""));
        Path out = dir.resolve("table.md");
        Path profile = dir.resolve("profile.txt");
        Report.main(new String[] {"--jmh", jmh + "," + dir.resolve("absent.json"), "--probes", probes.toString(),
                "--roundtrips", dir.resolve("none.properties").toString(), "--out", out.toString(),
                "--profile-list", profile.toString()});

        String table = Files.readString(out);
        assertThat(table).contains("| 1 | format RFC 5424, ns/event | 100 ns |").contains("6.00× faster than the faster"
                + " peer | ≥ 5× | yes |");
        assertThat(table).contains("1.30× the floor | ≤ 1.2× | **no** (needs 1200 ns/event) |");
        assertThat(table).contains("90% of the limit's speed | ≥ 85% | yes |");
        assertThat(table).contains("109% of the limit's speed | ≥ 85% | yes |");
        assertThat(table).contains("5.00× the floor | ≤ 4× | **no**").contains("2.00× the floor | ≤ 2.5× | yes |");
        assertThat(table).contains("delivered; peak heap 25.7 MiB");
        assertThat(table).contains("| 2 | round trips of a cold and a warm invocation (bench/roundtrips) | not run |");
        assertThat(table).contains("Other JMH results of this run (ns/event, no target): FormatBenchmark.oursZeroCopy 80 ns.");
        assertThat(Files.readString(profile).strip()).isEqualTo("DecodeBenchmark.ours");
    }
}
