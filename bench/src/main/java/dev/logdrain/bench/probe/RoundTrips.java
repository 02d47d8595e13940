package dev.logdrain.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.logdrain.bench.Certs;
import dev.logdrain.bench.DelayProxy;
import dev.logdrain.bench.Receiver;
import dev.logdrain.bench.RelpServer;
import dev.logdrain.bench.Workload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wall time of a cold and a warm Lambda invocation delivering one batch through {@link DelayProxy}, in round
 * trips, next to the fewest round trips each protocol needs. The real {@code CloudWatchLogsHandler} runs in
 * this JVM (class path: the unpacked Lambda zip and the bench classes), created with its configuration in an
 * environment map as Lambda would give it. Cold: a new handler (new Forwarder, no connection), first
 * invocation; warm: its second invocation, after an idle pause longer than any reuse check's threshold.
 * Every run is done through a proxy with the latency and through one with none (the local work: CPU,
 * loopback), taking turns. Receivers: the bench's {@link Receiver} for tcp and tcp+tls, a real rsyslog
 * (imrelp) for relp.
 *
 * <p>Usage: {@code RoundTrips --work DIR --out FILE.md --props FILE [--one-way-ms 25] [--runs 5]
 * [--events 1000] [--idle-ms 500]}
 */
public final class RoundTrips {

    private static final String HANDLER = "dev.logdrain.lambda.CloudWatchLogsHandler";

    /** What each configuration needs at least on a real network, in round trips. */
    private record Config(String name, String upstream, String urlTail, double minCold, double minWarm,
                          String minimumReason) {
    }

    /** One invocation: its wall time, the connections the proxy accepted for it, the CPU time of the invoking thread. */
    private record Measured(double wallMillis, int connections, long cpuNanos) {
    }

    private final Map<String, String> options;
    private final Path work;
    private final int events;
    private final double oneWayMillis;
    private final int runs;
    private final long idleMillis;
    private final boolean quickAck;
    private final byte[] event;
    private final Map<String, String> props = new TreeMap<>();
    private final Map<String, String> traces = new LinkedHashMap<>();

    private RoundTrips(Map<String, String> options) throws IOException {
        this.options = options;
        this.work = Files.createDirectories(Paths.get(options.get("work")));
        this.events = Integer.parseInt(options.getOrDefault("events", "1000"));
        this.oneWayMillis = Double.parseDouble(options.getOrDefault("one-way-ms", "25"));
        this.runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        this.idleMillis = Long.parseLong(options.getOrDefault("idle-ms", "500"));
        this.quickAck = Boolean.parseBoolean(options.getOrDefault("quickack", "false"));
        this.event = Workload.of(events, 20241201L).lambdaEvent();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new RoundTrips(options).run();
        System.exit(0);
    }

    private List<Config> configs() {
        int window = 128;
        int windows = (events + window - 1) / window;
        Certs certs = Certs.get();
        String ca = "ca=" + certs.caCert();
        String mutual = ca + "&cert=" + certs.clientCert() + "&key=" + certs.clientKey();
        List<Config> list = new ArrayList<>();
        list.add(new Config("tcp", "tcp", "", 1, 0, "TCP handshake; no acknowledgement to wait for"));
        list.add(new Config("tcp+tls", "tls", "?" + ca, 2, 0, "TCP + TLS 1.3 handshake, data with the client's Finished"));
        list.add(new Config("tcp+tls, confirm=close", "tls", "?" + ca + "&confirm=close", 3, 3,
                "TCP + TLS + the close (half-close out, server's close back); closed after every batch, so warm too"));
        list.add(new Config("tcp+tls, client certificate", "mtls", "?" + mutual, 2, 0,
                "as tcp+tls: the server's verdict on the certificate need not be awaited"));
        int defaultWindow = 10_000; // RelpSinkProvider.DEFAULT_WINDOW: a whole CloudWatch batch is one window
        int defaultWindows = (events + defaultWindow - 1) / defaultWindow;
        list.add(new Config("relp (default window " + defaultWindow + ")", "relp", "", 2 + defaultWindows, defaultWindows,
                "TCP + open + the data and its last ack (RELP's own minimum)"));
        list.add(new Config("relp+tls (default window " + defaultWindow + ")", "relps", "?" + mutual, 3 + defaultWindows,
                defaultWindows, "TCP + TLS + open + the data and its last ack"));
        list.add(new Config("relp, window=128 (the old default)", "relp", "?window=128", 2 + windows, windows,
                "TCP + open + " + windows + " windows of 128 (the last ack ends the batch)"));
        list.add(new Config("relp+tls, window=128 (the old default)", "relps", "?" + mutual + "&window=128", 3 + windows,
                windows, "TCP + TLS + open + " + windows + " windows of 128"));
        String only = options.getOrDefault("only", "");
        list.removeIf(c -> !c.name().startsWith(only));
        return list;
    }

    private void run() throws Exception {
        Certs certs = Certs.get();
        try (Receiver tcp = Receiver.tcp(); Receiver tls = Receiver.tls(certs.serverContext());
             Receiver mtls = Receiver.tlsMutual();
             RelpServer relp = RelpServer.start(work.resolve("rsyslog"))) {
            Map<String, Integer> upstreams = Map.of("tcp", tcp.port(), "tls", tls.port(), "mtls", mtls.port(), "relp", relp.plainPort(),
                    "relps", relp.tlsPort());
            Map<String, DelayProxy> delayed = new HashMap<>();
            Map<String, DelayProxy> direct = new HashMap<>();
            for (Map.Entry<String, Integer> u : upstreams.entrySet()) {
                delayed.put(u.getKey(), new DelayProxy(u.getValue(), oneWayMillis, quickAck));
                direct.put(u.getKey(), new DelayProxy(u.getValue(), 0, quickAck));
            }
            double rtt = 2 * oneWayMillis;
            double pingMillis = ping();
            props.put("rtt.nominal_ms", fmt(rtt));
            props.put("rtt.ping_ms", fmt(pingMillis));
            props.put("events", String.valueOf(events));
            System.err.printf("round trip through the proxy: %.2f ms (nominal %.1f)%n", pingMillis, rtt);

            List<Config> configs = configs();
            // warm the code up (class loading, C1) on the proxies without latency
            for (int i = 0; i < 3; i++) {
                for (Config c : configs) {
                    invokePair(c, direct.get(c.upstream()), 50, false);
                }
            }
            Map<String, List<Measured>> results = new LinkedHashMap<>();
            for (int r = 0; r < runs; r++) {
                for (Config c : configs) {
                    for (boolean withDelay : new boolean[] {true, false}) {
                        DelayProxy proxy = (withDelay ? delayed : direct).get(c.upstream());
                        Measured[] pair = invokePair(c, proxy, idleMillis, withDelay && r == 0);
                        String key = c.name() + (withDelay ? "|delay" : "|direct");
                        results.computeIfAbsent(key + "|cold", k -> new ArrayList<>()).add(pair[0]);
                        results.computeIfAbsent(key + "|warm", k -> new ArrayList<>()).add(pair[1]);
                    }
                }
                System.err.println("run " + (r + 1) + " of " + runs + " done");
            }
            props.put("relp.messages_written", String.valueOf(relp.messages()));
            String table = table(configs, results, rtt, pingMillis);
            Files.writeString(Paths.get(options.get("out")), table);
            System.out.print(table);
            StringBuilder tl = new StringBuilder();
            traces.forEach((k, v) -> tl.append("### ").append(k).append("\n```\n").append(v).append("```\n"));
            Files.writeString(Paths.get(options.get("traces")), tl.toString());
            StringBuilder sb = new StringBuilder();
            props.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            Files.writeString(Paths.get(options.get("props")), sb.toString());
            delayed.values().forEach(DelayProxy::close);
            direct.values().forEach(DelayProxy::close);
        }
    }

    /** A new handler: the cold invocation, an idle pause, the warm invocation; then the handler is closed. */
    private Measured[] invokePair(Config c, DelayProxy proxy, long idle, boolean trace) throws Exception {
        String scheme = c.upstream().equals("relps") ? "relp+tls" : c.upstream().equals("relp") ? "relp"
                : c.upstream().contains("tls") ? "tcp+tls" : "tcp";
        String url = scheme + "://127.0.0.1:" + proxy.port() + c.urlTail();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function-BENCH");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/logdrain-Function-BENCH");
        env.put("AWS_REGION", "us-east-1");
        env.put("LOGDRAIN_URL", url);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        Object handler = newHandler(env, out);
        try {
            Measured cold = invoke(handler, proxy, c, log, trace ? c.name() + ", cold" : null);
            Thread.sleep(idle);
            int before = log.size();
            Measured warm = invoke(handler, proxy, c, log, trace ? c.name() + ", warm" : null);
            // what the function writes to its own log group per invocation (summary and metric lines)
            props.put("handler.stdout_bytes." + c.name().replaceAll("[^a-z0-9+]+", "_"),
                    String.valueOf(log.size() - before));
            Thread.sleep(Math.min(idle, 100));
            return new Measured[] {cold, warm};
        } finally {
            closeHandler(handler);
        }
    }

    private Measured invoke(Object handler, DelayProxy proxy, Config c, ByteArrayOutputStream log, String traceName)
            throws IOException, InterruptedException {
        int before = proxy.connections();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        if (traceName != null) {
            proxy.startTrace();
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try {
            ((RequestStreamHandler) handler).handleRequest(new ByteArrayInputStream(event), response,
                    new LambdaDriver.BenchContext());
        } catch (RuntimeException e) {
            throw new IllegalStateException(c.name() + ": the invocation failed: " + e.getMessage() + "\n"
                    + log.toString(StandardCharsets.UTF_8), e);
        }
        long nanos = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        Thread.sleep(30); // the proxy's accept thread may count a connection after the client has used it
        if (traceName != null) {
            Thread.sleep(2 * proxy.oneWayNanos() / 1_000_000); // what the server sends last, too
            traces.put(traceName, timeline(proxy.stopTrace(), start, nanos, proxy.oneWayNanos(), proxy.connections() - before,
                    before));
        }
        String answer = response.toString(StandardCharsets.UTF_8);
        if (!answer.contains("\"events\":" + events)) {
            throw new IllegalStateException(c.name() + ": unexpected response " + answer);
        }
        return new Measured(nanos / 1e6, proxy.connections() - before, cpu);
    }

    /**
     * The proxy's trace of one invocation as the client sees it: what it sent (up, at the time the proxy read
     * it) and what reached it (down, read time + one-way latency), chunks less than 1 ms apart in the same
     * direction merged, times from the start of the invocation.
     */
    private static String timeline(List<DelayProxy.Hop> hops, long start, long invokeNanos, long oneWay, int newConnections,
                                   int connectionsBefore) {
        StringBuilder t = new StringBuilder();
        t.append(String.format("invocation %.1f ms, %d new connection(s); times as the client sees them%n",
                invokeNanos / 1e6, newConnections));
        List<long[]> merged = new ArrayList<>(); // connection, up, client time, bytes, chunks, special
        for (DelayProxy.Hop h : hops) {
            long at = (h.up() ? h.readNanos() : h.readNanos() + oneWay) - start;
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last[0] == h.connection() && last[1] == (h.up() ? 1 : 0) && h.bytes() > 0
                    && last[5] == 0 && at - last[2] < 1_000_000) {
                last[3] += h.bytes();
                last[4]++;
            } else {
                merged.add(new long[] {h.connection(), h.up() ? 1 : 0, at, Math.max(h.bytes(), 0), 1,
                        h.bytes() > 0 ? 0 : h.bytes() == 0 ? 1 : 2});
            }
        }
        merged.sort(java.util.Comparator.comparingLong(m -> m[2]));
        for (long[] m : merged) {
            String what = m[5] == 1 ? "end of input (FIN)" : m[5] == 2 ? "reset"
                    : m[3] + " bytes" + (m[4] > 1 ? " in " + m[4] + " chunks" : "");
            t.append(String.format("%9.1f ms  conn %d  %s  %s%n", m[2] / 1e6, m[0] - connectionsBefore,
                    m[1] == 1 ? "client -> server" : "server -> client", what));
        }
        return t.toString();
    }

    private static Object newHandler(Map<String, String> env, PrintStream out) throws Exception {
        Constructor<?> constructor = Class.forName(HANDLER).getDeclaredConstructor(Map.class, Clock.class,
                PrintStream.class);
        constructor.setAccessible(true);
        return constructor.newInstance(env, Clock.systemUTC(), out);
    }

    private static void closeHandler(Object handler) throws Exception {
        Field host = handler.getClass().getDeclaredField("host");
        host.setAccessible(true);
        ((AutoCloseable) host.get(handler)).close();
    }

    /** The round trip the proxy really gives: one byte there and back through it to an echo server, median of 11. */
    private double ping() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DelayProxy proxy = new DelayProxy(echo.getLocalPort(), oneWayMillis)) {
            Thread t = new Thread(() -> {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                    s.setTcpNoDelay(true);
                    int b;
                    while ((b = in.read()) >= 0) {
                        o.write(b);
                    }
                } catch (IOException ignored) {
                    // done
                }
            }, "echo");
            t.setDaemon(true);
            t.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                s.setTcpNoDelay(true);
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    long start = System.nanoTime();
                    s.getOutputStream().write(i);
                    if (s.getInputStream().read() != i) {
                        throw new IllegalStateException("echo through the proxy returned the wrong byte");
                    }
                    times.add((System.nanoTime() - start) / 1e6);
                }
                return median(times.stream().map(m -> new Measured(m, 0, 0)).toList());
            }
        }
    }

    private String table(List<Config> configs, Map<String, List<Measured>> results, double rtt, double ping) {
        StringBuilder t = new StringBuilder();
        t.append(String.format("Round trip %.0f ms (%.1f ms each way; measured through the proxy: %.2f ms); %d events"
                + " (%d bytes of Lambda event) per invocation; median of %d runs%s.%n%n", rtt, oneWayMillis, ping, events,
                event.length, runs, quickAck ? "; the proxy acknowledges every segment at once (TCP_QUICKACK)" : ""));
        t.append("| protocol | invocation | wall through the proxy, median (min–max) | new connections | round trips:"
                + " wall / RTT + 1 per new connection | the same net of local work | minimum | net over the minimum"
                + " | local work: wall without latency |\n");
        t.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Config c : configs) {
            for (String phase : List.of("cold", "warm")) {
                List<Measured> delayed = results.get(c.name() + "|delay|" + phase);
                List<Measured> direct = results.get(c.name() + "|direct|" + phase);
                double wall = median(delayed);
                double local = median(direct);
                int conns = (int) Math.round(delayed.stream().mapToInt(Measured::connections).average().orElse(0));
                double trips = wall / rtt + conns;
                double net = (wall - local) / rtt + conns;
                double min = phase.equals("cold") ? c.minCold() : c.minWarm();
                String key = "rtt." + c.name().replaceAll("[^a-z0-9+]+", "_") + "." + phase;
                props.put(key + ".wall_ms", fmt(wall));
                props.put(key + ".local_ms", fmt(local));
                props.put(key + ".connections", String.valueOf(conns));
                props.put(key + ".round_trips", fmt(trips));
                props.put(key + ".round_trips_net", fmt(net));
                props.put(key + ".minimum", fmt(min));
                t.append(String.format("| %s | %s | %.1f ms (%.1f–%.1f) | %d | %.2f | %.2f | %s | %+.2f%s | %.1f ms (%.2f RTT) |%n",
                        c.name(), phase, wall, min(delayed), max(delayed), conns, trips, net, fmt(min), net - min,
                        net - min > 0.2 ? " **over**" : "", local, local / rtt));
            }
        }
        t.append("\nCPU time of the invoking thread (the handler: decode, format, frame, TLS, RELP), median, per event:");
        for (Config c : configs) {
            for (String phase : List.of("cold", "warm")) {
                List<Measured> direct = results.get(c.name() + "|direct|" + phase);
                double cpu = direct.stream().mapToLong(Measured::cpuNanos).sorted().skip(direct.size() / 2).findFirst()
                        .orElse(0) / 1e3 / events;
                props.put("cpu." + c.name().replaceAll("[^a-z0-9+]+", "_") + "." + phase + ".us_per_event", fmt(cpu));
                t.append(String.format(" %s %s %.2f µs;", c.name(), phase, cpu));
            }
        }
        t.append('\n');
        t.append("\nMinimums: ");
        for (Config c : configs) {
            t.append(c.name()).append(": ").append(c.minimumReason()).append(". ");
        }
        t.append('\n');
        return t.toString();
    }

    private static double median(List<Measured> values) {
        double[] sorted = values.stream().mapToDouble(Measured::wallMillis).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Measured> values) {
        return values.stream().mapToDouble(Measured::wallMillis).min().orElse(0);
    }

    private static double max(List<Measured> values) {
        return values.stream().mapToDouble(Measured::wallMillis).max().orElse(0);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.2f", v);
    }
}
