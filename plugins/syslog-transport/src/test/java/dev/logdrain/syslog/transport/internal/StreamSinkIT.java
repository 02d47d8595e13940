package dev.logdrain.syslog.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Framing;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.Sink;
import dev.logdrain.syslog.transport.Batches;
import dev.logdrain.syslog.transport.Sinks;
import dev.logdrain.net.Connector;
import dev.logdrain.testing.TcpTestServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TCP sink against an in-JVM server that misbehaves on purpose. Each fault test counts the unique
 * event ids the server read: none may be missing from a batch reported delivered (duplicates are allowed
 * and counted), or the batch must report failure.
 */
@Timeout(120)
class StreamSinkIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30));
    }

    /**
     * Sends the batch as the forwarder does to a sink that takes parts: parts of at least {@code partBytes}
     * (each in an array of its own that nobody changes), or in one call to send when {@code partBytes} is 0.
     */
    static DeliveryResult send(Sink sink, MessageBatch batch, int partBytes, Deadline deadline) {
        if (partBytes == 0) {
            return sink.send(batch, deadline);
        }
        Sink.Delivery delivery = sink.begin(batch.origin(), deadline);
        int first = 0;
        for (int i = 0; i < batch.size(); i++) {
            int from = batch.offset(first);
            int to = batch.offset(i) + batch.length(i);
            if (to - from >= partBytes || i == batch.size() - 1) {
                delivery.write(part(batch, first, i + 1));
                first = i + 1;
            }
        }
        return delivery.finish();
    }

    /** Messages {@code from} to {@code to - 1} of the batch as a part, in a new array. */
    static MessageBatch part(MessageBatch batch, int from, int to) {
        int start = batch.offset(from);
        int[] ends = new int[to - from];
        for (int i = from; i < to; i++) {
            ends[i - from] = batch.offset(i) + batch.length(i) - start;
        }
        byte[] data = java.util.Arrays.copyOfRange(batch.data(), start, start + ends[ends.length - 1]);
        return new MessageBatch(batch.origin(), from, data, ends, to - from);
    }

    private static String url(TcpTestServer server, String options) {
        return "tcp://" + server.host() + ":" + server.port() + (options.isEmpty() ? "" : "?" + options);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 10_000})
    void deliversEveryEventOnceWithOctetCounting(int count) {
        try (TcpTestServer server = TcpTestServer.start(); Sink sink = Sinks.create(url(server, ""))) {
            MessageBatch batch = Batches.rfc5424(1, count, 7);
            DeliveryResult result = sink.send(batch, deadline());
            assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
            assertThat(result.delivered()).isEqualTo(count);
            List<String> frames = server.awaitFrames(count, WAIT);
            assertThat(frames).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(frames.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(batch.copyOf(i));
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 64 * 1024})
    void deliversEveryEventOnceInParts(int partBytes) {
        try (TcpTestServer server = TcpTestServer.start(); Sink sink = Sinks.create(url(server, "framing=lf"))) {
            int count = 0;
            for (int b = 0; b < 3; b++) { // the first batch opens the connection, the next ones reuse it
                MessageBatch batch = Batches.rfc5424(b, 5000, 7, b * 10);
                DeliveryResult result = send(sink, batch, partBytes, deadline());
                assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
                assertThat(result.delivered()).isEqualTo(5000);
                count += 5000;
            }
            // events 0, 7, ... of each batch have 3 lines, escaped (multiline=split is the forwarder's: RecordShaperTest)
            List<String> lines = server.awaitLines(count, WAIT);
            assertThat(lines).hasSize(count);
            Set<String> expected = new HashSet<>();
            for (int b = 0; b < 3; b++) {
                expected.addAll(Batches.expectedIds(b, 5000));
            }
            assertThat(Batches.ids(lines)).isEqualTo(expected);
            assertThat(Batches.duplicates(lines)).isZero();
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void anAbortedDeliveryReportsThePartsGivenAsDeliveredAndTheRestAsFailed() {
        try (TcpTestServer server = TcpTestServer.start(); Sink sink = Sinks.create(url(server, ""))) {
            assertThat(sink.send(Batches.rfc5424(0, 10, 0), deadline()).isSuccess()).isTrue(); // connected
            MessageBatch batch = Batches.rfc5424(1, 1000, 0);
            Sink.Delivery delivery = sink.begin(batch.origin(), deadline());
            delivery.write(part(batch, 0, 300));
            delivery.write(part(batch, 300, 700));
            DeliveryResult result = delivery.abort("formatting failed: boom");
            assertThat(result.delivered()).isEqualTo(700);
            assertThat(result.failed()).isEqualTo(300);
            assertThat(result.error()).isEqualTo("formatting failed: boom");
            assertThat(result.bytesSent()).isEqualTo(totalFramed(batch, 700));
            Set<String> expected = new HashSet<>(Batches.expectedIds(0, 10));
            for (int i = 0; i < 700; i++) {
                expected.add(Batches.id(1, i));
            }
            List<String> frames = server.awaitFrames(710, WAIT);
            assertThat(frames).hasSize(710);
            assertThat(Batches.ids(frames)).isEqualTo(expected);
            // the sink goes on with the next batch
            assertThat(sink.send(Batches.rfc5424(2, 10, 0), deadline()).isSuccess()).isTrue();
            assertThat(server.awaitFrames(720, WAIT)).hasSize(720);
        }
    }

    /** Bytes of the first {@code count} messages with octet counting. */
    private static long totalFramed(MessageBatch batch, int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += batch.length(i) + 1 + Integer.toString(batch.length(i)).length();
        }
        return total;
    }

    @Test
    void lfFramingEscapesLineBreaks() {
        try (TcpTestServer server = TcpTestServer.start(); Sink sink = Sinks.create(url(server, "framing=lf"))) {
            DeliveryResult result = sink.send(Batches.rfc5424(1, 1000, 3), deadline());
            assertThat(result.isSuccess()).isTrue();
            List<String> lines = server.awaitLines(1000, WAIT);
            assertThat(lines).hasSize(1000);
            assertThat(Batches.ids(lines)).isEqualTo(Batches.expectedIds(1, 1000));
            assertThat(lines.get(0)).contains("\\n  at line two").contains("\\r\\n  line three");
        }
    }

    @Test
    void reusesOneConnectionAcrossBatches() {
        try (TcpTestServer server = TcpTestServer.start(); Sink sink = Sinks.create(url(server, ""))) {
            for (int b = 0; b < 5; b++) {
                assertThat(sink.send(Batches.rfc5424(b, 100, 0), deadline()).isSuccess()).isTrue();
            }
            server.awaitFrames(500, WAIT);
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    /**
     * The server read everything and then dropped the idle connection, in order or with a reset. Either
     * costs a reconnect; a reset (or a close the sink cannot date) makes it send the last batches again,
     * counted as possible duplicates. (The server's close takes effect a moment after dropConnections
     * returns, so whether the sink sees it before, during or after the next batch varies: every case must
     * lose nothing.)
     */
    @ParameterizedTest(name = "reset={0}")
    @ValueSource(booleans = {false, true})
    void serverDroppingTheIdleConnectionBetweenBatchesLosesNothing(boolean reset) {
        try (TcpTestServer server = TcpTestServer.start()) {
            Connector connector = Connector.forDestination(
                    Destination.parse(url(server, "")).withDefaultPort(514), false);
            try (Sink sink = new StreamSink(connector, new Framer(Framing.OCTET_COUNTING,
                    Framer.Multiline.ESCAPE), false, 0)) {
                assertThat(sink.send(Batches.rfc5424(1, 500, 5), deadline()).isSuccess()).isTrue();
                server.awaitFrames(500, WAIT);
                server.dropConnections(reset);
                List<DeliveryResult> results = new ArrayList<>();
                results.add(sink.send(Batches.rfc5424(2, 500, 5), deadline()));
                results.add(sink.send(Batches.rfc5424(3, 500, 5), deadline()));
                assertThat(results).allMatch(DeliveryResult::isSuccess);
                Set<String> expected = new HashSet<>();
                for (int b = 1; b <= 3; b++) {
                    expected.addAll(Batches.expectedIds(b, 500));
                }
                List<String> frames = assertAllArriveWithFollowUps(server, sink, expected, results);
                int reported = results.stream().mapToInt(DeliveryResult::possibleDuplicates).sum();
                assertThat(reported).isGreaterThanOrEqualTo(Batches.duplicates(frames));
                assertThat(server.connectionCount()).isEqualTo(2);
            }
        }
    }

    @Test
    void aCloseRightAfterABatchMakesTheSinkSendItAgain() {
        try (TcpTestServer server = TcpTestServer.start(); Sink sink = Sinks.create(url(server, ""))) {
            assertThat(sink.send(Batches.rfc5424(1, 500, 5), deadline()).isSuccess()).isTrue();
            server.awaitFrames(500, WAIT);
            server.dropConnections(false);
            List<DeliveryResult> results = new ArrayList<>();
            results.add(sink.send(Batches.rfc5424(2, 500, 5), deadline()));
            results.add(sink.send(Batches.rfc5424(3, 500, 5), deadline()));
            assertThat(results).allMatch(DeliveryResult::isSuccess);
            Set<String> expected = new HashSet<>();
            for (int b = 1; b <= 3; b++) {
                expected.addAll(Batches.expectedIds(b, 500));
            }
            assertAllArriveWithFollowUps(server, sink, expected, results);
            // closed within 10 s of a write: what was written last is sent again
            assertThat(results.stream().mapToInt(DeliveryResult::possibleDuplicates).sum()).isGreaterThanOrEqualTo(500);
        }
    }

    /**
     * The server reads half of a large batch and then closes (with unread data the kernel answers with a
     * reset) or resets. The batch was already in the socket buffers when that happened, so the sink can only
     * notice it with the next batch: that one finds the connection reset and sends the journal again.
     */
    @ParameterizedTest(name = "reset={0}, parts of {1} bytes")
    @CsvSource({"false, 0", "true, 0", "false, 65536", "true, 65536"})
    void serverClosingMidBatchLosesNothing(boolean reset, int partBytes) {
        MessageBatch first = Batches.rfc5424(1, 10_000, 10, 100);
        TcpTestServer.Builder builder = TcpTestServer.builder().faultyConnections(1);
        long half = first.totalBytes() / 2;
        try (TcpTestServer server = (reset ? builder.resetAfterBytes(half) : builder.closeAfterBytes(half)).start();
             Sink sink = Sinks.create(url(server, ""))) {
            List<DeliveryResult> results = new ArrayList<>();
            results.add(send(sink, first, partBytes, deadline()));
            server.awaitBytes(half, WAIT); // the fault happens about now
            results.add(sink.send(Batches.rfc5424(2, 1000, 10), deadline()));
            results.add(sink.send(Batches.rfc5424(3, 1000, 10), deadline()));
            assertThat(results).allMatch(DeliveryResult::isSuccess);
            Set<String> expected = new HashSet<>(Batches.expectedIds(1, 10_000));
            expected.addAll(Batches.expectedIds(2, 1000));
            expected.addAll(Batches.expectedIds(3, 1000));
            List<String> frames = assertAllArriveWithFollowUps(server, sink, expected, results);
            // what the first connection read before the fault came again: counted as possible duplicates
            int reportedDuplicates = results.stream().mapToInt(DeliveryResult::possibleDuplicates).sum();
            assertThat(reportedDuplicates).isGreaterThanOrEqualTo(Batches.duplicates(frames)).isPositive();
            assertThat(results.stream().mapToInt(DeliveryResult::retries).sum()).isPositive();
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "parts of {0} bytes")
    @ValueSource(ints = {0, 65536})
    void confirmCloseProvesDeliveryWithinTheBatch(int partBytes) {
        MessageBatch batch = Batches.rfc5424(1, 10_000, 10, 100);
        try (TcpTestServer server = TcpTestServer.builder().faultyConnections(1).resetAfterBytes(batch.totalBytes() / 3)
                .start(); Sink sink = Sinks.create(url(server, "confirm=close"))) {
            DeliveryResult result = send(sink, batch, partBytes, deadline());
            assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
            assertThat(result.retries()).isPositive();
            assertThat(result.possibleDuplicates()).isPositive();
            assertAllArrive(server, Batches.expectedIds(1, 10_000));
            // one connection per batch: the next batch opens a new one
            assertThat(sink.send(Batches.rfc5424(2, 10, 0), deadline()).isSuccess()).isTrue();
            assertThat(server.connectionCount()).isEqualTo(3);
        }
    }

    /**
     * A server that accepts and closes at once without reading (a load balancer with no healthy backend), here
     * with a reset (SO_LINGER 0) so that the order does not depend on thread scheduling: with confirm=close
     * the batch fails, however often the sink retries.
     */
    @Test
    void confirmCloseFailsABatchToAServerThatAcceptsAndResetsWithoutReading() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket accepted = server.accept()) {
                        accepted.setSoLinger(true, 0);
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            try (Sink sink = Sinks.create("tcp://127.0.0.1:" + server.getLocalPort() + "?confirm=close")) {
                DeliveryResult result = sink.send(Batches.rfc5424(1, 6, 0), Deadline.after(Duration.ofSeconds(5)));
                assertThat(result.isSuccess()).as(String.valueOf(result)).isFalse();
                assertThat(result.delivered()).isZero();
                assertThat(result.failed()).isEqualTo(6);
                // which step sees the reset first (connect, write, the half-close) depends on timing, and so
                // does the wording: the batch failing, in one line, is the behaviour
                assertThat(result.error()).isNotBlank().doesNotContain("\n");
            }
        }
    }

    /**
     * The connection is already open when a large batch goes out in parts (so the writer thread writes
     * them), and the server resets it a third of the way into that batch: the sink reconnects, sends the
     * journal again and the remaining parts after it, and nothing is lost.
     */
    @Test
    void aResetWhileThePartsOfABatchAreWrittenLosesNothing() {
        MessageBatch opener = Batches.rfc5424(0, 10, 0);
        MessageBatch big = Batches.rfc5424(1, 20_000, 10, 200);
        try (TcpTestServer server = TcpTestServer.builder().faultyConnections(1)
                .resetAfterBytes(opener.totalBytes() + big.totalBytes() / 3).start();
             Sink sink = Sinks.create(url(server, ""))) {
            List<DeliveryResult> results = new ArrayList<>();
            results.add(sink.send(opener, deadline()));
            results.add(send(sink, big, 65536, deadline()));
            assertThat(results).allMatch(DeliveryResult::isSuccess);
            Set<String> expected = new HashSet<>(Batches.expectedIds(0, 10));
            expected.addAll(Batches.expectedIds(1, 20_000));
            List<String> frames = assertAllArriveWithFollowUps(server, sink, expected, results);
            int reportedDuplicates = results.stream().mapToInt(DeliveryResult::possibleDuplicates).sum();
            assertThat(reportedDuplicates).isGreaterThanOrEqualTo(Batches.duplicates(frames)).isPositive();
            assertThat(results.stream().mapToInt(DeliveryResult::retries).sum()).isPositive();
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void aServerThatStopsReadingCannotHoldTheCallerPastTheDeadline() {
        // 2000 messages of 4 KiB: more than the socket buffers on both sides hold
        MessageBatch batch = Batches.rfc5424(1, 2000, 0, 4096);
        try (TcpTestServer server = TcpTestServer.builder().stopReadingAfterBytes(0).receiveBufferSize(4096).start();
             Sink sink = Sinks.create(url(server, "writetimeout=1s"))) {
            DeliveryResult result = sink.send(batch, Deadline.after(Duration.ofSeconds(4)));
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.failed()).isEqualTo(2000);
            assertThat(result.error()).contains(server.host() + ":" + server.port())
                    .containsAnyOf("stalled", "deadline").doesNotContain("\n");
        }
    }

    @Test
    void aServerRestartedDuringAStreamOfBatchesLosesNothingThatWasReportedDelivered() throws Exception {
        try (TcpTestServer server = TcpTestServer.start(); Sink sink = Sinks.create(url(server, ""))) {
            Set<String> reported = new HashSet<>();
            CompletableFuture<Void> restart = null;
            for (int b = 0; b < 30; b++) {
                if (b == 10) {
                    server.close();
                    restart = CompletableFuture.runAsync(() -> {
                        pause(1500);
                        server.restart();
                    });
                }
                MessageBatch batch = Batches.rfc5424(b, 200, 20);
                DeliveryResult result = sink.send(batch, Deadline.after(Duration.ofSeconds(20)));
                if (result.isSuccess()) {
                    reported.addAll(Batches.expectedIds(b, 200));
                } else {
                    assertThat(result.failed()).isEqualTo(200);
                }
            }
            restart.get();
            // one more batch, so that a reset after the last one would be noticed and repaired
            assertThat(sink.send(Batches.rfc5424(99, 1, 0), deadline()).isSuccess()).isTrue();
            reported.addAll(Batches.expectedIds(99, 1));
            assertThat(reported).hasSizeGreaterThanOrEqualTo(20 * 200);
            assertAllArrive(server, reported);
            // no connection-count check here: whether the sink's first new connection lands before or after
            // the restart is a race on a loaded machine; what matters is that nothing reported delivered is lost
        }
    }

    @Test
    void nothingListeningFailsAtTheDeadlineWithoutSecretsInTheError() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (Sink sink = Sinks.create("tcp://alice:s3cret@127.0.0.1:" + port + "?connecttimeout=500ms")) {
            DeliveryResult result = sink.send(Batches.rfc5424(1, 10, 0), Deadline.after(Duration.ofSeconds(2)));
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.failed()).isEqualTo(10);
            assertThat(result.delivered()).isZero();
            assertThat(result.retries()).isPositive();
            assertThat(result.error()).contains("127.0.0.1:" + port).contains("refused")
                    .doesNotContain("s3cret").doesNotContain("alice").doesNotContain("\n");
        }
    }

    @Test
    void ipv6LiteralHost() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 0));
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket socket = server.accept()) {
                    return socket.getInputStream().readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Sink sink = Sinks.create("tcp://[::1]:" + server.getLocalPort())) {
                assertThat(sink.send(Batches.of("one", "two"), deadline()).isSuccess()).isTrue();
            } // closing the sink ends the stream
            assertThat(new String(received.get(60, java.util.concurrent.TimeUnit.SECONDS),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("3 one3 two");
        }
    }

    @Test
    void ipv6LiteralWithAZoneConnects() throws Exception {
        // RFC 6874: the zone after %25 reaches the JDK decoded (::1%lo), and the connection works
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 0));
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket socket = server.accept()) {
                    return socket.getInputStream().readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Sink sink = Sinks.create("tcp://[::1%25lo]:" + server.getLocalPort())) {
                assertThat(sink.send(Batches.of("one"), deadline()).isSuccess()).isTrue();
            }
            assertThat(new String(received.get(60, java.util.concurrent.TimeUnit.SECONDS),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("3 one");
        }
    }

    @Test
    void connectReportsFacts() throws Exception {
        try (TcpTestServer server = TcpTestServer.start(); Sink sink = Sinks.create(url(server, ""))) {
            var facts = sink.connect(deadline());
            assertThat(facts).containsEntry("transport", "tcp").containsEntry("framing", "octet-counting")
                    .containsEntry("remote", "127.0.0.1:" + server.port()).containsKey("connect_ms");
            assertThat(sink.send(Batches.rfc5424(1, 3, 0), deadline()).isSuccess()).isTrue();
            server.awaitFrames(3, WAIT);
            assertThat(server.connectionCount()).isEqualTo(1); // the checked connection is reused
        }
    }

    /**
     * When the server's close takes effect is up to the server (here: a moment after the test asks for it),
     * and the sink notices a loss with the next batch at the latest, as it would in production. So this
     * keeps sending one-event batches (added to {@code results}) until every expected id arrived.
     */
    private static List<String> assertAllArriveWithFollowUps(TcpTestServer server, Sink sink, Set<String> expected,
                                                             List<DeliveryResult> results) {
        long end = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; ; i++) {
            List<String> frames = server.frames();
            if (Batches.ids(frames).containsAll(expected) || System.nanoTime() - end > 0) {
                return assertAllArrive(server, expected);
            }
            DeliveryResult followUp = sink.send(Batches.rfc5424(1000 + i, 1, 0), deadline());
            assertThat(followUp.isSuccess()).as(String.valueOf(followUp)).isTrue();
            results.add(followUp);
            pause(50);
        }
    }

    /** Waits until every expected id arrived; returns all frames. */
    private static List<String> assertAllArrive(TcpTestServer server, Set<String> expected) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> frames = server.frames();
            Set<String> got = Batches.ids(frames);
            if (got.containsAll(expected)) {
                return frames;
            }
            if (System.nanoTime() - end > 0) {
                Set<String> missing = new HashSet<>(expected);
                missing.removeAll(got);
                throw new AssertionError(missing.size() + " of " + expected.size() + " events never arrived, e.g. "
                        + missing.stream().sorted().limit(5).toList());
            }
            pause(20);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
