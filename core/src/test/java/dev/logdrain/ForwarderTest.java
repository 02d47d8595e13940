package dev.logdrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.logdrain.fixtures.FailingSinkProvider;
import dev.logdrain.fixtures.HangingSinkProvider;
import dev.logdrain.fixtures.PartsSinkProvider;
import dev.logdrain.fixtures.RecordingSinkProvider;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForwarderTest {

    private final PluginRegistry registry = PluginRegistry.builtIns();

    @AfterEach
    void releaseHangingSinks() {
        HangingSinkProvider.release();
    }

    /** A destination name no other test uses. */
    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static LogBatch batch(int from, int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(new LogEvent(Integer.toString(i), 1_700_000_000_000L + i, "event " + i));
        }
        return LogBatch.of("/aws/lambda/app", "2024/01/01/[$LATEST]abc", events);
    }

    private static List<String> texts(List<byte[]> messages) {
        return messages.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private static List<String> expectedTexts(String prefix, int count) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(prefix + "event " + i);
        }
        return expected;
    }

    @Test
    void oneDestinationGetsEveryEventFormattedAndAReport() {
        String name = unique("single");
        try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of("record://" + name + "?format=plain&lead=>"))) {
            ForwardReport report = forwarder.forward(batch(0, 3), Deadline.after(Duration.ofSeconds(30)));

            assertThat(report.isSuccess()).isTrue();
            assertThat(report.events()).isEqualTo(3);
            DestinationReport d = report.destinations().get(0);
            assertThat(d.destination()).isEqualTo("record://" + name + ":9999?format=plain&lead=***"); // a plugin's option: not on the allow-list
            assertThat(d.scheme()).isEqualTo("record");
            assertThat(d.host()).isEqualTo(name + ":9999");
            assertThat(d.sent()).isEqualTo(3);
            assertThat(d.failed()).isZero();
            assertThat(d.truncated()).isZero();
            assertThat(d.bytes()).isEqualTo(3 * ">event 0".length());
            assertThat(d.error()).isNull();
            assertThat(texts(RecordingSinkProvider.received(name))).containsExactly(">event 0", ">event 1", ">event 2");
            assertThat(forwarder.destinations()).extracting(x -> x.port()).containsExactly(9999);
        }
    }

    @Test
    void aFailingAndAHangingDestinationDoNotKeepEventsFromTheOthers() {
        HangingSinkProvider.hang();
        String first = unique("fanout-a");
        String second = unique("fanout-b");
        List<String> urls = List.of(
                "fail://user:hunter2@failing.example?format=plain&token=S3CRET",
                "record://" + first + "?format=plain",
                "hang://stuck.example?format=plain",
                "record://" + second + "?format=plain&lead=2:");

        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (Forwarder forwarder = Forwarder.fromUrls(registry, urls)) {
                List<ForwardReport> reports = new ArrayList<>();
                for (int b = 0; b < 3; b++) {
                    reports.add(forwarder.forward(batch(b * 4, 4), Deadline.afterMillis(1000)));
                }

                // every event reached both recording destinations, in order
                assertThat(texts(RecordingSinkProvider.received(first))).isEqualTo(expectedTexts("", 12));
                assertThat(texts(RecordingSinkProvider.received(second))).isEqualTo(expectedTexts("2:", 12));

                for (ForwardReport report : reports) {
                    assertThat(report.isSuccess()).isFalse();
                    assertThat(report.destinations()).extracting(DestinationReport::scheme)
                            .containsExactly("fail", "record", "hang", "record");
                    DestinationReport failing = report.destinations().get(0);
                    assertThat(failing.failed()).isEqualTo(4);
                    assertThat(failing.sent()).isZero();
                    assertThat(failing.retries()).isEqualTo(1);
                    assertThat(failing.error()).isEqualTo(FailingSinkProvider.ERROR);
                    assertThat(failing.destination()).isEqualTo("fail://***@failing.example:514?format=plain&token=***");
                    assertThat(report.destinations().get(1).isSuccess()).isTrue();
                    assertThat(report.destinations().get(1).sent()).isEqualTo(4);
                    assertThat(report.destinations().get(3).isSuccess()).isTrue();
                    DestinationReport hanging = report.destinations().get(2);
                    assertThat(hanging.failed()).isEqualTo(4);
                    assertThat(hanging.sent()).isZero();
                    assertThat(report.failures()).hasSize(2);
                    assertThat(report.failureSummary())
                            .contains("fail://***@failing.example:514?format=plain&token=***: 4 of 4 events not delivered")
                            .contains("hang://stuck.example:514?format=plain: 4 of 4 events not delivered")
                            .doesNotContain("hunter2").doesNotContain("S3CRET");
                }
                assertThat(reports.get(0).destinations().get(2).error()).isEqualTo("did not finish by the deadline");
                // the stuck send still holds the sink: later batches fail at once instead of sharing it
                assertThat(reports.get(1).destinations().get(2).error())
                        .isEqualTo("still busy with an earlier batch that did not finish by its deadline");
                assertThat(HangingSinkProvider.calls()).isEqualTo(1);

                // once the sink comes back, the destination takes batches again
                HangingSinkProvider.release();
                DestinationReport recovered = null;
                for (int attempt = 0; attempt < 600 && (recovered == null || !recovered.isSuccess()); attempt++) {
                    recovered = forwarder.forward(batch(100, 2), Deadline.after(Duration.ofSeconds(30)))
                            .destinations().get(2);
                    if (!recovered.isSuccess()) {
                        Thread.sleep(50);
                    }
                }
                assertThat(recovered.isSuccess()).isTrue();
                assertThat(recovered.sent()).isEqualTo(2);
                assertThat(HangingSinkProvider.running()).isZero();
            }
        });
    }

    @Test
    void aSinkThatThrowsIsReportedAndTheOthersStillDeliver() {
        String name = unique("after-throw");
        try (Forwarder forwarder = Forwarder.fromUrls(registry,
                List.of("fail://h?format=plain&mode=throw", "record://" + name + "?format=plain"))) {
            ForwardReport report = forwarder.forward(batch(0, 2), Deadline.after(Duration.ofSeconds(30)));

            assertThat(report.destinations().get(0).failed()).isEqualTo(2);
            assertThat(report.destinations().get(0).error())
                    .isEqualTo("sink failed: java.lang.IllegalStateException: sink bug in the test");
            assertThat(report.destinations().get(1).isSuccess()).isTrue();
            assertThat(RecordingSinkProvider.received(name)).hasSize(2);
        }
    }

    @Test
    void aMessageLongerThanMaxsizeIsCutOnACharacterBoundaryAndCounted() throws Exception {
        String name = unique("maxsize");
        String euros = "€".repeat(40); // 120 bytes
        String mixed = "ab" + "😀".repeat(30); // 122 bytes
        LogBatch batch = LogBatch.of("g", "s", List.of(
                new LogEvent("1", 0, euros),
                new LogEvent("2", 0, "short"),
                new LogEvent("3", 0, mixed),
                new LogEvent("4", 0, "x".repeat(64))));

        try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of("record://" + name + "?format=plain&maxsize=64"))) {
            ForwardReport report = forwarder.forward(batch, Deadline.after(Duration.ofSeconds(30)));

            DestinationReport d = report.destinations().get(0);
            assertThat(d.truncated()).isEqualTo(2);
            assertThat(d.sent()).isEqualTo(4);
            List<byte[]> received = RecordingSinkProvider.received(name);
            assertThat(received).hasSize(4);
            assertThat(received.get(0)).hasSize(63); // 21 whole euro signs
            assertThat(strictUtf8(received.get(0))).isEqualTo("€".repeat(21));
            assertThat(strictUtf8(received.get(1))).isEqualTo("short");
            assertThat(received.get(2)).hasSize(62); // "ab" and 15 whole emoji
            assertThat(strictUtf8(received.get(2))).isEqualTo("ab" + "😀".repeat(15));
            assertThat(strictUtf8(received.get(3))).isEqualTo("x".repeat(64)); // exactly maxsize: kept
            assertThat(d.bytes()).isEqualTo(63 + 5 + 62 + 64);
        }
    }

    /** A batch of {@code count} events of about 200 bytes each, every 7th one 300 bytes (cut by maxsize=256). */
    private static LogBatch bigBatch(int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "event " + i + " " + (i % 7 == 0 ? "y".repeat(300) : "x".repeat(190 + i % 10));
            events.add(new LogEvent(Integer.toString(i), 0, text));
        }
        return LogBatch.of("g", "s", events);
    }

    private static String expectedMessage(LogBatch batch, int i) {
        String text = batch.events().get(i).message();
        return text.length() > 256 ? text.substring(0, 256) : text;
    }

    @Test
    void longMessagesAreEscapedThenSplitIntoRecordsThatFitAndAreCountedAcrossParts() {
        String name = unique("records");
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(new LogEvent("e" + i, i, i % 3 == 0 ? ("x".repeat(50) + "\n<13>1 - FORGED - - - -").repeat(20) : "ok " + i));
        }
        LogBatch batch = LogBatch.of("g", "s", events);
        for (String oversize : List.of("split", "truncate")) {
            String url = "parts://" + name + oversize + "?format=plain&header=H:&lines=escape&maxsize=200&oversize=" + oversize;
            try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of(url))) {
                DestinationReport d = forwarder.forward(batch, Deadline.after(Duration.ofSeconds(30))).destinations().get(0);
                assertThat(d.isSuccess()).isTrue();
                assertThat(oversize.equals("split") ? d.split() : d.truncated()).isEqualTo(100);
                assertThat(oversize.equals("split") ? d.truncated() : d.split()).isZero();
                int event = 0;
                for (PartsSinkProvider.Part part : PartsSinkProvider.parts(name + oversize)) {
                    for (List<String> records : part.records()) {
                        String text = events.get(event).message().replace("\n", "\\n");
                        StringBuilder joined = new StringBuilder();
                        for (int r = 0; r < records.size(); r++) {
                            String record = records.get(r);
                            assertThat(record.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
                            assertThat(record).doesNotContain("\n");
                            String marker = "H:[part " + (r + 1) + "/" + records.size() + " id=e" + event + "] ";
                            if (records.size() > 1) {
                                assertThat(record).startsWith(marker);
                                joined.append(record.substring(marker.length()));
                            } else {
                                joined.append(record.substring(2));
                            }
                        }
                        if (oversize.equals("split") || text.length() < 198) {
                            assertThat(joined.toString()).isEqualTo(text);
                        } else {
                            assertThat(text).startsWith(joined.toString());
                            assertThat(joined.length()).isEqualTo(198);
                        }
                        event++;
                    }
                }
                assertThat(event).isEqualTo(300);
            }
        }
    }

    @Test
    void aSinkThatTakesPartsGetsEveryMessageOnceInOrderInBoundedParts() {
        String name = unique("parts");
        LogBatch batch = bigBatch(5000);
        try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of("parts://" + name + "?format=plain&maxsize=256"))) {
            DestinationReport d = forwarder.forward(batch, Deadline.after(Duration.ofSeconds(30))).destinations().get(0);

            List<PartsSinkProvider.Part> parts = PartsSinkProvider.parts(name);
            assertThat(parts).hasSizeGreaterThan(5); // about 1 MB in parts of 64 KiB
            List<String> received = new ArrayList<>();
            long bytes = 0;
            for (PartsSinkProvider.Part part : parts) {
                assertThat(part.first()).isEqualTo(received.size());
                // a part ends with the message that takes it to 64 KiB or more
                assertThat(part.bytes()).isLessThan(64 * 1024 + 256);
                received.addAll(texts(part.messages()));
                bytes += part.bytes();
            }
            assertThat(received).hasSize(5000);
            for (int i = 0; i < 5000; i++) {
                assertThat(received.get(i)).isEqualTo(expectedMessage(batch, i));
            }
            assertThat(PartsSinkProvider.endings(name)).containsExactly(new PartsSinkProvider.Ending(parts.size(), "finish"));
            assertThat(d.isSuccess()).isTrue();
            assertThat(d.sent()).isEqualTo(5000);
            assertThat(d.truncated()).isEqualTo(715); // events 0, 7, 14, ... 4998
            assertThat(d.bytes()).isEqualTo(bytes);
        }
    }

    @Test
    void whenFormattingFailsMidBatchThePartsGivenAreReportedAndTheRestFailed() {
        String name = unique("parts-fail");
        LogBatch good = bigBatch(5000);
        List<LogEvent> events = new ArrayList<>(good.events());
        events.set(3000, new LogEvent("3000", 0, "boom"));
        LogBatch batch = good.withEvents(events);
        try (Forwarder forwarder = Forwarder.fromUrls(registry,
                List.of("parts://" + name + "?format=plain&maxsize=256&failon=boom"))) {
            DestinationReport d = forwarder.forward(batch, Deadline.after(Duration.ofSeconds(30))).destinations().get(0);

            List<PartsSinkProvider.Part> parts = PartsSinkProvider.parts(name);
            int given = parts.stream().mapToInt(p -> p.messages().size()).sum();
            assertThat(given).isPositive().isLessThan(3000);
            assertThat(PartsSinkProvider.endings(name)).containsExactly(new PartsSinkProvider.Ending(parts.size(),
                    "formatting failed: java.lang.IllegalStateException: formatter bug in the test"));
            assertThat(d.isSuccess()).isFalse();
            assertThat(d.sent()).isEqualTo(given);
            assertThat(d.failed()).isEqualTo(5000 - given);
            assertThat(d.error()).isEqualTo("formatting failed: java.lang.IllegalStateException: formatter bug in the test");
            assertThat(d.truncated()).isEqualTo(429); // of the 3000 events formatted before the failure: 0, 7, ... 2996
        }
    }

    @Test
    void whenTheFirstEventFailsToFormatNothingIsGiven() {
        String name = unique("parts-fail-first");
        try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of("parts://" + name + "?format=plain&failon=event 0"))) {
            DestinationReport d = forwarder.forward(batch(0, 3), Deadline.after(Duration.ofSeconds(30))).destinations().get(0);

            assertThat(PartsSinkProvider.parts(name)).isEmpty();
            assertThat(d.sent()).isZero();
            assertThat(d.failed()).isEqualTo(3);
            assertThat(d.error()).startsWith("formatting failed:");
        }
    }

    @Test
    void maxsizeOutOfRangeIsAConfigurationError() {
        assertThatThrownBy(() -> Forwarder.fromUrls(registry, List.of("record://a?format=plain&maxsize=10")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("option maxsize='10' must be a whole number from 64 to 67108864");
    }

    @Test
    void anEmptyBatchSucceedsWithoutCallingTheSink() {
        try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of("fail://h?format=plain", "fail://i?format=plain"))) {
            ForwardReport report = forwarder.forward(batch(0, 0), Deadline.after(Duration.ofSeconds(30)));

            assertThat(report.isSuccess()).isTrue();
            assertThat(report.destinations()).hasSize(2).allSatisfy(d -> assertThat(d.sent()).isZero());
        }
    }

    @Test
    void noDestinationOrABadOneIsAConfigurationError() {
        assertThatThrownBy(() -> Forwarder.create(registry, List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessage("no destination given");
        assertThatThrownBy(() -> Forwarder.fromUrls(registry, List.of("record://a?format=plain", "record://b?format=plain&colour=red")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown option 'colour'");
        assertThatThrownBy(() -> Forwarder.fromUrls(registry, List.of("fail://a?format=plain&mode=explode")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must be one of report, throw");
    }

    private static String strictUtf8(byte[] bytes) throws Exception {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
