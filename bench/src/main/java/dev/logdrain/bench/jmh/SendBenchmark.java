package dev.logdrain.bench.jmh;

import com.cloudbees.syslog.SyslogMessage;
import com.cloudbees.syslog.sender.TcpSyslogMessageSender;
import dev.logdrain.Forwarder;
import dev.logdrain.bench.Certs;
import dev.logdrain.bench.Ours;
import dev.logdrain.bench.Peers;
import dev.logdrain.bench.Preformatted;
import dev.logdrain.bench.Receiver;
import dev.logdrain.bench.Workload;
import dev.logdrain.spi.LogBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.logging.log4j.core.appender.SyslogAppender;
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
 * 3. Sending the 10,000 decoded events (format, frame, write) over loopback TCP or TLS to an in-process
 * receiver that counts bytes; one operation is the whole batch and ends when the receiver has every byte of
 * it. ns per event. The limit writes our pre-formatted, framed bytes of the batch in 64 KiB writes;
 * {@code oursPreformatted} is ours with the formatting done in setup, so that it compares with the limit.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SendBenchmark {

    private static final long TIMEOUT_MILLIS = 60_000;

    /** A receiver and the byte count one batch adds to it, learnt from a first batch sent in setup. */
    @State(Scope.Benchmark)
    public abstract static class Contender {
        @Param({"tcp", "tls"})
        public String transport;

        Receiver receiver;
        long perBatch;
        long expected;

        boolean tls() {
            return "tls".equals(transport);
        }

        void start() throws IOException {
            receiver = Receiver.of(tls());
        }

        /** Sends one batch in setup and learns its size on the wire. */
        void learn(Runnable sendOneBatch) throws InterruptedException {
            sendOneBatch.run();
            perBatch = receiver.awaitQuiet(300);
            expected = perBatch;
            if (perBatch == 0) {
                throw new IllegalStateException("the receiver got nothing");
            }
        }

        void awaitBatch() {
            expected += perBatch;
            receiver.awaitBytes(expected, TIMEOUT_MILLIS);
        }

        void stop() {
            receiver.close();
        }
    }

    @State(Scope.Benchmark)
    public static class OursState extends Contender {
        LogBatch batch;
        Forwarder forwarder;

        /** The destination's {@code format} option, or null for the default. */
        String format() {
            return null;
        }

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            start();
            batch = Ours.decodedBatch(Workload.standard()); // UTF-8 events, as the decoder hands them on
            String url = Ours.url(receiver.port(), tls());
            forwarder = Forwarder.fromUrls(Ours.registry(), List.of(format() == null ? url
                    : url + (tls() ? "&" : "?") + "format=" + format()));
            learn(() -> Ours.forward(forwarder, batch));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            forwarder.close();
            stop();
        }
    }

    /** Ours with messages formatted once in setup ({@link Preformatted}): everything after formatting. */
    @State(Scope.Benchmark)
    public static class OursPreformattedState extends OursState {
        @Override
        String format() {
            return Preformatted.NAME;
        }
    }

    @State(Scope.Benchmark)
    public static class CloudBeesState extends Contender {
        List<SyslogMessage> messages;
        TcpSyslogMessageSender sender;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            start();
            messages = Peers.cloudBeesMessages(Workload.standard().events());
            sender = Peers.cloudBeesSender(receiver.port(), tls());
            learn(() -> send(this));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            sender.close();
            stop();
        }
    }

    @State(Scope.Benchmark)
    public static class Log4jState extends Contender {
        List<org.apache.logging.log4j.core.LogEvent> events;
        SyslogAppender appender;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            start();
            events = Peers.log4jEvents(Workload.standard().events());
            appender = Peers.log4jAppender(Peers.log4jConfiguration(), receiver.port(), tls());
            learn(() -> send(this));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            appender.stop();
            stop();
        }
    }

    @State(Scope.Benchmark)
    public static class LimitState extends Contender {
        byte[] framed;
        SocketChannel channel;
        ByteBuffer view;
        SSLSocket socket;
        OutputStream tlsOut;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            start();
            framed = Ours.framedBytes(Workload.standard().batch());
            view = ByteBuffer.wrap(framed);
            if (tls()) {
                socket = (SSLSocket) Certs.get().clientContext().getSocketFactory().createSocket("127.0.0.1", receiver.port());
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                tlsOut = socket.getOutputStream();
            } else {
                channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", receiver.port()));
            }
            learn(() -> write(this));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            if (socket != null) {
                socket.close();
            }
            if (channel != null) {
                channel.close();
            }
            stop();
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void ours(OursState s) {
        Ours.forward(s.forwarder, s.batch);
        s.awaitBatch();
    }

    /** Ours without the formatting: shaping, framing, the journal and the writes. */
    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void oursPreformatted(OursPreformattedState s) {
        Ours.forward(s.forwarder, s.batch);
        s.awaitBatch();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void cloudBees(CloudBeesState s) {
        send(s);
        s.awaitBatch();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void log4j(Log4jState s) {
        send(s);
        s.awaitBatch();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void limit(LimitState s) {
        write(s);
        s.awaitBatch();
    }

    static void send(CloudBeesState s) {
        try {
            for (SyslogMessage message : s.messages) {
                s.sender.sendMessage(message);
            }
        } catch (IOException e) {
            throw new IllegalStateException("CloudBees: " + e, e);
        }
    }

    static void send(Log4jState s) {
        for (org.apache.logging.log4j.core.LogEvent event : s.events) {
            s.appender.append(event);
        }
    }

    static void write(LimitState s) {
        try {
            byte[] b = s.framed;
            if (s.tlsOut != null) {
                for (int off = 0; off < b.length; off += 64 * 1024) {
                    s.tlsOut.write(b, off, Math.min(64 * 1024, b.length - off));
                }
                s.tlsOut.flush();
            } else {
                ByteBuffer v = s.view;
                v.clear();
                while (v.position() < b.length) {
                    v.limit(Math.min(v.position() + 64 * 1024, b.length));
                    while (v.hasRemaining()) {
                        s.channel.write(v);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("limit: " + e, e);
        }
    }
}
