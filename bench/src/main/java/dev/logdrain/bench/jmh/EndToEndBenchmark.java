package dev.logdrain.bench.jmh;

import dev.logdrain.Forwarder;
import dev.logdrain.bench.Ours;
import dev.logdrain.bench.Receiver;
import dev.logdrain.bench.Workload;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 4. End to end: the Lambda event of the 10,000-event batch decoded, formatted, framed and written to the
 * in-process receiver; one operation ends when the receiver has every byte. ns per event. Its limit (the sum
 * of the decoding floor and the sending limit) comes from the other benchmarks of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EndToEndBenchmark {

    @Param({"tcp"})
    public String transport;

    private byte[] lambdaEvent;
    private Source source;
    private Receiver receiver;
    private Forwarder forwarder;
    private long perPayload;
    private long expected;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean tls = "tls".equals(transport);
        lambdaEvent = Workload.standard().lambdaEvent();
        source = Ours.cloudWatchSource();
        receiver = Receiver.of(tls);
        forwarder = Ours.forwarder(receiver.port(), tls);
        send();
        perPayload = receiver.awaitQuiet(300);
        expected = perPayload;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        forwarder.close();
        receiver.close();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void ours() throws IOException {
        send();
        expected += perPayload;
        receiver.awaitBytes(expected, 60_000);
    }

    private void send() throws IOException {
        for (LogBatch batch : source.read(new ByteArrayInputStream(lambdaEvent)).logBatches()) {
            Ours.forward(forwarder, batch);
        }
    }
}
