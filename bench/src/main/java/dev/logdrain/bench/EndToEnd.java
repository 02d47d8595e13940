package dev.logdrain.bench;

import dev.logdrain.Forwarder;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End to end as the Lambda handler does it, the base of the end-to-end benchmarks (JMH runs {@link #ours} as
 * {@code Subclass.ours}): the workload's Lambda event decoded by our cloudwatch source and every batch forwarded
 * to an in-process receiver; one operation ends when the receiver has every byte of it. ns per event. One payload
 * is sent in setup to learn its size on the wire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class EndToEnd {

    private byte[] lambdaEvent;
    private Source source;
    private Receiver receiver;
    private Forwarder forwarder;
    private long perPayload;
    private long expected;

    /** Over TLS rather than TCP. */
    protected abstract boolean tls();

    /** URL options ({@code redact=ip,email&...}), empty for none. */
    protected abstract String options();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        lambdaEvent = Workload.standard().lambdaEvent();
        source = Ours.cloudWatchSource();
        receiver = Receiver.of(tls());
        String url = Ours.url(receiver.port(), tls());
        if (!options().isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + options();
        }
        forwarder = Forwarder.fromUrls(Ours.registry(), List.of(url));
        send();
        perPayload = receiver.awaitQuiet(300);
        if (perPayload == 0) {
            throw new IllegalStateException("the receiver got nothing");
        }
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
