package dev.logdrain.lambda;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.lambda.testing.KinesisFixtures;
import dev.logdrain.lambda.testing.MutableClock;
import dev.logdrain.lambda.testing.TestContext;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test (no assertion on speed; not run by the build): measures what one warm function instance
 * forwards, for the capacity table in docs/kinesis.md. Run it on its own:
 * <pre>
 * taskset -c 0 mvn -B -o -pl lambda -am test -Dtest=KinesisThroughputProbe -Dsurefire.failIfNoSpecifiedTests=false -Dlogdrain.probe=true
 * </pre>
 * The handler gets Kinesis events of {@link #RECORDS} records of {@link #EVENTS} CloudWatch Logs events each
 * (access-log-like lines of about 200 bytes with random ids, so that gzip does not flatter them) and forwards
 * them in RFC 5424 over TLS to a real rsyslog; rsyslog is moved to another core when the system allows it.
 * It prints events/s, MB/s of log messages, MB/s of Kinesis record data (compressed, what the shard's read
 * limit counts) and the gzip ratio of the sample.
 */
@EnabledIfSystemProperty(named = "logdrain.probe", matches = "true")
class KinesisThroughputProbe {

    private static final int RECORDS = 100;
    private static final int EVENTS = 100;
    private static final int WARMUP = 15;
    private static final int MEASURED = 40;

    @Test
    void measure() throws Exception {
        Random random = new Random(42);
        List<byte[]> events = new ArrayList<>();
        long messageBytes = 0;
        long recordBytes = 0;
        long jsonBytes = 0;
        int id = 0;
        for (int e = 0; e < 4; e++) {
            List<KinesisFixtures.Record> records = new ArrayList<>();
            for (int r = 0; r < RECORDS; r++) {
                List<LogEvent> batch = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    String message = String.format("%s 10.%d.%d.%d - - \"GET /api/v1/orders/%08x?page=%d HTTP/1.1\" %d %d "
                                    + "\"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" rt=%.3f uct=0.000 req=%016x",
                            Instant.ofEpochMilli(1_714_564_800_000L + id), random.nextInt(256), random.nextInt(256),
                            random.nextInt(256), random.nextInt(), random.nextInt(20), random.nextBoolean() ? 200 : 404,
                            random.nextInt(50_000), random.nextDouble(), random.nextLong());
                    batch.add(new LogEvent(CloudWatchFixtures.eventId(id), 1_714_564_800_000L + id, message));
                    if (e == 0) {
                        messageBytes += message.getBytes(UTF_8).length;
                    }
                    id++;
                }
                String json = payloadJson("/ecs/shop", "web/app/" + String.format("%032x", r), batch);
                byte[] gz = CloudWatchFixtures.gzip(json.getBytes(UTF_8));
                if (e == 0) {
                    jsonBytes += json.getBytes(UTF_8).length;
                    recordBytes += gz.length;
                }
                records.add(KinesisFixtures.dataRecord(r, gz));
            }
            events.add(KinesisFixtures.event(records));
        }
        int perInvocation = RECORDS * EVENTS;

        try (Rsyslog rsyslog = Rsyslog.builder().tls().start()) {
            tryToPin(rsyslog.pid());
            String url = rsyslog.url(Input.TLS) + "?ca=" + TestCertificates.caCert();
            KinesisHandler handler = new KinesisHandler(Map.of("LOGDRAIN_URL", url, "LOGDRAIN_METRICS", "on"),
                    new MutableClock(Instant.parse("2024-05-01T12:00:00Z")),
                    new PrintStream(OutputStream.nullOutputStream(), true, UTF_8));
            for (int i = 0; i < WARMUP; i++) {
                invoke(handler, events.get(i % events.size()));
            }
            rsyslog.awaitMessages(WARMUP * perInvocation, Duration.ofMinutes(10));
            long[] nanos = new long[MEASURED];
            long measuredStart = System.nanoTime();
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                invoke(handler, events.get(i % events.size()));
                nanos[i] = System.nanoTime() - start;
            }
            long handlerNanos = Arrays.stream(nanos).sum();
            rsyslog.awaitMessages((WARMUP + MEASURED) * perInvocation, Duration.ofMinutes(10));
            long endToEndNanos = System.nanoTime() - measuredStart;
            Arrays.sort(nanos);
            System.out.printf("%nprobe: %d records x %d events per invocation; sample: %.0f bytes/message, "
                            + "%.0f bytes of payload JSON and %.0f bytes of gzip record data per event (gzip ratio %.1f)%n",
                    RECORDS, EVENTS, messageBytes / (double) perInvocation, jsonBytes / (double) perInvocation,
                    recordBytes / (double) perInvocation, jsonBytes / (double) recordBytes);
            for (String[] row : new String[][] {{"fastest", "0"}, {"quartile", String.valueOf(MEASURED / 4)},
                    {"median", String.valueOf(MEASURED / 2)}, {"3rd-quartile", String.valueOf(MEASURED * 3 / 4)}}) {
                double s = nanos[Integer.parseInt(row[1])] / 1e9;
                System.out.printf("probe: %s invocation %.0f ms: %.0f events/s, %.2f MB/s of messages, "
                                + "%.2f MB/s of Kinesis record data%n", row[0], s * 1000, perInvocation / s,
                        messageBytes / s / 1e6, recordBytes / s / 1e6);
            }
            for (Object[] row : new Object[][] {{"sustained (all invocations back to back)", handlerNanos},
                    {"end to end (until rsyslog wrote the last one)", endToEndNanos}}) {
                double s = (Long) row[1] / 1e9;
                System.out.printf("probe: %s: %.0f events/s, %.2f MB/s of messages, %.2f MB/s of Kinesis record data%n",
                        row[0], MEASURED * perInvocation / s, MEASURED * messageBytes / s / 1e6,
                        MEASURED * recordBytes / s / 1e6);
            }
            assertThat(rsyslog.messages()).hasSize((WARMUP + MEASURED) * perInvocation);
        }
    }

    private static void invoke(KinesisHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, new TestContext(300_000));
        assertThat(response.toString(UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    /** Moves rsyslog (all its threads) to the last core, away from this JVM when it runs under taskset -c 0. */
    private static void tryToPin(long pid) {
        int last = Runtime.getRuntime().availableProcessors() - 1;
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", String.valueOf(Math.max(1, last)),
                    String.valueOf(pid)).redirectErrorStream(true).start();
            System.out.println("probe: " + new String(p.getInputStream().readAllBytes(), UTF_8).strip());
            p.waitFor();
        } catch (Exception e) {
            System.out.println("probe: rsyslog not pinned: " + e.getMessage());
        }
    }
}
