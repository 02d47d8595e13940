package dev.logdrain.syslog.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.DestinationReport;
import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.SyslogNg;
import dev.logdrain.testing.SyslogServer;
import dev.logdrain.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole path (formatter, forwarder, sink) against rsyslog and syslog-ng as they are installed: no size
 * setting changed (rsyslog takes 8096 bytes per frame and parses the rest as a message of its own;
 * syslog-ng takes 65536). Events of 8,000 to 200,000 bytes, full of line breaks and fake syslog headers, in
 * every framing and format, with {@code oversize=split} and {@code truncate} and the default {@code maxsize}:
 * every event arrives as exactly one record, or as exactly the parts split promises (which give back the
 * text), and no record has a host or app that the event wrote. One server of each kind serves every case.
 */
class StockReceiversIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int RSYSLOG_LIMIT = 8096;
    private static final int[] SIZES = {8_000, 8_096, 8_097, 30_000, 200_000};
    private static final String FAKE_5424 = "\n<13>1 - FORGEDHOST FORGEDAPP - - - x";
    private static final String FAKE_3164 = "\r\n<13>Dec  1 00:00:00 FORGEDHOST FORGEDAPP: y";
    private static final Pattern SD_PART = Pattern.compile(
            "\\[part@32473 n=\"(\\d+)\" of=\"(\\d+)\" id=\"([^\"]*)\"] (.*)", Pattern.DOTALL);
    private static final Pattern TEXT_PART = Pattern.compile("\\[part (\\d+)/(\\d+) id=(\\S+)] (.*)", Pattern.DOTALL);
    private static final AtomicInteger CASES = new AtomicInteger();

    private static Rsyslog rsyslog;
    private static SyslogNg syslogNg;
    private static PluginRegistry registry;

    @BeforeAll
    static void start() {
        registry = PluginRegistry.builtIns();
        rsyslog = Rsyslog.builder().stockSizes().tcp().input(Input.TCP_RFC3164).udp().tls().start();
        syslogNg = SyslogNg.builder().stockSizes().tcp().input(Input.TCP_LF, Input.TCP_RFC3164).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {rsyslog, syslogNg, registry}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String server : List.of("rsyslog", "syslog-ng")) {
            for (String format : List.of("rfc5424", "rfc3164", "convox")) {
                for (String framing : List.of("octet-counting", "lf", "crlf", "lf&multiline=split")) {
                    if (server.equals("syslog-ng") && format.equals("rfc3164") && framing.equals("octet-counting")) {
                        continue; // the test syslog-ng has no octet-counted RFC 3164 input
                    }
                    for (String oversize : List.of("split", "truncate")) {
                        cases.add(Arguments.of(server, format, framing, oversize));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} framing={2} oversize={3}")
    @MethodSource("cases")
    void everyEventArrivesAsOneRecordOrAsItsPartsAndNoneIsForged(String server, String format, String framing,
                                                                  String oversize) {
        SyslogServer receiver = server.equals("rsyslog") ? rsyslog : syslogNg;
        Input input = format.equals("rfc3164") ? Input.TCP_RFC3164
                : server.equals("syslog-ng") && !framing.equals("octet-counting") ? Input.TCP_LF : Input.TCP;
        String url = receiver.url(input) + "?format=" + format + "&framing=" + framing + "&oversize=" + oversize
                + (format.equals("convox") ? "" : "&appname=stockapp");
        List<LogEvent> events = new ArrayList<>();
        for (int k = 0; k < SIZES.length; k++) {
            events.add(new LogEvent("ev" + k, 1_764_547_200_000L + k, hostileMessage(k, SIZES[k])));
        }
        Delivered d = deliver(receiver, url, events);

        String app = format.equals("convox") ? "convox/syslog" : "stockapp";
        int limit = RSYSLOG_LIMIT - (framing.equals("crlf") ? 1 : 0);
        for (ReceivedMessage m : d.records()) {
            assertThat(m.hostname()).as("host of %s", m.raw()).isEqualTo("stockhost");
            assertThat(m.appName()).as("app of %s", m.raw()).isEqualTo(app);
            assertThat(bytes(raw(m))).as("record size").isLessThanOrEqualTo(limit);
        }
        boolean octets = framing.equals("octet-counting");
        if (framing.contains("multiline=split")) {
            assertOneRecordPerLine(events, d.records());
            assertThat(d.report().truncated() + d.report().split()).isZero();
            return;
        }
        Pattern part = format.equals("rfc3164") ? TEXT_PART : SD_PART;
        int cut = 0;
        int split = 0;
        int next = 0;
        for (LogEvent event : events) {
            String expected = octets ? event.message() : event.message().replace("\n", "\\n").replace("\r", "\\r");
            assertThat(next).as("records left for %s", event.id()).isLessThan(d.records().size());
            Matcher first = part.matcher(raw(d.records().get(next)));
            if (first.find() && first.group(3).equals(event.id())) {
                assertThat(oversize).isEqualTo("split");
                int of = Integer.parseInt(first.group(2));
                StringBuilder text = new StringBuilder();
                for (int n = 1; n <= of; n++, next++) {
                    Matcher m = part.matcher(raw(d.records().get(next)));
                    assertThat(m.find()).as("part %d of %s", n, event.id()).isTrue();
                    assertThat(m.group(1) + "/" + m.group(2) + " " + m.group(3)).isEqualTo(n + "/" + of + " " + event.id());
                    text.append(m.group(4));
                }
                assertThat(text.toString()).as("the parts of %s joined", event.id()).isEqualTo(expected);
                split++;
                continue;
            }
            String record = raw(d.records().get(next++));
            String text = record.substring(record.indexOf("EV" + event.id() + "|"));
            if (!text.equals(expected)) {
                assertThat(oversize).as("%s was cut though split was asked for", event.id()).isEqualTo("truncate");
                assertThat(expected).startsWith(text);
                assertThat(bytes(record)).as("cut at the limit").isGreaterThan(limit - 4);
                cut++;
            }
        }
        assertThat(next).as("records beyond the events' own").isEqualTo(d.records().size());
        assertThat(d.report().truncated()).isEqualTo(cut);
        assertThat(d.report().split()).isEqualTo(split);
        assertThat(cut + split).as("the events over the limit").isGreaterThanOrEqualTo(3);
    }

    /** With the default maxsize the parts fill rsyslog's limit to the byte, and it keeps each whole. */
    @Test
    void partsOfExactlyRsyslogsLimitArriveWhole() {
        LogEvent event = new LogEvent("big", 1_764_547_200_000L, "EVbig|" + "a".repeat(50_000));
        Delivered d = deliver(rsyslog, rsyslog.url(Input.TCP), List.of(event));
        assertThat(d.records()).hasSize(7);
        for (int i = 0; i < 6; i++) {
            assertThat(bytes(raw(d.records().get(i)))).isEqualTo(RSYSLOG_LIMIT);
        }
        StringBuilder text = new StringBuilder();
        for (ReceivedMessage m : d.records()) {
            Matcher part = SD_PART.matcher(m.raw());
            assertThat(part.find()).isTrue();
            text.append(part.group(4));
        }
        assertThat(text.toString()).isEqualTo(event.message());
        assertThat(d.report().split()).isEqualTo(1);
    }

    /** TLS with every default: the same limit, the same parts. */
    @Test
    void tlsWithEveryDefaultSplitsIntoPartsStockRsyslogKeepsWhole() {
        String message = "EVtls|" + ("e".repeat(300) + FAKE_5424 + FAKE_3164).repeat(100);
        LogEvent event = new LogEvent("tls", 1_764_547_200_000L, message);
        Delivered d = deliver(rsyslog, rsyslog.url(Input.TLS) + "?ca=" + TestCertificates.caCert(), List.of(event));
        StringBuilder text = new StringBuilder();
        for (ReceivedMessage m : d.records()) {
            assertThat(m.hostname()).isEqualTo("stockhost");
            assertThat(bytes(m.raw())).isLessThanOrEqualTo(RSYSLOG_LIMIT);
            Matcher part = SD_PART.matcher(m.raw());
            assertThat(part.find()).isTrue();
            text.append(part.group(4));
        }
        assertThat(d.records()).hasSizeGreaterThan(4);
        assertThat(text.toString()).isEqualTo(message);
        assertThat(d.report().split()).isEqualTo(1);
    }

    /** The control: one byte over its limit, stock rsyslog makes two records of one (the server really is stock). */
    @Test
    void stockRsyslogSplitsAFrameOverItsLimit() {
        LogEvent event = new LogEvent("over", 1_764_547_200_000L, "EVover|" + "b".repeat(9_000));
        Delivered d = deliver(rsyslog, rsyslog.url(Input.TCP) + "?maxsize=" + (RSYSLOG_LIMIT + 200)
                + "&oversize=truncate", List.of(event));
        assertThat(d.records()).hasSizeGreaterThan(1);
        assertThat(d.records().get(1).hostname()).isNotEqualTo("stockhost");
    }

    /** syslog-ng's stock limit is 64 KiB, LF framing included: records of exactly that size arrive whole. */
    @Test
    void stockSyslogNgTakesRecordsOfItsWholeLimit() {
        String message = "EVng|" + ("c".repeat(1000) + FAKE_5424).repeat(190);
        LogEvent event = new LogEvent("ng", 1_764_547_200_000L, message);
        Delivered d = deliver(syslogNg, syslogNg.url(Input.TCP_LF) + "?framing=lf&maxsize=65536", List.of(event));
        StringBuilder text = new StringBuilder();
        for (ReceivedMessage m : d.records()) {
            assertThat(m.hostname()).isEqualTo("stockhost");
            Matcher part = SD_PART.matcher(m.raw());
            assertThat(part.find()).isTrue();
            text.append(part.group(4));
        }
        assertThat(bytes(d.records().get(0).raw())).isEqualTo(65536);
        assertThat(text.toString()).isEqualTo(message.replace("\n", "\\n"));
    }

    /** UDP: no datagram over maxsize (2048 by default); a long event is split into datagrams. */
    @Test
    void udpDatagramsNeverExceedMaxsize() {
        String message = "EVudp|" + ("d".repeat(200) + FAKE_5424).repeat(30);
        LogEvent event = new LogEvent("udp", 1_764_547_200_000L, message);
        Delivered d = deliver(rsyslog, rsyslog.url(Input.UDP), List.of(event));
        StringBuilder text = new StringBuilder();
        for (ReceivedMessage m : d.records()) {
            assertThat(m.hostname()).isEqualTo("stockhost");
            assertThat(bytes(m.raw())).isLessThanOrEqualTo(2048);
            Matcher part = SD_PART.matcher(m.raw());
            assertThat(part.find()).isTrue();
            text.append(part.group(4));
        }
        assertThat(text.toString()).isEqualTo(message);
    }

    private record Delivered(DestinationReport report, List<ReceivedMessage> records) {
    }

    /**
     * Sends the events as one batch, then a sentinel in a batch of its own on the same connection; returns the
     * report and every record that arrived before the sentinel (one connection, one worker: in order).
     */
    private static Delivered deliver(SyslogServer receiver, String url, List<LogEvent> events) {
        String sentinel = "SENTINEL-" + CASES.incrementAndGet();
        int before = receiver.messages().size();
        ForwardReport report;
        try (Forwarder forwarder = Forwarder.fromUrls(registry, List.of(url))) {
            report = forwarder.forward(LogBatch.of("stockhost", "web/1", events), Deadline.after(WAIT));
            assertThat(report.isSuccess()).as("%s", report).isTrue();
            ForwardReport last = forwarder.forward(LogBatch.of("stockhost", "web/1",
                    List.of(new LogEvent("s", 1_764_547_300_000L, sentinel))), Deadline.after(WAIT));
            assertThat(last.isSuccess()).as("%s", last).isTrue();
        }
        receiver.awaitMessage(m -> m.raw().contains(sentinel), WAIT);
        List<ReceivedMessage> all = receiver.messages();
        List<ReceivedMessage> records = new ArrayList<>();
        for (ReceivedMessage m : all.subList(before, all.size())) {
            if (m.raw().contains(sentinel)) {
                break;
            }
            records.add(m);
        }
        return new Delivered(report.destinations().get(0), records);
    }

    /** multiline=split: one record per non-empty line, in order, each ending with its line. */
    private static void assertOneRecordPerLine(List<LogEvent> events, List<ReceivedMessage> records) {
        List<String> lines = new ArrayList<>();
        for (LogEvent e : events) {
            for (String line : e.message().split("\n")) {
                String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (!l.isEmpty()) {
                    lines.add(l);
                }
            }
        }
        assertThat(records).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(raw(records.get(i))).endsWith(lines.get(i));
        }
    }

    /**
     * {@code EVid|} then text of {@code size} bytes: words in several scripts, line breaks (LF and CR LF) each
     * followed by a fake RFC 5424 or RFC 3164 header naming FORGEDHOST and FORGEDAPP.
     */
    static String hostileMessage(int k, int size) {
        StringBuilder b = new StringBuilder("EVev").append(k).append('|');
        String[] words = {"lorem", "ipsum", "é€", "😀", "dolor", "sit", "amet"};
        for (int i = 0; b.length() < size; i++) {
            b.append(words[i % words.length]).append(' ');
            if (i % 9 == 8) {
                b.append(i % 2 == 0 ? FAKE_5424 : FAKE_3164).append(' ');
            }
        }
        byte[] utf8 = b.toString().getBytes(StandardCharsets.UTF_8);
        int cut = size - 1;
        while ((utf8[cut] & 0xC0) == 0x80) {
            cut--;
        }
        String text = new String(utf8, 0, cut, StandardCharsets.UTF_8);
        return text + "z".repeat(size - bytes(text)); // exactly size bytes, no trailing line break
    }

    private static String raw(ReceivedMessage m) {
        String raw = m.raw();
        return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw; // rsyslog keeps CRLF's CR
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
