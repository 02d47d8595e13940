package dev.logdrain.bench.jmh;

import dev.logdrain.bench.Ours;
import dev.logdrain.bench.Workload;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.SourceResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * 2. Decoding the Lambda event of the 10,000-event batch ({@code {"awslogs":{"data":"H4sI..."}}}, about 1 MB of
 * gzip) into events, against the floor: base64 and gunzip alone into a byte sink. ns per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark {

    private byte[] lambdaEvent;
    private byte[] payloadJson;
    private byte[] base64;
    private byte[] gzip;
    private int jsonLength;
    private Source source;
    private byte[] gzipBuffer;
    private byte[] sink;
    private byte[] whole;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();

    @Setup
    public void setUp() throws IOException {
        Workload workload = Workload.standard();
        lambdaEvent = workload.lambdaEvent();
        payloadJson = workload.payloadJson();
        base64 = workload.base64();
        gzip = workload.gzip();
        jsonLength = payloadJson.length;
        source = Ours.cloudWatchSource();
        gzipBuffer = new byte[workload.gzip().length + 16];
        sink = new byte[64 * 1024];
        whole = new byte[jsonLength + 16];
        // every variant must decode exactly the same thing
        for (SourceResult result : List.of(ours(), oursGzip(), oursJsonOnly())) {
            List<LogBatch> batches = result.logBatches();
            if (batches.get(0).size() != Workload.EVENTS) {
                throw new IllegalStateException("decoded " + batches.get(0).size() + " events");
            }
            if (!batches.get(0).events().equals(workload.events())) {
                throw new IllegalStateException("decoded events differ from the workload's");
            }
        }
        for (long n : new long[] {floor(), floorInflater()}) {
            if (n != jsonLength) {
                throw new IllegalStateException("floor decoded " + n + " bytes, expected " + jsonLength);
            }
        }
    }

    @TearDown
    public void tearDown() {
        inflater.end();
    }

    /** Our cloudwatch source on the Lambda event: JSON, base64, gzip, JSON again, events. */
    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public SourceResult ours() throws IOException {
        return read(lambdaEvent);
    }

    /** Our source on the already decoded payload JSON: what parsing the events costs on its own. */
    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public SourceResult oursJsonOnly() throws IOException {
        return read(payloadJson);
    }

    /** The floor: base64 into an array, then GZIPInputStream into a 64 KiB sink. */
    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public long floor() throws IOException {
        int n = unbase64();
        return drain(new GZIPInputStream(new ByteArrayInputStream(gzipBuffer, 0, n), 64 * 1024));
    }

    /** Our source on the gzip data (as Kinesis and Firehose carry it): no outer JSON, no base64. */
    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public SourceResult oursGzip() throws IOException {
        return read(gzip);
    }

    /** A faster path if there is one: base64 into an array, one raw Inflater call into one array, CRC32. */
    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public long floorInflater() throws IOException {
        int n = unbase64();
        int header = gzipHeaderLength(gzipBuffer);
        inflater.reset();
        inflater.setInput(gzipBuffer, header, n - header);
        try {
            int total = 0;
            while (!inflater.finished()) {
                int r = inflater.inflate(whole, total, whole.length - total);
                if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("truncated");
                }
                total += r;
            }
            crc.reset();
            crc.update(whole, 0, total);
            return total;
        } catch (DataFormatException e) {
            throw new IOException(e);
        }
    }

    private SourceResult read(byte[] input) throws IOException {
        return source.read(new ByteArrayInputStream(input));
    }

    /** The Lambda event's base64 into the gzip buffer; returns the gzip's length. */
    private int unbase64() {
        return Base64.getDecoder().decode(base64, gzipBuffer);
    }

    private long drain(InputStream in) throws IOException {
        long total = 0;
        int r;
        while ((r = in.read(sink)) > 0) {
            total += r;
        }
        return total;
    }

    /** The fixed 10-byte header that GZIPOutputStream writes (no name, comment or extra field). */
    private static int gzipHeaderLength(byte[] gzip) {
        if ((gzip[0] & 0xFF) != 0x1F || (gzip[1] & 0xFF) != 0x8B || gzip[3] != 0) {
            throw new IllegalStateException("unexpected gzip header flags");
        }
        return 10;
    }
}
