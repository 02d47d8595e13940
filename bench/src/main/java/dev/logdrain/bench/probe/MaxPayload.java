package dev.logdrain.bench.probe;

import dev.logdrain.bench.Receiver;
import dev.logdrain.bench.Workload;
import dev.logdrain.spi.LogEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The largest payloads CloudWatch Logs can hand a Lambda function ({@code Probes --what maxpayload}): events as
 * large as the 1 MB limit of an asynchronous invocation allows, each through the handler in a fresh JVM with the
 * heap of a 128 MB function. Three payloads: the bench workload (random ids and numbers, gzip ratio ~3.3), access-log
 * lines that differ only in a few numbers (gzip ~10-20), and the worst case the decoder allows (identical long
 * messages: the decoded JSON just under the decoder's limit, a sixth of the heap). Writes {@code maxpayload.*} keys.
 */
final class MaxPayload {

    /** Lambda's limit for an asynchronous invocation's event (1 MB; the bench takes 1 MiB). */
    static final int ASYNC_LIMIT = 1024 * 1024;

    private final Probes probes;

    MaxPayload(Probes probes) {
        this.probes = probes;
    }

    void run() throws Exception {
        try (Receiver rx = Receiver.tcp()) {
            String lambdaCp = probes.lambdaClassPath();
            Map<String, String> env = probes.lambdaEnv(Map.of("LOGDRAIN_URL", "tcp://127.0.0.1:" + rx.port()));
            // the heap of a 128 MB function: 85% of it (-XX:MaxHeapSize=111411k, as Lambda's Java runtimes are reported
            // to start the JVM), and the probes' usual, more careful -Xmx96m
            List<List<String>> heaps = List.of(
                    List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxHeapSize=111411k"),
                    Probes.LAMBDA_JVM);
            List<String> names = List.of("xmx109m", "xmx96m");
            Map<String, Workload> payloads = new java.util.LinkedHashMap<>();
            payloads.put("workload", largest(n -> Workload.of(n, 20240514L + n)));
            payloads.put("accesslog", largest(MaxPayload::accessLog));
            // decoded just under the decoder's limit (a sixth of the heap) of each heap, identical 2,000-byte lines:
            // 106.4 MiB and 92.8 MiB are what Runtime.maxMemory() says for the two heaps
            payloads.put("worst", Workload.of(repeated((long) (106.4 * 1024 * 1024 / 6 * 0.97))));
            payloads.put("worst96", Workload.of(repeated((long) (92.8 * 1024 * 1024 / 6 * 0.97))));
            for (Map.Entry<String, Workload> p : payloads.entrySet()) {
                Workload w = p.getValue();
                String key = "maxpayload." + p.getKey();
                Path file = probes.work.resolve("maxpayload-" + p.getKey() + ".json");
                Files.write(file, w.lambdaEvent());
                probes.results.put(key + ".events", String.valueOf(w.size()));
                probes.results.put(key + ".event_bytes", String.valueOf(w.lambdaEvent().length));
                probes.results.put(key + ".gzip_bytes", String.valueOf(w.gzip().length));
                probes.results.put(key + ".json_bytes", String.valueOf(w.payloadJson().length));
                probes.results.put(key + ".message_bytes", String.valueOf(w.messageBytes()));
                List<String> args = List.of("-cp", lambdaCp, LambdaDriver.class.getName(), "memory", file.toString());
                for (int h = 0; h < heaps.size(); h++) {
                    Probes.Result r = probes.run("maxpayload-" + p.getKey() + "-" + names.get(h), heaps.get(h), args, env, rx);
                    String k = key + "." + names.get(h);
                    probes.results.put(k + ".exit", String.valueOf(r.exit()));
                    if (r.exit() != 0) {
                        probes.results.put(k + ".output", r.output().replace('\n', ' ').strip());
                    }
                    r.output().lines().filter(l -> l.startsWith("probe.response=")).findFirst().ifPresent(l ->
                            probes.results.put(k + ".response", l.substring(15, Math.min(l.length(), 215))));
                    for (String v : List.of("heap_peak_bytes", "max_heap_after_gc_bytes", "gcs", "invoke_ms", "heap_max_bytes", "direct_bytes")) {
                        Probes.probeValue(r.output(), v).ifPresent(x -> probes.results.put(k + "." + v, Probes.format(x)));
                    }
                }
            }
        }
    }

    /** The workload with the most events whose Lambda event fits the asynchronous limit. */
    private static Workload largest(IntFunction<Workload> make) {
        int low = 1;
        int high = 200_000;
        Workload best = make.apply(low);
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            Workload w = make.apply(mid);
            if (w.lambdaEvent().length <= ASYNC_LIMIT) {
                low = mid;
                best = w;
            } else {
                high = mid;
            }
        }
        return best;
    }

    /** Access-log lines of one service: the same shape, a few numbers differ; ids and times as CloudWatch's. */
    private static Workload accessLog(int n) {
        List<LogEvent> events = new ArrayList<>(n);
        java.util.Random random = new java.util.Random(7);
        long t = 1_764_630_000_000L;
        String[] paths = {"/api/orders", "/api/orders/%d", "/api/customers/%d", "/health", "/api/cart/%d/items"};
        for (int i = 0; i < n; i++) {
            t += random.nextInt(20);
            String path = String.format(paths[random.nextInt(paths.length)], random.nextInt(100_000));
            String message = String.format("10.0.%d.%d - - [01/Dec/2026:23:%02d:%02d +0000] \"GET %s HTTP/1.1\" %d %d"
                            + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)\" rt=0.%03d",
                    random.nextInt(4), random.nextInt(256), (i / 60) % 60, i % 60, path,
                    random.nextInt(50) == 0 ? 500 : 200, 200 + random.nextInt(5000), random.nextInt(1000));
            events.add(new LogEvent(String.format("%056d", 38_000_000_000_000L + i * 7L), t, message));
        }
        return Workload.of(events);
    }

    /** Identical 2,000-byte messages whose payload JSON is about {@code jsonBytes}. */
    private static List<LogEvent> repeated(long jsonBytes) {
        String message = "x".repeat(1_990) + " the end";
        int n = (int) (jsonBytes / (message.length() + 100));
        List<LogEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(new LogEvent(String.format("%056d", i), 1_764_630_000_000L + i, message));
        }
        return events;
    }
}
