package dev.logdrain.bench.process;

import dev.logdrain.bench.Ours;
import dev.logdrain.bench.Workload;
import dev.logdrain.internal.ProcessorChain;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 14: the cost of processing per event on the bench workload (10,000 events: access logs, JSON, Lambda
 * platform lines, logfmt, non-ASCII, stack traces), through the same chain Route runs, and of the formatter
 * options that read the message (severity=auto, fields=). RE2/J (what user patterns run on) against
 * java.util.regex on the same patterns. Not part of bench/run: run it with
 * {@code java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main 'dev.logdrain.bench.process.*' -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProcessBenchmark {

    static final String PLATFORM_LINES = "^(START|END|REPORT) RequestId";
    /** A custom redaction pattern (UUIDs, as request ids in the workload), the same text for both engines. */
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private LogBatch batch;
    private final ProcessorChain.Counts counts = new ProcessorChain.Counts();
    private ProcessorChain none;
    private ProcessorChain exclude;
    private ProcessorChain redactIpEmail;
    private ProcessorChain sample;
    private ProcessorChain redactUuidRe2;
    private ProcessorChain typical;
    private java.util.regex.Pattern excludeJdk;
    private java.util.regex.Pattern uuidJdk;
    private Formatter formatInfo;
    private Formatter formatAuto;
    private Formatter formatFields;
    private final MessageBuffer buffer = new MessageBuffer(64 * 1024);

    @Setup
    public void setUp() {
        batch = Workload.standard().batch();
        none = chain("");
        exclude = chain("exclude=" + enc(PLATFORM_LINES));
        redactIpEmail = chain("redact=ip,email");
        sample = chain("sample=10");
        redactUuidRe2 = chain("redact.pattern=" + enc(UUID));
        typical = chain("exclude=" + enc(PLATFORM_LINES) + "&redact=ip,email");
        excludeJdk = java.util.regex.Pattern.compile(PLATFORM_LINES);
        uuidJdk = java.util.regex.Pattern.compile(UUID);
        formatInfo = Ours.formatter("tcp://127.0.0.1:514?severity=info");
        formatAuto = Ours.formatter("tcp://127.0.0.1:514");
        formatFields = Ours.formatter("tcp://127.0.0.1:514?severity=info&fields=level,request_id");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ProcessorChain chain(String query) {
        Destination d = Ours.registry().validate(Destination.parse("tcp://127.0.0.1:514" + (query.isEmpty() ? "" : "?" + query)));
        return new ProcessorChain(Ours.registry().processors(d));
    }

    private int run(ProcessorChain chain) {
        return chain.apply(batch, counts).size();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int chainNone() {
        return run(none);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int excludeRe2j() {
        return run(exclude);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int excludeJdkRegex() {
        int kept = 0;
        for (LogEvent e : batch.events()) {
            if (!excludeJdk.matcher(e.message()).find()) {
                kept++;
            }
        }
        return kept;
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int redactIpEmail() {
        return run(redactIpEmail);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int redactUuidRe2j() {
        return run(redactUuidRe2);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int redactUuidJdkRegex() {
        int length = 0;
        for (LogEvent e : batch.events()) {
            length += uuidJdk.matcher(e.message()).replaceAll("[REDACTED]").length();
        }
        return length;
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int sample() {
        return run(sample);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int typicalChain() {
        return run(typical);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int formatSeverityInfo() {
        return format(formatInfo);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int formatSeverityAuto() {
        return format(formatAuto);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int formatFieldsLevelRequestId() {
        return format(formatFields);
    }

    private int format(Formatter formatter) {
        MessageBuffer out = buffer;
        out.reset();
        for (LogEvent e : batch.events()) {
            formatter.format(batch, e, out);
            if (out.length() > 60 * 1024) {
                out.reset();
            }
        }
        return out.length();
    }
}
