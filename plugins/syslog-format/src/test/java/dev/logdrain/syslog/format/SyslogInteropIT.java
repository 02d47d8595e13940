package dev.logdrain.syslog.format;

import static dev.logdrain.syslog.format.Formatting.TASK;
import static dev.logdrain.syslog.format.Formatting.TIME;
import static dev.logdrain.syslog.format.Formatting.at;
import static dev.logdrain.syslog.format.Formatting.batch;
import static dev.logdrain.syslog.format.Formatting.ecs;
import static dev.logdrain.syslog.format.Formatting.lambda;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.SyslogNg;
import dev.logdrain.testing.SyslogServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Interoperability: messages formatted by the three formats are sent over TCP (octet counting, RFC 6587) to a
 * real rsyslog and a real syslog-ng started by the test, and each server's parsed fields are compared with the
 * event. RFC 3164 goes to rsyslog's legacy parser ({@code rsyslog.rfc3164}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyslogInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STACK_TRACE = "java.lang.IllegalStateException: order 42 not found\n"
            + "\tat dev.example.Orders.find(Orders.java:17)\r\n"
            + "\tat dev.example.Api.get(Api.java:9)";

    private Rsyslog rsyslog;
    private SyslogNg syslogNg;

    /** One message to send and the fields a server must parse from it. */
    record Case(String name, String url, LogBatch batch, int pri, Instant time, String hostname, String appName,
                String procid, String msgid, String structuredData, String msg) {
    }

    @BeforeAll
    void startServers() {
        rsyslog = Rsyslog.builder().tcp().rfc3164().start();
        syslogNg = SyslogNg.builder().tcp().start();
    }

    @AfterAll
    void stopServers() {
        if (rsyslog != null) {
            rsyslog.close();
        }
        if (syslogNg != null) {
            syslogNg.close();
        }
    }

    private static List<Case> rfc5424Cases() {
        String url = "memory://it";
        String ecsHost = "/ecs/orders";
        String id0 = "37200000000000000000000000000000000000000000000000000000";
        String bigMessage = "0123456789abcdé\n".repeat(300 * 1024 / 17);
        LogBatch sdSpecials = new LogBatch("1234", "/g]\"\\", "s]t",
                List.of(new LogEvent("id\"1]\\", TIME, "sd specials")));
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("plain", url, ecs("GET /orders 200 12ms"), 14, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK,
                "-", "-", "GET /orders 200 12ms"));
        cases.add(new Case("lambda", url, lambda("START RequestId: 8f5f Version: $LATEST"), 14, Instant.ofEpochMilli(TIME),
                "/aws/lambda/checkout", "checkout", "[$LATEST]" + TASK, "-", "-", "START RequestId: 8f5f Version: $LATEST"));
        cases.add(new Case("empty", url, ecs(""), 14, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK, "-", "-", ""));
        cases.add(new Case("blank", url, ecs("   "), 14, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK, "-", "-", "   "));
        cases.add(new Case("stack trace", url, ecs(STACK_TRACE), 14, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK,
                "-", "-", STACK_TRACE));
        cases.add(new Case("emoji and CJK", url, ecs("注文 😀 完了 ✓"), 14, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK,
                "-", "-", "注文 😀 完了 ✓"));
        cases.add(new Case("meta with ]\"\\", url + "?sd=meta", sdSpecials, 14, Instant.ofEpochMilli(TIME), "/g]\"\\",
                "g]\"\\", "s]t", "-", "[logdrain@32473 id=\"id\\\"1\\]\\\\\" group=\"/g\\]\\\"\\\\\" stream=\"s\\]t\" "
                        + "owner=\"1234\"]", "sd specials"));
        cases.add(new Case("static SD", url + "?sd=meta&sd.static=[TOKEN@41058 tag=\"a]b\\\"c\\\\d\"][x@1]",
                ecs("tagged"), 14, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK, "-",
                "[TOKEN@41058 tag=\"a\\]b\\\"c\\\\d\"][x@1][logdrain@32473 id=\"" + id0 + "\" group=\"/ecs/orders\" "
                        + "stream=\"ecs/web/" + TASK + "\" owner=\"123456789012\"]", "tagged"));
        cases.add(new Case("header cleaning", url + "?hostname=my host ü😀&appname=app\tname&procid=p id&msgid=ÄÖ",
                ecs("x"), 14, Instant.ofEpochMilli(TIME), "my_host___", "app_name", "p_id", "__", "-", "x"));
        cases.add(new Case("header limits", url + "?appname=" + "a".repeat(60) + "&procid=" + "p".repeat(200)
                + "&msgid={id}", ecs("limits"), 14, Instant.ofEpochMilli(TIME), ecsHost, "a".repeat(48),
                "p".repeat(128), id0.substring(0, 32), "-", "limits"));
        cases.add(new Case("bom", url + "?bom=true", ecs("grüße"), 14, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK,
                "-", "-", "grüße"));
        cases.add(new Case("auto severity", url + "?severity=auto&facility=local0",
                ecs("{\"level\":\"error\",\"msg\":\"boom\"}"), 131, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK,
                "-", "-", "{\"level\":\"error\",\"msg\":\"boom\"}"));
        cases.add(new Case("control characters", url, ecs("bell\u0007 esc\u001b[1m del\u007f"), 14,
                Instant.ofEpochMilli(TIME), ecsHost, "web", TASK, "-", "-", "bell\u0007 esc\u001b[1m del\u007f"));
        cases.add(new Case("300 KB", url, ecs(bigMessage), 14, Instant.ofEpochMilli(TIME), ecsHost, "web", TASK, "-", "-",
                bigMessage.substring(0, bigMessage.length() - 1)));
        String loggly = "[0123abcd-4567-89ef-0123-456789abcdef@41058 tag=\"orders\"]";
        cases.add(new Case("Loggly token", url + "?sd.static=" + loggly, ecs("to loggly"), 14, Instant.ofEpochMilli(TIME),
                ecsHost, "web", TASK, "-", loggly, "to loggly"));
        // Sumo Logic's SD-ID is its 64-character token and @41123: 70 characters, parsed by both servers
        String sumo = "[9HFxoa6+lXBmvSM9koPjGzvTaxXDQvJ4POE/WCURPAo+w4H7PmZm8H3mSEKxPl0Q@41123]";
        cases.add(new Case("Sumo Logic token", url + "?sd.static=" + sumo, ecs("to sumo"), 14, Instant.ofEpochMilli(TIME),
                ecsHost, "web", TASK, "-", sumo, "to sumo"));
        long t = Instant.parse("1999-02-03T04:05:06.007Z").toEpochMilli();
        cases.add(new Case("facility and time", url + "?facility=local7&severity=debug", at(t, ecs("old")), 191,
                Instant.ofEpochMilli(t), ecsHost, "web", TASK, "-", "-", "old"));
        return cases;
    }

    private static List<Case> convoxCases() {
        String url = "memory://it?format=convox";
        long t = 1460682044602L;
        Instant second = Instant.ofEpochSecond(1460682044);
        String group = "convox-httpd-LogGroup-1KIJO8SS9F3Q9";
        String access = "10.0.3.37 - - [15/Apr/2016:01:00:44 +0000] \"GET / HTTP/1.1\" 304 -";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("convox prefixed", url, at(t, batch(group, "s", "web:RGBCKLEZHCX/ec329dcefd61 " + access)), 22,
                second, group, "web:RGBCKLEZHCX", "ec329dcefd61", "-", "-", access));
        cases.add(new Case("convox plain", url, at(t, batch(group, "s", access)), 22, second, group, "convox/syslog",
                "unknown", "-", "-", access));
        cases.add(new Case("convox multi-line", url, at(t, batch(group, "s", "worker:RABC/0a1b " + STACK_TRACE)), 22,
                second, group, "worker:RABC", "0a1b", "-", "-", STACK_TRACE));
        return cases;
    }

    @Test
    void rfc5424ToRsyslog() throws IOException {
        check(rsyslog, rsyslog.tcpPort(), rfc5424Cases());
    }

    @Test
    void rfc5424ToSyslogNg() throws IOException {
        check(syslogNg, syslogNg.tcpPort(), rfc5424Cases());
    }

    @Test
    void convoxToRsyslog() throws IOException {
        check(rsyslog, rsyslog.tcpPort(), convoxCases());
    }

    @Test
    void convoxToSyslogNg() throws IOException {
        check(syslogNg, syslogNg.tcpPort(), convoxCases());
    }

    @Test
    void rfc3164ToRsyslogLegacyParser() throws IOException {
        // RFC 3164 has no year: the receiver assumes its current one, so the events are from now
        long now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        String url = "memory://it?format=rfc3164";
        List<Case> cases = List.of(
                new Case("3164 ecs", url, at(now, ecs("GET /orders 200")), 14, Instant.ofEpochMilli(now), "ecs_orders",
                        "web", TASK, "-", "-", "GET /orders 200"),
                new Case("3164 lambda", url + "&facility=local3&severity=warning", at(now, lambda("slow: 3s")), 156,
                        Instant.ofEpochMilli(now), "aws_lambda_checkout", "checkout", "LATEST" + TASK, "-", "-",
                        "slow: 3s"),
                new Case("3164 multi-line UTF-8", url + "&appname=orders-api", at(now, ecs("注文\n\tat x 😀")), 14,
                        Instant.ofEpochMilli(now), "ecs_orders", "ordersapi", TASK, "-", "-", "注文\n\tat x 😀"),
                new Case("3164 no procid", url + "&procid=[]", at(now, ecs("p")), 14, Instant.ofEpochMilli(now),
                        "ecs_orders", "web", "-", "-", "-", "p"));
        check(rsyslog, rsyslog.rfc3164TcpPort(), cases);
    }

    /** Sends every case's events on one connection and compares what the server parsed, in order. */
    private static void check(SyslogServer server, int port, List<Case> cases) throws IOException {
        int before = server.messages().size();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (Case c : cases) {
            for (byte[] message : Formatting.formatBytes(c.url(), c.batch())) {
                frames.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                frames.write(message);
            }
        }
        send(port, frames.toByteArray());
        List<ReceivedMessage> all = server.awaitMessages(before + cases.size(), WAIT);
        List<ReceivedMessage> got = all.subList(before, before + cases.size());
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            ReceivedMessage r = got.get(i);
            String as = c.name() + " at " + server.getClass().getSimpleName();
            soft.assertThat(r.pri()).as(as + ": PRI").isEqualTo(c.pri());
            boolean legacy = server instanceof Rsyslog rs && port == rs.rfc3164TcpPort();
            if (legacy) {
                // RFC 3164 carries no offset: the receiver reads the UTC time as its own local time
                soft.assertThat(java.time.OffsetDateTime.parse(r.timestamp()).toLocalDateTime()).as(as + ": timestamp")
                        .isEqualTo(java.time.LocalDateTime.ofInstant(c.time(), java.time.ZoneOffset.UTC));
            } else {
                soft.assertThat(r.instant()).as(as + ": timestamp " + r.timestamp()).isEqualTo(c.time());
            }
            soft.assertThat(r.hostname()).as(as + ": HOSTNAME").isEqualTo(c.hostname());
            soft.assertThat(r.appName()).as(as + ": APP-NAME").isEqualTo(c.appName());
            soft.assertThat(r.procid()).as(as + ": PROCID").isEqualTo(c.procid());
            soft.assertThat(r.msgid()).as(as + ": MSGID").isEqualTo(c.msgid());
            soft.assertThat(r.structuredData()).as(as + ": STRUCTURED-DATA").isEqualTo(c.structuredData());
            String msg = r.msgWithoutBom();
            if (legacy) {
                msg = msg.startsWith(" ") ? msg.substring(1) : msg; // rsyslog keeps the space after "TAG:"
            }
            soft.assertThat(shorten(msg)).as(as + ": MSG").isEqualTo(shorten(c.msg()));
            soft.assertThat(msg.length()).as(as + ": MSG length").isEqualTo(c.msg().length());
        }
        soft.assertAll();
    }

    private static String shorten(String s) {
        return s.length() <= 400 ? s : s.substring(0, 200) + "..." + s.substring(s.length() - 200);
    }

    /** A plain TCP client: writes the frames, closes its side, and waits for the server to close. */
    private static void send(int port, byte[] frames) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.getOutputStream().write(frames);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            socket.setSoTimeout(2000);
            try (InputStream in = socket.getInputStream()) {
                while (in.read() >= 0) {
                    // the server sends nothing; wait for its close
                }
            } catch (IOException ignored) {
                // timed out waiting: the bytes were written all the same
            }
        }
    }

    /**
     * logdrain sends a NUL in MSG as it is (octet counting carries it); each server shows it its own way,
     * which this test records: rsyslog as {@code #000}, syslog-ng as {@code \x00}.
     */
    @Test
    void nulIsSentAsItIsAndEachServerShowsItItsOwnWay() throws IOException {
        List<Case> cases = List.of(new Case("NUL", "memory://it", ecs("nul\u0000byte"), 14, Instant.ofEpochMilli(TIME),
                "/ecs/orders", "web", TASK, "-", "-", "nul#000byte"));
        assertThat(Formatting.formatOne("memory://it", ecs("nul\u0000byte"))).endsWith(" nul\u0000byte");
        check(rsyslog, rsyslog.tcpPort(), cases);
        check(syslogNg, syslogNg.tcpPort(), List.of(new Case("NUL", "memory://it", ecs("nul\u0000byte"), 14,
                Instant.ofEpochMilli(TIME), "/ecs/orders", "web", TASK, "-", "-", "nul\\x00byte")));
    }
}
