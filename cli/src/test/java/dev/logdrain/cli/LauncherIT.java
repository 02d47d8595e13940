package dev.logdrain.cli;

import static dev.logdrain.cli.Launcher.logdrain;
import static dev.logdrain.cli.Launcher.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.cli.Launcher.Result;
import dev.logdrain.cloudwatch.CloudWatchSourceProvider;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.testing.FreePorts;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line as a user runs it: the {@code ./logdrain} launcher at the repository root, as a process,
 * against a real rsyslog.
 */
class LauncherIT {

    private static final Path ROOT = Launcher.ROOT;
    private static final Path EXAMPLES = ROOT.resolve("examples/events");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void readmeMainJob_printsRfc5424LinesForTheExampleEvent() throws IOException {
        Result result = logdrain(null, "replay", "examples/events/ecs-service.json");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        List<LogEvent> events = events("ecs-service.json");
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(events.size());
        for (int i = 0; i < lines.size(); i++) {
            // severity=auto, the default: facility user (8) plus the level the message states (info without one)
            int pri = 8 + dev.logdrain.spi.SeverityDetector.detect(events.get(i).message(), 6);
            assertThat(lines.get(i)).isEqualTo("<" + pri + ">1 " + Instant.ofEpochMilli(events.get(i).timestamp())
                    + " /ecs/orders web 0123456789abcdef0123456789abcdef - - " + events.get(i).message());
        }
    }

    /**
     * Every built-in processor through {@code replay} to stdout: --process for every destination, the URL's own
     * options, the events kept, dropped, redacted and sampled, and the counts on standard error.
     */
    @Test
    void replayToStdout_withProcessing_printsExactlyTheKeptEvents_andCountsThem() throws IOException {
        List<LogEvent> events = new ArrayList<>(List.of(
                new LogEvent("1", 1_714_564_800_000L, "START RequestId: 8f1c Version: $LATEST"),
                new LogEvent("2", 1_714_564_800_001L, "ERROR card 4111-1111-1111-1111 of ops@example.com"),
                new LogEvent("3", 1_714_564_800_002L, "{\"level\":\"warn\",\"ip\":\"10.0.0.1\",\"service\":\"billing\"}"),
                new LogEvent("4", 1_714_564_800_003L, "REPORT RequestId: 8f1c Duration: 2.1 ms")));
        for (int i = 0; i < 40; i++) {
            events.add(new LogEvent("noise-" + i, 1_714_564_801_000L + i, "DEBUG tick " + i));
        }
        Path file = Files.createTempFile("processing", ".json");
        Files.write(file, dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent(
                dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson("/aws/lambda/shop", "2024/05/01/[$LATEST]abc", events)));
        try {
            Result result = logdrain(null, "replay", "--process", "exclude=^(START|END|REPORT) RequestId&redact=email,ip,card",
                    "--url", "stdout://?sample=4&sample.keep=warning&fields=service&appname={json.service}", file.toString());

            assertThat(result.status()).as(result.err()).isZero();
            List<String> lines = result.out().lines().toList();
            assertThat(lines.get(0)).isEqualTo("<11>1 2024-05-01T12:00:00.001Z /aws/lambda/shop - [$LATEST]abc - - "
                    + "ERROR card [REDACTED] of [REDACTED]");
            assertThat(lines.get(1)).isEqualTo("<12>1 2024-05-01T12:00:00.002Z /aws/lambda/shop billing [$LATEST]abc - "
                    + "[fields@32473 service=\"billing\"] {\"level\":\"warn\",\"ip\":\"[REDACTED]\",\"service\":\"billing\"}");
            List<String> ticks = lines.subList(2, lines.size());
            assertThat(ticks).isNotEmpty().hasSizeLessThan(40).allMatch(l -> l.startsWith("<15>1 ") && l.contains(" DEBUG tick "));
            assertThat(result.err()).isEqualTo("processing: 44 events read, 2 dropped by filter, " + (40 - ticks.size())
                    + " sampled out, 2 redacted\n");

            Result again = logdrain(null, "replay", "--process", "exclude=^(START|END|REPORT) RequestId&redact=email,ip,card",
                    "--url", "stdout://?sample=4&sample.keep=warning&fields=service&appname={json.service}", file.toString());
            assertThat(again.out()).as("a replay samples the same events").isEqualTo(result.out());

            Result bad = logdrain(null, "replay", "--process", "exclude=(a)\\1", file.toString());
            assertThat(bad.status()).isEqualTo(2);
            assertThat(bad.out()).isEmpty();
            assertThat(bad.err().strip()).contains("option exclude='(a)\\1' is not a valid RE2 regular expression")
                    .doesNotContain("\n").doesNotContain("Exception");
        } finally {
            Files.delete(file);
        }
    }

    private static final String TASK = "0123456789abcdef0123456789abcdef";

    /** A third-party processor from a plugin directory: listed by {@code plugins}, run by {@code replay}. */
    @Test
    void aProcessorFromAPluginDirectory_isListedAndRuns() throws IOException {
        Path dir = Files.createTempDirectory("plugins");
        Path jar = dir.resolve("shout.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "test-shout");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        Class<?> provider = dev.logdrain.cli.plugin.ShoutProcessorProvider.class;
        String base = provider.getName().replace('.', '/');
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (String name : List.of(base + ".class", base + "$1.class")) {
                out.putNextEntry(new java.util.jar.JarEntry(name));
                try (InputStream in = provider.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
            }
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/services/dev.logdrain.spi.ProcessorProvider"));
            out.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.createTempFile("shout", ".json");
        Files.write(file, dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent(dev.logdrain.cloudwatch.CloudWatchFixtures
                .payloadJson("/ecs/orders", "web/web/" + TASK, List.of(new LogEvent("1", 1_714_564_800_000L, "hello plugin"),
                        new LogEvent("2", 1_714_564_800_001L, "quiet")))));
        try {
            Result listed = logdrain(null, "plugins", "--plugins", dir.toString());
            assertThat(listed.status()).as(listed.err()).isZero();
            String processors = listed.out().substring(listed.out().indexOf("Processors"));
            assertThat(processors).contains("  test-shout", "from: plugin test-shout 1.0.0 (" + jar + ")", "shout ",
                    "  filter", "  redact", "  sample", "  minseverity");

            Result result = logdrain(null, "replay", "--plugins", dir.toString(), "--url", "stdout://?shout=plugin&severity=info",
                    file.toString());
            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.out().lines().toList()).containsExactly(
                    "<14>1 2024-05-01T12:00:00.000Z /ecs/orders web " + TASK + " - - HELLO PLUGIN",
                    "<14>1 2024-05-01T12:00:00.001Z /ecs/orders web " + TASK + " - - quiet");
            assertThat(result.err()).isEqualTo("processing: 2 events read, 1 redacted\n".replace("1 redacted",
                    "0 dropped by filter, 0 sampled out, 1 redacted"));

            Result without = logdrain(null, "replay", "--url", "stdout://?shout=plugin", file.toString());
            assertThat(without.status()).isEqualTo(2);
            assertThat(without.err()).contains("unknown option 'shout'");
        } finally {
            Files.delete(file);
            Files.delete(jar);
            Files.delete(dir);
        }
    }

    @Test
    void readmeMainJob_withTcpUrl_deliversToRsyslog() throws IOException {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            Result result = logdrain(null, "replay", "--url", "tcp://127.0.0.1:" + rsyslog.tcpPort(),
                    "examples/events/ecs-service.json");

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.out()).isEmpty();
            List<LogEvent> events = events("ecs-service.json");
            List<ReceivedMessage> got = rsyslog.awaitMessages(events.size(), WAIT);
            for (int i = 0; i < events.size(); i++) {
                ReceivedMessage message = got.get(i);
                assertThat(message.pri()).isEqualTo(8 + dev.logdrain.spi.SeverityDetector.detect(events.get(i).message(), 6));
                assertThat(message.hostname()).isEqualTo("/ecs/orders");
                assertThat(message.appName()).isEqualTo("web");
                assertThat(message.procid()).isEqualTo("0123456789abcdef0123456789abcdef");
                assertThat(message.instant()).isEqualTo(Instant.ofEpochMilli(events.get(i).timestamp()));
                assertThat(message.msg()).isEqualTo(events.get(i).message());
            }
        }
    }

    /** Every {@code ./logdrain} line of the README's quick start, as printed, against a real rsyslog on its port. */
    @Test
    void readmeQuickStart_everyCommandWorksAsPrinted() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Quick start");
        String quickStart = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> commands = quickStart.lines().filter(line -> line.startsWith("./logdrain ")).toList();
        assertThat(commands).as("the quick start's commands").hasSizeGreaterThanOrEqualTo(3)
                .allMatch(line -> !line.contains("'") && !line.contains("\""), "no shell quoting to interpret");
        List<LogEvent> events = events("ecs-service.json");

        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            int expected = 0;
            for (String command : commands) {
                String[] args = command.replace("127.0.0.1:5514", "127.0.0.1:" + rsyslog.tcpPort())
                        .substring("./logdrain ".length()).split(" +");

                Result result = logdrain(null, args);

                assertThat(result.status()).as(command + ": " + result.err()).isZero();
                if (command.contains("--url")) {
                    expected += command.startsWith("./logdrain check") ? 1 : events.size();
                    assertThat(rsyslog.awaitMessages(expected, WAIT)).as(command).hasSize(expected);
                } else {
                    assertThat(result.out().lines()).as(command).hasSize(events.size());
                }
            }
        }
    }

    @Test
    void onFailureRecordFromSqs_deliversExactlyTheOriginalEvents_overTls() throws IOException {
        try (Rsyslog rsyslog = Rsyslog.builder().tls().start()) {
            String url = "tls://127.0.0.1:" + rsyslog.tlsPort() + "?ca=" + TestCertificates.caCert();

            Result result = logdrain(null, "replay", "--url", url, "examples/events/sqs-receive-message.json");

            assertThat(result.status()).as(result.err()).isZero();
            List<LogEvent> original = events("on-failure-record.json");
            assertThat(original).hasSize(3);
            List<ReceivedMessage> got = rsyslog.awaitMessages(original.size(), WAIT);
            assertThat(rsyslog.assertNoMoreThan(original.size(), Duration.ofSeconds(1))).hasSize(original.size());
            assertThat(got).extracting(ReceivedMessage::msg).containsExactlyElementsOf(
                    original.stream().map(LogEvent::message).toList());
            assertThat(got).extracting(ReceivedMessage::procid).containsOnly("fedcba9876543210fedcba9876543210");
        }
    }

    @Test
    void send_linesFromStandardInput_toRsyslog() throws IOException {
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().start()) {
            Result result = logdrain("disk almost full\nbackup done\n", "send", "--url",
                    "tcp://127.0.0.1:" + rsyslog.tcpPort(), "--group", "db-1", "--stream", "backup", "--severity", "warning");

            assertThat(result.status()).as(result.err()).isZero();
            List<ReceivedMessage> got = rsyslog.awaitMessages(2, WAIT);
            assertThat(got).extracting(ReceivedMessage::msg).containsExactly("disk almost full", "backup done");
            assertThat(got).extracting(ReceivedMessage::hostname).containsOnly("db-1");
            assertThat(got).extracting(ReceivedMessage::severity).containsOnly(4);
        }
    }

    @Test
    void check_showsTheTlsHandshakeAndSendsATestMessage() throws IOException {
        try (Rsyslog rsyslog = Rsyslog.builder().tls().start()) {
            String url = "tls://localhost:" + rsyslog.tlsPort() + "?ca=" + TestCertificates.caCert();

            Result result = logdrain(null, "check", "--url", url);

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.out()).contains("connect   ok").contains("protocol").contains("TLSv1.")
                    .contains("cipher").contains("peer").contains("issuer").contains("ok: " + url);
            ReceivedMessage got = rsyslog.awaitMessage(m -> m.msg().startsWith("logdrain check: test message "), WAIT);
            assertThat(got.procid()).isEqualTo("logdrain-check");
        }
    }

    @Test
    void check_untrustedCertificate_exits1_withADiagnosis() throws IOException {
        try (Rsyslog rsyslog = Rsyslog.builder().tls().start()) {
            Result result = logdrain(null, "check", "--url", "tls://localhost:" + rsyslog.tlsPort(), "--timeout", "20");

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.err().strip()).hasLineCount(1).contains("certificate");
            assertThat(rsyslog.messages()).isEmpty();
        }
    }

    /** rsyslog (gtls, x509/certvalid) trusting another CA refuses our client certificate after the handshake. */
    @Test
    void replay_clientCertificateRefusedAfterTheHandshake_exits1() throws IOException {
        try (Rsyslog rsyslog = Rsyslog.builder().mutualTls().caCertificate(TestCertificates.otherCaCert()).start()) {
            String url = "tls://localhost:" + rsyslog.mutualTlsPort() + "?ca=" + TestCertificates.caCert()
                    + "&cert=" + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey();
            Result result = logdrain(null, "replay", "--url", url, "examples/events/ecs-service.json");

            assertThat(result.status()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).contains("client certificate refused");
            assertThat(rsyslog.assertNoMoreThan(0, Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void exitStatus_1_whenNothingListens() throws IOException {
        int closed = FreePorts.find();

        Result result = logdrain(null, "replay", "--timeout", "3", "--url", "tcp://127.0.0.1:" + closed,
                "examples/events/ecs-service.json");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err().strip()).hasLineCount(1)
                .startsWith("logdrain replay: examples/events/ecs-service.json line 1: not delivered: tcp://127.0.0.1:" + closed);
    }

    @Test
    void exitStatus_2_forBadInputAndBadUsage() throws IOException {
        Path notJson = Files.writeString(Files.createTempFile("logdrain-it", ".json"), "{\"awslogs\":");
        try {
            Result badInput = logdrain(null, "replay", notJson.toString());
            Result badUsage = logdrain(null, "replay", "--url", "smoke-signal://hill", "examples/events/ecs-service.json");

            assertThat(badInput.status()).isEqualTo(2);
            assertThat(badInput.out()).isEmpty();
            assertThat(badInput.err().strip()).hasLineCount(1).contains("line 1: not JSON");
            assertThat(badUsage.status()).isEqualTo(2);
            assertThat(badUsage.err().strip()).hasLineCount(1).contains("unknown scheme 'smoke-signal'");
        } finally {
            Files.deleteIfExists(notJson);
        }
    }

    @Test
    void controlMessage_deliversNothing_exit0() throws IOException {
        Result result = logdrain(null, "replay", "examples/events/control-message.json");

        assertThat(result.status()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("nothing to deliver");
    }

    @Test
    void standardInputClosed_sendAndReplayRefuseToReadIt_exit2_nothingSent() throws IOException {
        Path jar = ROOT.resolve("cli/target/logdrain-cli.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        logdrain(null, "plugins"); // builds the jar if needed
        for (List<String> program : List.of(List.of(ROOT.resolve("logdrain").toString()),
                List.of(java, "-jar", jar.toString()))) {
            for (String command : List.of("send", "replay")) {
                Result result = withStandardInputClosed(program, command);

                assertThat(result.status()).as(program + " " + command + ": " + result.err()).isEqualTo(2);
                assertThat(result.out()).isEmpty(); // the default destination, stdout://, got nothing
                assertThat(result.err().lines().toList()).hasSize(1);
                assertThat(result.err()).startsWith("logdrain " + command + ": stdin: cannot read: standard input is "
                        + "closed (").contains("give FILE arguments or --message");
            }
            // a command that does not read standard input runs as usual
            Result message = withStandardInputClosed(program, "send", "-m", "hello without stdin");
            assertThat(message.status()).as(message.err()).isZero();
            assertThat(message.out()).contains("hello without stdin");
        }
    }

    /** Runs the program with descriptor 0 closed, as cron does ({@code <&-}). */
    private static Result withStandardInputClosed(List<String> program, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "exec \"$@\" <&-", "bash"));
        command.addAll(program);
        command.addAll(List.of(args));
        return run(command, null);
    }

    /** The events of an example, decoded by the cloudwatch source itself. */
    private static List<LogEvent> events(String example) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(EXAMPLES.resolve(example))) {
            for (LogBatch batch : new CloudWatchSourceProvider().create(java.util.Map.of()).read(in).logBatches()) {
                events.addAll(batch.events());
            }
        }
        return events;
    }
}
