package dev.logdrain.bench.probe;

import dev.logdrain.bench.Receiver;
import dev.logdrain.bench.Workload;
import dev.logdrain.spi.LogEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Only the Lambda rows of the cold-start probe ({@code Probes --what lambda-cold}), on Java 17 and, with
 * {@code --java25 JAVA_HOME}, on a Java 25 too: the floor, the handler with the URL in the environment and with the
 * CloudFormation lookup, with an AppCDS archive and (Java 25) an AOT cache (JEP 483), each trained by one run of
 * the CloudFormation variant. The variants take turns; medians of {@code --runs}. Writes {@code lambdacold.*} keys.
 */
final class LambdaColdStart {

    private final Probes probes;

    LambdaColdStart(Probes probes) {
        this.probes = probes;
    }

    void run(int runs) throws Exception {
        try (Receiver rx = Receiver.tcp(); FakeAws.CloudFormation cfn = new FakeAws.CloudFormation()) {
            String url = "tcp://127.0.0.1:" + rx.port();
            cfn.parameter("logdrain", "Url", url);
            LogEvent event = Workload.standard().events().get(1);
            Path eventFile = probes.work.resolve("one-event.json");
            Files.write(eventFile, Workload.of(List.of(event)).lambdaEvent());
            List<String> lambda = List.of("-cp", probes.lambdaClassPath(), LambdaDriver.class.getName(), "cold",
                    eventFile.toString());
            Map<String, String> envUrl = probes.lambdaEnv(Map.of("LOGDRAIN_URL", url));
            Map<String, String> envCfn = probes.cloudFormationEnv(cfn);

            // the bytes the handler sends for the event: the floor writes exactly these
            rx.capture();
            Probes.Result first = probes.run("lc-first", Probes.LAMBDA_JVM, lambda, envUrl, rx);
            Probes.check("lc-first", first);
            rx.awaitQuiet(200);
            Path bytesFile = probes.work.resolve("one-event-lambda.bytes");
            Files.write(bytesFile, rx.captured());
            List<String> floorArgs = List.of("-cp", probes.options.get("bench-classes"), MinimalSend.class.getName(),
                    String.valueOf(rx.port()), bytesFile.toString());

            Map<String, Probes.Variant> variants = new LinkedHashMap<>();
            String base = probes.options.get("lambda-dir-base");
            if (base != null) {
                // an A/B: the CloudFormation variant of another build (e.g. before a change), taking turns with this one
                variants.put("lambda_cfn_base", new Probes.Variant(Probes.LAMBDA_JVM, List.of("-cp",
                        probes.lambdaClassPath(base, "lambda-task-base.jar"), LambdaDriver.class.getName(), "cold",
                        eventFile.toString()), envCfn));
            }
            addJdk(variants, "", List.of(), lambda, floorArgs, envUrl, envCfn, rx, false);
            String java25 = probes.options.get("java25");
            if (java25 != null) {
                addJdk(variants, "25", List.of(Probes.JAVA + java25 + "/bin/java"), lambda, floorArgs, envUrl, envCfn,
                        rx, true);
            }

            for (Map.Entry<String, Probes.Variant> v : variants.entrySet()) {
                Path log = probes.work.resolve("lc-classes-" + v.getKey() + ".log");
                Files.deleteIfExists(log);
                Probes.Variant variant = v.getValue();
                Probes.Result r = probes.run("lc-" + v.getKey() + "-classes",
                        Probes.concat(variant.jvm(), List.of("-Xlog:class+load:file=" + log)), variant.args(),
                        variant.env(), rx);
                Probes.check(v.getKey(), r);
                List<String> lines = Files.readAllLines(log);
                probes.results.put("lambdacold." + v.getKey() + ".classes", String.valueOf(lines.size()));
                probes.results.put("lambdacold." + v.getKey() + ".classes_shared", String.valueOf(lines.stream()
                        .filter(l -> l.contains("shared objects file") || l.contains("AOT")).count()));
                probes.results.put("lambdacold." + v.getKey() + ".classes_software_amazon", String.valueOf(lines.stream()
                        .filter(l -> l.contains(" software.amazon.")).count()));
            }
            Map<String, List<Double>> walls = new LinkedHashMap<>();
            Map<String, List<Double>> inits = new LinkedHashMap<>();
            Map<String, List<Double>> invokes = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, Probes.Variant> v : variants.entrySet()) {
                    Probes.Variant variant = v.getValue();
                    Probes.Result r = probes.run("lc-" + v.getKey(), variant.jvm(), variant.args(), variant.env(), rx);
                    Probes.check(v.getKey(), r);
                    walls.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(r.wallMillis());
                    Probes.probeValue(r.output(), "init_ms").ifPresent(x ->
                            inits.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(x));
                    Probes.probeValue(r.output(), "invoke_ms").ifPresent(x ->
                            invokes.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(x));
                }
            }
            walls.forEach((k, list) -> {
                probes.results.put("lambdacold." + k + ".wall_ms", Probes.format(Probes.median(list)));
                probes.results.put("lambdacold." + k + ".wall_min_ms",
                        Probes.format(list.stream().mapToDouble(d -> d).min().orElse(0)));
            });
            inits.forEach((k, list) -> probes.results.put("lambdacold." + k + ".init_ms", Probes.format(Probes.median(list))));
            invokes.forEach((k, list) -> probes.results.put("lambdacold." + k + ".invoke_ms",
                    Probes.format(Probes.median(list))));
            probes.results.put("lambdacold.runs", String.valueOf(runs));
            probes.results.put("lambdacold.cfn_requests", String.valueOf(cfn.requests));
        }
    }

    /** The floor and the Lambda variants on one JDK ({@code java} empty: this one), with AppCDS and, if asked, AOT. */
    private void addJdk(Map<String, Probes.Variant> variants, String suffix, List<String> java, List<String> lambda,
                        List<String> floorArgs, Map<String, String> envUrl, Map<String, String> envCfn, Receiver rx,
                        boolean aot) throws Exception {
        List<String> jvm = Probes.concat(java, Probes.LAMBDA_JVM);
        Path jsa = probes.work.resolve("lc-lambda" + suffix + ".jsa");
        Files.deleteIfExists(jsa);
        Probes.check("train-cds" + suffix, probes.run("lc-train-cds" + suffix,
                Probes.concat(jvm, List.of("-XX:ArchiveClassesAtExit=" + jsa)), lambda, envCfn, rx));
        probes.results.put("lambdacold.cds" + suffix + ".archive_bytes", String.valueOf(Files.size(jsa)));
        variants.put("floor" + suffix, new Probes.Variant(java, floorArgs, Map.of()));
        variants.put("lambda" + suffix, new Probes.Variant(jvm, lambda, envUrl));
        variants.put("lambda_cfn" + suffix, new Probes.Variant(jvm, lambda, envCfn));
        List<String> cds = Probes.concat(jvm, List.of("-XX:SharedArchiveFile=" + jsa));
        variants.put("lambda_cds" + suffix, new Probes.Variant(cds, lambda, envUrl));
        variants.put("lambda_cfn_cds" + suffix, new Probes.Variant(cds, lambda, envCfn));
        if (aot) {
            Path cache = probes.work.resolve("lc-lambda" + suffix + ".aot");
            Files.deleteIfExists(cache);
            Probes.check("train-aot" + suffix, probes.run("lc-train-aot" + suffix,
                    Probes.concat(jvm, List.of("-XX:AOTCacheOutput=" + cache)), lambda, envCfn, rx));
            probes.results.put("lambdacold.aot" + suffix + ".cache_bytes", String.valueOf(Files.size(cache)));
            List<String> withCache = Probes.concat(jvm, List.of("-XX:AOTCache=" + cache));
            variants.put("lambda_aot" + suffix, new Probes.Variant(withCache, lambda, envUrl));
            variants.put("lambda_cfn_aot" + suffix, new Probes.Variant(withCache, lambda, envCfn));
        }
    }
}
