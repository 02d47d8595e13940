package dev.logdrain.bench.probe;

import dev.logdrain.bench.Receiver;
import dev.logdrain.bench.Workload;
import dev.logdrain.spi.LogEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The measurements that need fresh JVMs, each started as its own process and timed from the outside:
 * <ul>
 *   <li>cold start of {@code ./logdrain replay} of one event to a TCP receiver (the launcher, with its JVM
 *       options and AppCDS archive, and the plain jar), against a minimal Java program writing the same bytes
 *       and a JVM sending one message with CloudBees;</li>
 *   <li>the Lambda handler's init and first invocation, with the URL given and looked up in CloudFormation
 *       (a loopback DescribeStacks server), with and without AppCDS;</li>
 *   <li>memory: batches of 2,500 to 20,000 events through the Lambda handler with {@code -Xmx96m}, and the
 *       smallest heap each one works with.</li>
 * </ul>
 * Writes {@code KEY=VALUE} lines (sorted) to {@code --out}.
 *
 * <p>Usage: {@code Probes --work DIR --out FILE --launcher ./logdrain --cli-jar JAR --lambda-dir DIR --bench-classes DIR
 * --cloudbees-jar JAR [--runs N] [--what WHAT[,WHAT...]]}, WHAT one of cold, memory, all (the issue-9
 * rows: cold and memory), lambda-cold, maxpayload (issue 18; what {@code bench/run} measures)
 */
public final class Probes {

    /** What the Lambda Java 17 runtime starts the JVM with (C1 only, serial GC), and a 128 MB function's heap. */
    static final List<String> LAMBDA_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx96m");
    static final int[] MEMORY_BATCHES = {2_500, 5_000, 10_000, 20_000};
    /** Marks a command that is a script (the ./logdrain launcher), not a Java class or jar. */
    private static final String LAUNCHER = "exec:";
    static final String JAVA = "java:"; // as the first JVM option: the java binary to run instead of this JVM's

    final Map<String, String> options;
    final Path work;
    final Map<String, String> results = new TreeMap<>();
    private final String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    private Probes(Map<String, String> options) throws IOException {
        this.options = options;
        this.work = Paths.get(options.get("work"));
        Files.createDirectories(work);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Probes probes = new Probes(options);
        List<String> what = List.of(options.getOrDefault("what", "all").split(","));
        int runs = Integer.parseInt(options.getOrDefault("runs", "7"));
        if (what.contains("all") || what.contains("cold")) {
            probes.coldStart(runs);
        }
        if (what.contains("lambda-cold")) {
            new LambdaColdStart(probes).run(runs);
        }
        if (what.contains("maxpayload")) {
            new MaxPayload(probes).run();
        }
        if (what.contains("all") || what.contains("memory")) {
            probes.memory();
        }
        StringBuilder sb = new StringBuilder();
        probes.results.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(Paths.get(options.get("out")), sb.toString());
        System.out.print(sb);
    }

    // ---- cold start ------------------------------------------------------------------------------------------

    private void coldStart(int runs) throws Exception {
        try (Receiver rx = Receiver.tcp(); FakeAws.CloudFormation cfn = new FakeAws.CloudFormation();
             FakeAws.SecretsManager secrets = new FakeAws.SecretsManager()) {
            String url = "tcp://127.0.0.1:" + rx.port();
            cfn.parameter("logdrain", "Url", url);
            secrets.secret = url;
            LogEvent event = Workload.standard().events().get(1);
            Path eventFile = work.resolve("one-event.json");
            Files.write(eventFile, Workload.of(List.of(event)).lambdaEvent());
            Path messageFile = work.resolve("one-message.txt");
            Files.writeString(messageFile, event.message());

            Path cliJar = Paths.get(options.get("cli-jar"));
            List<String> replay = List.of("replay", "--url", url, eventFile.toString());
            List<String> cliJarArgs = concat(List.of("-jar", cliJar.toString()), replay);
            // ./logdrain as users run it: its JVM options and the class-data sharing archive it makes once
            List<String> cli = concat(List.of(LAUNCHER + options.get("launcher")), replay);

            // our bytes for one event: the floor writes exactly these
            rx.capture();
            Result first = run("cli-first", List.of(), cli, Map.of(), rx); // may build, and makes the archive
            rx.awaitQuiet(200);
            byte[] ours = rx.captured();
            if (first.exit != 0 || ours.length == 0) {
                throw new IllegalStateException("logdrain replay failed (exit " + first.exit + "): " + first.output);
            }
            Path bytesFile = work.resolve("one-event.bytes");
            Files.write(bytesFile, ours);
            results.put("cold.event_bytes", String.valueOf(ours.length));
            results.put("cold.event_wire", new String(ours, StandardCharsets.UTF_8).replace("\n", "\\n"));

            String benchClasses = options.get("bench-classes");
            String lambdaCp = lambdaClassPath();
            List<String> lambda = List.of("-cp", lambdaCp, LambdaDriver.class.getName(), "cold", eventFile.toString());
            Map<String, String> lambdaEnv = lambdaEnv(Map.of("LOGDRAIN_URL", url));
            Map<String, String> lambdaCfnEnv = cloudFormationEnv(cfn);

            Map<String, String> lambdaSecretEnv = withCredentials(lambdaEnv(Map.of(
                    "LOGDRAIN_URL_SECRET", "logdrain/url",
                    "LOGDRAIN_SECRETSMANAGER_ENDPOINT", secrets.endpoint())));

            // an AppCDS archive for the handler, dumped at the exit of one training run
            Path lambdaJsa = work.resolve("lambda.jsa");
            Files.deleteIfExists(lambdaJsa);
            run("lambda-train", concat(LAMBDA_JVM, List.of("-XX:ArchiveClassesAtExit=" + lambdaJsa)), lambda,
                    lambdaCfnEnv, rx);
            Path cliJsa = cliJar.resolveSibling("logdrain-cli.jsa");
            if (Files.exists(cliJsa)) {
                results.put("cold.cli.archive_bytes", String.valueOf(Files.size(cliJsa)));
            }
            results.put("cold.lambda_cds.archive_bytes", String.valueOf(Files.size(lambdaJsa)));

            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put("floor", new Variant(List.of(), List.of("-cp", benchClasses, MinimalSend.class.getName(),
                    String.valueOf(rx.port()), bytesFile.toString()), Map.of()));
            variants.put("cloudbees", new Variant(List.of(), List.of("-cp",
                    benchClasses + ":" + options.get("cloudbees-jar"), CloudBeesSend.class.getName(),
                    String.valueOf(rx.port()), String.valueOf(event.timestamp()), messageFile.toString()), Map.of()));
            variants.put("cli", new Variant(List.of(), cli, Map.of()));
            variants.put("cli_jar", new Variant(List.of(), cliJarArgs, Map.of()));
            variants.put("lambda", new Variant(LAMBDA_JVM, lambda, lambdaEnv));
            variants.put("lambda_cfn", new Variant(LAMBDA_JVM, lambda, lambdaCfnEnv));
            variants.put("lambda_secret", new Variant(LAMBDA_JVM, lambda, lambdaSecretEnv));
            variants.put("lambda_cds", new Variant(concat(LAMBDA_JVM, List.of("-XX:SharedArchiveFile=" + lambdaJsa)),
                    lambda, lambdaEnv));
            variants.put("lambda_cfn_cds", new Variant(concat(LAMBDA_JVM,
                    List.of("-XX:SharedArchiveFile=" + lambdaJsa)), lambda, lambdaCfnEnv));

            // classes loaded: one logged run each; where the extra classes come from, against the floor
            Map<String, Map<String, Integer>> packages = new HashMap<>();
            for (Map.Entry<String, Variant> v : variants.entrySet()) {
                Path log = work.resolve("classes-" + v.getKey() + ".log");
                Files.deleteIfExists(log);
                Variant variant = v.getValue();
                Result r = run(v.getKey() + "-classes", concat(variant.jvm, List.of("-Xlog:class+load:file=" + log)),
                        variant.args, variant.env, rx);
                check(v.getKey(), r);
                List<String> lines = Files.readAllLines(log);
                long shared = lines.stream().filter(l -> l.contains("shared objects file")).count();
                results.put("cold." + v.getKey() + ".classes", String.valueOf(lines.size()));
                results.put("cold." + v.getKey() + ".classes_shared", String.valueOf(shared));
                packages.put(v.getKey(), packageCounts(lines));
            }
            for (String v : List.of("cli", "cloudbees", "lambda", "lambda_cfn", "lambda_secret")) {
                Map<String, Integer> extra = new HashMap<>(packages.get(v));
                packages.get("floor").forEach((k, n) -> extra.merge(k, -n, Integer::sum));
                results.put("cold." + v + ".extra_classes_by_package", extra.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .sorted((a, b) -> b.getValue() - a.getValue()).limit(10)
                        .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(""));
            }

            // wall time: the variants take turns, so that a change of load hits all of them alike
            Map<String, List<Double>> walls = new LinkedHashMap<>();
            Map<String, List<Double>> inits = new LinkedHashMap<>();
            Map<String, List<Double>> invokes = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, Variant> v : variants.entrySet()) {
                    Variant variant = v.getValue();
                    Result r = run(v.getKey(), variant.jvm, variant.args, variant.env, rx);
                    check(v.getKey(), r);
                    walls.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(r.wallMillis);
                    probeValue(r.output, "init_ms").ifPresent(x ->
                            inits.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(x));
                    probeValue(r.output, "invoke_ms").ifPresent(x ->
                            invokes.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(x));
                }
            }
            walls.forEach((k, list) -> {
                results.put("cold." + k + ".wall_ms", format(median(list)));
                results.put("cold." + k + ".wall_min_ms", format(list.stream().mapToDouble(d -> d).min().orElse(0)));
            });
            inits.forEach((k, list) -> results.put("cold." + k + ".init_ms", format(median(list))));
            invokes.forEach((k, list) -> results.put("cold." + k + ".invoke_ms", format(median(list))));
            results.put("cold.runs", String.valueOf(runs));
            results.put("cold.cfn_requests", String.valueOf(cfn.requests));
            results.put("cold.secret_requests", String.valueOf(secrets.requests));
        }
    }

    /**
     * The unpacked Lambda zip as a class path of jars only: its root classes put in a jar, then {@code lib/*},
     * then this driver in a jar. AppCDS refuses a class path with a non-empty directory on it, so the zip's
     * layout (classes at the root) cannot be archived as it is.
     */
    String lambdaClassPath() throws IOException {
        return lambdaClassPath(options.get("lambda-dir"), "lambda-task.jar");
    }

    /** The same for the unpacked zip in {@code dir}, its root classes in {@code taskJar} of the work folder. */
    String lambdaClassPath(String dir, String taskJar) throws IOException {
        Path lambdaDir = Paths.get(dir);
        Path task = work.resolve(taskJar);
        Path driver = work.resolve("lambda-driver.jar");
        if (!Files.exists(task)) {
            jar(lambdaDir, task, p -> !p.startsWith(lambdaDir.resolve("lib")));
            Path classes = Paths.get(options.get("bench-classes"));
            jar(classes, driver, p -> p.toString().contains("LambdaDriver"));
        }
        return task + ":" + lambdaDir.resolve("lib") + "/*:" + driver;
    }

    private static void jar(Path root, Path jar, java.util.function.Predicate<Path> include) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).filter(include).sorted()::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    /** The handler's environment when it reads its URL from the loopback CloudFormation. */
    Map<String, String> cloudFormationEnv(FakeAws.CloudFormation cfn) {
        return withCredentials(lambdaEnv(Map.of("LOGDRAIN_CLOUDFORMATION_ENDPOINT", cfn.endpoint())));
    }

    /** Adds AWS's documented example keys: the loopback services check no signature. */
    private static Map<String, String> withCredentials(Map<String, String> env) {
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        env.put("AWS_SESSION_TOKEN", "session-token");
        return env;
    }

    Map<String, String> lambdaEnv(Map<String, String> more) {
        // LOGDRAIN_CACHE_DIR: a fresh folder for every run, the URL must really be looked up
        Map<String, String> env = new HashMap<>(Map.of("AWS_LAMBDA_FUNCTION_NAME", "logdrain-Function-BENCH",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/logdrain-Function-BENCH", "AWS_REGION", "us-east-1",
                "AWS_EC2_METADATA_DISABLED", "true", "LOGDRAIN_CACHE_DIR", "@fresh"));
        env.putAll(more);
        return env;
    }

    /** Classes per package (two segments; three for dev.logdrain) from a -Xlog:class+load log. */
    static Map<String, Integer> packageCounts(List<String> lines) {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : lines) {
            int start = line.lastIndexOf("] ");
            int end = line.indexOf(" source:");
            if (start < 0 || end < start) {
                continue;
            }
            String[] parts = line.substring(start + 2, end).split("\\.");
            int depth = parts.length > 2 && parts[0].equals("dev") && parts[1].equals("logdrain") ? 3 : 2;
            String pkg = String.join(".", Arrays.copyOf(parts, Math.min(depth, parts.length - 1)));
            counts.merge(pkg, 1, Integer::sum);
        }
        return counts;
    }

    static void check(String name, Result r) {
        if (r.exit != 0) {
            throw new IllegalStateException(name + " failed (exit " + r.exit + "): " + r.output);
        }
    }

    // ---- memory ----------------------------------------------------------------------------------------------

    private void memory() throws Exception {
        try (Receiver rx = Receiver.tcp()) {
            String benchClasses = options.get("bench-classes");
            String lambdaCp = lambdaClassPath();
            Map<String, String> env = lambdaEnv(Map.of("LOGDRAIN_URL", "tcp://127.0.0.1:" + rx.port()));
            for (int n : MEMORY_BATCHES) {
                Workload w = n == Workload.EVENTS ? Workload.standard() : Workload.of(n, 20240514L + n);
                Path file = work.resolve("batch-" + n + ".json");
                Files.write(file, w.lambdaEvent());
                results.put("memory." + n + ".event_bytes", String.valueOf(w.lambdaEvent().length));
                results.put("memory." + n + ".json_bytes", String.valueOf(w.payloadJson().length));
                List<String> args = List.of("-cp", lambdaCp, LambdaDriver.class.getName(), "memory", file.toString());
                Result r = run("memory-" + n, LAMBDA_JVM, args, env, rx);
                check("memory " + n, r);
                for (String key : List.of("heap_peak_bytes", "max_heap_after_gc_bytes", "heap_before_bytes", "gcs",
                        "invoke_ms")) {
                    probeValue(r.output, key).ifPresent(v -> results.put("memory." + n + "." + key, format(v)));
                }
                // the smallest heap (MiB, to 2 MiB) that handles this batch
                int ok = 96;
                int fail = 4;
                while (ok - fail > 2) {
                    int mid = (ok + fail) / 2;
                    List<String> jvm = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx" + mid + "m");
                    Result t = run("memory-" + n + "-" + mid, jvm, args, env, rx);
                    if (t.exit == 0) {
                        ok = mid;
                    } else {
                        fail = mid;
                    }
                }
                results.put("memory." + n + ".min_xmx_mb", String.valueOf(ok));
            }
        }
    }

    // ---- processes -------------------------------------------------------------------------------------------

    record Variant(List<String> jvm, List<String> args, Map<String, String> env) {
    }

    record Result(int exit, double wallMillis, String output) {
    }

    Result run(String name, List<String> jvm, List<String> args, Map<String, String> env, Receiver rx)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        boolean launcher = !args.isEmpty() && args.get(0).startsWith(LAUNCHER);
        if (launcher) {
            command.add(args.get(0).substring(LAUNCHER.length()));
            command.addAll(args.subList(1, args.size()));
        } else if (!jvm.isEmpty() && jvm.get(0).startsWith(JAVA)) {
            command.add(jvm.get(0).substring(JAVA.length())); // another JDK's java
            command.addAll(jvm.subList(1, jvm.size()));
            command.addAll(args);
        } else {
            command.add(javaBin);
            command.addAll(jvm);
            command.addAll(args);
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> penv = pb.environment();
        List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "LOGDRAIN_JAVA_OPTS").forEach(penv::remove);
        penv.put("JAVA_HOME", System.getProperty("java.home"));
        if (launcher && !jvm.isEmpty()) {
            penv.put("LOGDRAIN_JAVA_OPTS", String.join(" ", jvm)); // the launcher adds them after its own
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue().equals("@fresh")) {
                Path fresh = Files.createTempDirectory(work, "cache-");
                penv.put(e.getKey(), fresh.toString());
            } else {
                penv.put(e.getKey(), e.getValue());
            }
        }
        Path output = work.resolve("out-" + name + ".txt");
        pb.redirectErrorStream(true).redirectOutput(output.toFile());
        long before = rx.bytes();
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in 2 minutes: " + command);
        }
        double wall = (System.nanoTime() - start) / 1e6;
        String text = Files.readString(output);
        if (p.exitValue() == 0 && !name.startsWith("memory-")) {
            // the process counts only if the receiver got its message
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (rx.bytes() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (rx.bytes() == before) {
                return new Result(99, wall, "nothing reached the receiver; output: " + text);
            }
        }
        return new Result(p.exitValue(), wall, text);
    }

    static Optional<Double> probeValue(String output, String key) {
        for (String line : output.split("\n")) {
            if (line.startsWith("probe." + key + "=")) {
                return Optional.of(Double.parseDouble(line.substring(key.length() + 7).strip()));
            }
        }
        return Optional.empty();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.1f", v);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
