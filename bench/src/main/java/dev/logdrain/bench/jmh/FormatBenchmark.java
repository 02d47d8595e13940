package dev.logdrain.bench.jmh;

import com.cloudbees.syslog.MessageFormat;
import com.cloudbees.syslog.SyslogMessage;
import dev.logdrain.bench.Ours;
import dev.logdrain.bench.Peers;
import dev.logdrain.bench.Workload;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.layout.Rfc5424Layout;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * 1. Formatting: RFC 5424 bytes for each of the 10,000 events; result in ns per event. Ours appends every
 * message of the batch to one reused buffer (as the forwarder does), formatting the events as the pipeline has
 * them: decoded by our cloudwatch source from the workload's Lambda event, so their messages are UTF-8 bytes
 * ({@code oursStrings}: the same events made from Strings). The peers produce a byte array per event from their
 * own prebuilt event objects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FormatBenchmark {

    private LogBatch batch;
    private LogBatch stringBatch;
    private Formatter ours;
    private MessageBuffer buffer;
    private Rfc5424Layout log4jLayout;
    private List<org.apache.logging.log4j.core.LogEvent> log4jEvents;
    private List<SyslogMessage> cloudBeesMessages;

    @Setup
    public void setUp() {
        Workload workload = Workload.standard();
        stringBatch = workload.batch();
        // compared on a copy of their own: comparing makes each event's String, which formatting must not find made
        if (!Ours.decodedBatch(workload).events().equals(stringBatch.events())) {
            throw new IllegalStateException("decoded events differ from the workload's");
        }
        batch = Ours.decodedBatch(workload);
        ours = Ours.formatter("tcp://127.0.0.1:514");
        buffer = new MessageBuffer(64 * 1024);
        log4jLayout = Peers.log4jLayout(Peers.log4jConfiguration());
        log4jEvents = Peers.log4jEvents(workload.events());
        cloudBeesMessages = Peers.cloudBeesMessages(workload.events());
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int ours() {
        return format(batch);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public int oursStrings() {
        return format(stringBatch);
    }

    private int format(LogBatch b) {
        MessageBuffer out = buffer;
        out.reset();
        Formatter f = ours;
        for (LogEvent event : b.events()) {
            f.format(b, event, out);
        }
        return out.length();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void log4j(Blackhole bh) {
        Rfc5424Layout layout = log4jLayout;
        for (org.apache.logging.log4j.core.LogEvent event : log4jEvents) {
            bh.consume(layout.toByteArray(event));
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void cloudBees(Blackhole bh) {
        for (SyslogMessage message : cloudBeesMessages) {
            bh.consume(message.toSyslogMessage(MessageFormat.RFC_5424).getBytes(StandardCharsets.UTF_8));
        }
    }
}
