package dev.logdrain.bench.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * Runs the Lambda handler the way the Lambda Java runtime does, in a fresh JVM whose class path is the
 * unpacked {@code logdrain-lambda.zip} (plus this class): creates {@code CloudWatchLogsHandler} (init) and
 * calls it with the event in a file. Configuration comes from the environment, as in Lambda. Prints
 * {@code probe.KEY=VALUE} lines; the handler's own summary line goes to stdout too.
 *
 * <p>Usage: {@code LambdaDriver cold EVENT_FILE} (times init and the first invocation) or
 * {@code LambdaDriver memory EVENT_FILE} (heap use around one invocation). Only JDK and aws-lambda-java-core
 * classes are referenced here; the handler is loaded by name.
 */
public final class LambdaDriver {

    private static final String HANDLER = "dev.logdrain.lambda.CloudWatchLogsHandler";

    private LambdaDriver() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        byte[] event = Files.readAllBytes(Paths.get(args[1]));
        PrintStream out = System.out;
        if (mode.equals("cold")) {
            long t0 = System.nanoTime();
            RequestStreamHandler handler = (RequestStreamHandler) Class.forName(HANDLER).getConstructor().newInstance();
            long t1 = System.nanoTime();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), response, new BenchContext());
            long t2 = System.nanoTime();
            out.println("probe.init_ms=" + (t1 - t0) / 1e6);
            out.println("probe.invoke_ms=" + (t2 - t1) / 1e6);
            out.println("probe.response=" + response.toString(StandardCharsets.UTF_8));
        } else if (mode.equals("memory")) {
            RequestStreamHandler handler = (RequestStreamHandler) Class.forName(HANDLER).getConstructor().newInstance();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            System.gc();
            long before = used(heap);
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            GcWatch gcs = new GcWatch();
            long start = System.nanoTime();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), response, new BenchContext());
            long millis = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(200); // GC notifications arrive on their own thread
            long peak = 0;
            long peakAfterGc = 0;
            for (MemoryPoolMXBean p : heap) {
                peak += p.getPeakUsage().getUsed();
                MemoryUsage afterGc = p.getCollectionUsage();
                peakAfterGc += afterGc == null ? 0 : afterGc.getUsed();
            }
            System.gc();
            out.println("probe.heap_before_bytes=" + before);
            out.println("probe.heap_peak_bytes=" + peak);
            out.println("probe.heap_after_last_gc_bytes=" + peakAfterGc);
            out.println("probe.max_heap_after_gc_bytes=" + gcs.maxAfter);
            out.println("probe.gcs=" + gcs.count);
            out.println("probe.heap_after_bytes=" + used(heap));
            out.println("probe.heap_max_bytes=" + Runtime.getRuntime().maxMemory());
            // outside the heap: the TCP/TLS sinks' resend journal (direct chunks, kept for the next invocation)
            out.println("probe.direct_bytes=" + ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum());
            out.println("probe.invoke_ms=" + millis);
            out.println("probe.response=" + response.toString(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException("mode " + mode);
        }
        out.flush();
        System.exit(0); // the handler keeps its connection for the next (warm) invocation
    }

    /** The most heap in use right after any collection during the invocation: an upper bound of the live set. */
    private static final class GcWatch implements javax.management.NotificationListener {
        volatile long maxAfter;
        volatile int count;

        GcWatch() {
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        @Override
        public synchronized void handleNotification(javax.management.Notification n, Object handback) {
            if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            long after = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (!e.getKey().contains("Metaspace") && !e.getKey().contains("Code") && !e.getKey().contains("Class")) {
                    after += e.getValue().getUsed();
                }
            }
            count++;
            maxAfter = Math.max(maxAfter, after);
        }
    }

    private static long used(List<MemoryPoolMXBean> pools) {
        long used = 0;
        for (MemoryPoolMXBean p : pools) {
            used += p.getUsage().getUsed();
        }
        return used;
    }

    /** What the Lambda runtime hands a handler: a 5-minute budget is plenty here. */
    static final class BenchContext implements Context {
        private final long deadline = System.currentTimeMillis() + 300_000;

        @Override
        public String getAwsRequestId() {
            return "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/logdrain-Function-BENCH";
        }

        @Override
        public String getLogStreamName() {
            return "2024/05/14/[$LATEST]bench";
        }

        @Override
        public String getFunctionName() {
            return "logdrain-Function-BENCH";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:logdrain-Function-BENCH";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 128;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.write(message, 0, message.length);
                }
            };
        }
    }
}
