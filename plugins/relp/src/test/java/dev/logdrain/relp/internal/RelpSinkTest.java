package dev.logdrain.relp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.relp.internal.FakeRelpServer.Action;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.net.Backoff;
import dev.logdrain.net.Connector;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelpSinkTest {

    /** Generous: the machine is shared; tests that expect success never come near it. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private FakeRelpServer server;
    private RelpSink sink;

    @BeforeEach
    void start() throws IOException {
        server = new FakeRelpServer();
    }

    @AfterEach
    void stop() throws IOException {
        if (sink != null) {
            sink.close();
        }
        server.close();
    }

    private RelpSink sink(int window) {
        sink = sinkFor(server.port(), window);
        return sink;
    }

    private static RelpSink sinkFor(int port, int window) {
        return new RelpSink("relp://127.0.0.1:" + port, new Connector("127.0.0.1", port, null,
                Duration.ofSeconds(10), Duration.ofSeconds(30)), window,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)), "logdrain,test");
    }

    @Test
    void deliversEveryMessageInOrderAndCountsTheBytes() {
        List<String> messages = FakeRelpServer.numbered("<14>1 - host app - - - event ", 1000);
        DeliveryResult result = sink(16).send(Batches.of(messages), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
        assertThat(result.delivered()).isEqualTo(1000);
        assertThat(result.retries()).isZero();
        assertThat(result.possibleDuplicates()).isZero();
        assertThat(server.messages()).containsExactlyElementsOf(messages);
        assertThat(server.errors()).isEmpty();
        long expectedBytes = 0;
        for (int i = 0; i < 1000; i++) {
            String frame = (i + 2) + " syslog " + messages.get(i).length() + " " + messages.get(i) + "\n";
            expectedBytes += frame.length();
        }
        assertThat(result.bytesSent()).isEqualTo(expectedBytes);
    }

    @Test
    void opensWithOffersThenNumbersTransactionsFromTwo() {
        sink(4).send(Batches.of("a", "b", "c"), Deadline.after(PATIENCE));

        assertThat(server.commands()).containsExactly("1:1 open", "1:2 syslog", "1:3 syslog", "1:4 syslog");
    }

    @Test
    void messagesWithLineBreaksAndEmptyMessagesArriveUnchanged() {
        List<String> messages = List.of("first line\nsecond line\n", "", "tab\there", "ünïcödé ✓", "12 syslog 3 x\n");
        DeliveryResult result = sink(8).send(Batches.of(messages), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
        assertThat(server.messages()).containsExactlyElementsOf(messages);
    }

    @Test
    void neverHasMoreThanTheWindowUnanswered() {
        server.ackLazily(100);
        List<String> messages = FakeRelpServer.numbered("m", 50);
        DeliveryResult result = sink(8).send(Batches.of(messages), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
        assertThat(server.messages()).containsExactlyElementsOf(messages);
        assertThat(server.maxUnanswered()).isLessThanOrEqualTo(8).isGreaterThan(1);
    }

    @Test
    void windowOfOneSendsOneMessageAtATime() {
        server.ackLazily(50);
        DeliveryResult result = sink(1).send(Batches.of(FakeRelpServer.numbered("m", 5)), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).isTrue();
        assertThat(server.maxUnanswered()).isEqualTo(1);
    }

    @Test
    void reusesTheSessionAcrossBatchesAndClosesPolitely() {
        sink(8);
        assertThat(sink.send(Batches.of("a", "b"), Deadline.after(PATIENCE)).isSuccess()).isTrue();
        assertThat(sink.send(Batches.of("c"), Deadline.after(PATIENCE)).isSuccess()).isTrue();
        sink.close();
        sink = null;

        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.commands()).containsExactly("1:1 open", "1:2 syslog", "1:3 syslog", "1:4 syslog",
                "1:5 close");
    }

    @Test
    void aRefusedMessageFailsTheBatchWithTheServersAnswerAndIsNotResent() {
        server.script((connection, index, message) -> index == 5 ? Action.REFUSE : Action.ACK);
        List<String> messages = FakeRelpServer.numbered("m", 20);
        DeliveryResult result = sink(4).send(Batches.of(messages), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.delivered()).isEqualTo(19);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.error()).contains("refused 1 of 20 messages").contains("500 cannot take this one")
                .contains("relp://127.0.0.1:" + server.port()).doesNotContain("\n");
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.messages()).hasSize(19).doesNotContain("m5");
    }

    @Test
    void aServerThatNeverAnswersFailsTheBatchAtTheDeadline() {
        server.script((connection, index, message) -> Action.IGNORE);
        long start = System.nanoTime();
        DeliveryResult result = sink(8).send(Batches.of(FakeRelpServer.numbered("m", 20)), Deadline.afterMillis(1500));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.delivered()).isZero();
        assertThat(result.failed()).isEqualTo(20);
        assertThat(result.error()).contains("no acknowledgement from relp://127.0.0.1:" + server.port())
                .contains("20 of 20 messages");
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1400).isLessThan(PATIENCE.toMillis());
        assertThat(server.messages()).hasSize(8); // the window, and no more
    }

    @Test
    void aServerThatStopsReadingCannotBlockTheWriterPastTheDeadline() {
        server.readNothing();
        // 128 messages of 256 KiB are far more than the socket buffers take: the writer blocks
        String big = "x".repeat(256 * 1024);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            messages.add(big);
        }
        long start = System.nanoTime();
        DeliveryResult result = sink(128).send(Batches.of(messages), Deadline.afterMillis(1500));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.failed()).isEqualTo(128);
        assertThat(result.error()).contains("relp://127.0.0.1:" + server.port());
        assertThat(elapsedMillis).isLessThan(PATIENCE.toMillis());
    }

    @Test
    void aDroppedConnectionResendsExactlyTheUnansweredMessagesAndCountsPossibleDuplicates() {
        // the first connection takes messages 0..39 (acknowledging them), keeps 40..46 without an answer
        // (they reach the server: their answers are "lost"), and breaks on 47
        server.script((connection, index, message) -> {
            if (connection > 1) {
                return Action.ACK;
            }
            if (index < 40) {
                return Action.ACK;
            }
            return index < 47 ? Action.IGNORE : Action.DROP_CONNECTION;
        });
        List<String> messages = FakeRelpServer.numbered("m", 200);
        DeliveryResult result = sink(16).send(Batches.of(messages), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
        assertThat(result.delivered()).isEqualTo(200);
        assertThat(result.retries()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(2);
        // the second session carries exactly what had no answer, in order: m40 onwards
        assertThat(server.messages(2)).containsExactlyElementsOf(messages.subList(40, 200));
        // every message arrived; the ones the server saw twice were on the wire unanswered
        Set<String> seen = new HashSet<>(server.messages());
        assertThat(seen).containsAll(messages);
        int actualDuplicates = server.messages().size() - 200;
        assertThat(actualDuplicates).isEqualTo(8); // m40..m47
        assertThat(result.possibleDuplicates()).isGreaterThanOrEqualTo(actualDuplicates).isLessThanOrEqualTo(16);
        assertThat(server.errors()).isEmpty();
    }

    @Test
    void serverCloseMidStreamReconnectsAndCompletes() {
        server.script((connection, index, message) -> connection == 1 && index == 30 ? Action.SERVERCLOSE : Action.ACK);
        List<String> messages = FakeRelpServer.numbered("m", 100);
        DeliveryResult result = sink(8).send(Batches.of(messages), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
        assertThat(result.retries()).isEqualTo(1);
        assertThat(new HashSet<>(server.messages())).containsAll(messages);
        assertThat(server.messages(2).get(0)).isEqualTo("m30");
    }

    @Test
    void anIdleSessionClosedByTheServerIsReplacedWithoutCountingDuplicates() throws Exception {
        sink(8);
        assertThat(sink.send(Batches.of("a"), Deadline.after(PATIENCE)).isSuccess()).isTrue();
        server.dropCurrentConnection();
        Thread.sleep(300); // idle long enough for the check before reuse

        DeliveryResult result = sink.send(Batches.of("b", "c"), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
        assertThat(result.possibleDuplicates()).isZero();
        assertThat(server.messages()).containsExactly("a", "b", "c");
    }

    @Test
    void aSessionDroppedSilentlyWhileIdleIsReplacedLongBeforeTheDeadline() throws Exception {
        // the first connection answers the first message, then nothing more (a NAT forgot the flow)
        server.script((connection, index, message) -> connection == 1 && index > 0 ? Action.IGNORE : Action.ACK);
        sink(8).staleSessionTimes(Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(sink.send(Batches.of("a"), Deadline.after(PATIENCE)).isSuccess()).isTrue();
        Thread.sleep(300);

        long start = System.nanoTime();
        DeliveryResult result = sink.send(Batches.of("b", "c"), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
        assertThat(result.retries()).isEqualTo(1);
        assertThat(result.possibleDuplicates()).isEqualTo(2);
        assertThat(server.messages(2)).containsExactly("b", "c");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PATIENCE.dividedBy(2));
    }

    @Test
    void aBusySessionIsNotMistakenForAStaleOne() {
        // answers come late (lazily), but the session was not idle: nothing is resent
        server.ackLazily(300);
        sink(8).staleSessionTimes(Duration.ofSeconds(30), Duration.ofMillis(50));
        DeliveryResult result = sink.send(Batches.of(FakeRelpServer.numbered("m", 20)), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).as(String.valueOf(result)).isTrue();
        assertThat(result.retries()).isZero();
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aRefusedOpenFailsAtOnceWithTheServersAnswer() {
        server.openAnswer("500 required command not supported by client");
        long start = System.nanoTime();
        DeliveryResult result = sink(8).send(Batches.of("a"), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.error()).isEqualTo("relp://127.0.0.1:" + server.port()
                + ": the server refused the RELP session: 500 required command not supported by client");
        assertThat(server.connections()).isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(PATIENCE.toMillis() / 2);
    }

    @Test
    void aServerWithoutTheSyslogCommandIsRefused() {
        server.openAnswer("200 OK\nrelp_version=0\ncommands=");
        DeliveryResult result = sink(8).send(Batches.of("a"), Deadline.after(PATIENCE));

        assertThat(result.error()).contains("does not accept syslog messages over RELP");
    }

    @Test
    void nothingListeningFailsWithinTheDeadlineNamingTheCause() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        sink = sinkFor(port, 8);
        DeliveryResult result = sink.send(Batches.of("a", "b"), Deadline.afterMillis(800));

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.failed()).isEqualTo(2);
        assertThat(result.error()).startsWith("cannot deliver to relp://127.0.0.1:" + port + ": connect to 127.0.0.1:"
                + port).contains("refused").contains("connection attempts failed");
        assertThat(result.retries()).isPositive();
    }

    @Test
    void aPeerThatDoesNotSpeakRelpIsNamedAsSuch() throws Exception {
        try (ServerSocket http = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                while (true) {
                    try (Socket s = http.accept()) {
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        s.getInputStream().read(new byte[1024]);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            sink = sinkFor(http.getLocalPort(), 8);
            DeliveryResult result = sink.send(Batches.of("a"), Deadline.afterMillis(1000));

            assertThat(result.isSuccess()).isFalse();
            assertThat(result.error()).contains("not a RELP peer").contains("HTTP/1.1");
        }
    }

    @Test
    void connectReportsTheServersOffers() throws IOException {
        Map<String, String> facts = sink(8).connect(Deadline.after(PATIENCE));

        assertThat(facts).containsEntry("relp_software", "fake,1").containsEntry("commands", "syslog")
                .containsEntry("relp_version", "0").containsEntry("window", "8")
                .containsEntry("remote", "127.0.0.1:" + server.port());
        assertThat(sink.send(Batches.of("a"), Deadline.after(PATIENCE)).isSuccess()).isTrue();
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void anEmptyBatchNeedsNoConnection() {
        DeliveryResult result = sink(8).send(Batches.of(List.of()), Deadline.after(PATIENCE));

        assertThat(result.isSuccess()).isTrue();
        assertThat(server.connections()).isZero();
    }
}
