package dev.logdrain.cli;

import static dev.logdrain.cli.Launcher.logdrain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.cli.Launcher.Result;
import dev.logdrain.internal.ServicePresets;
import dev.logdrain.spi.Destination;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.SyslogServer;
import dev.logdrain.testing.TcpTestServer;
import dev.logdrain.testing.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/services.md and the code cannot drift: every {@code ```url} line of the page is run, as a user would
 * copy it, through {@code ./logdrain replay} to standard output (the first record must be the page's
 * {@code ```wire} line, byte for byte), then, with its host and port pointed at a local receiver (a real
 * rsyslog for TLS and UDP, at its stock 8 KiB limit where the recipe's maxsize is below it, a byte-recording
 * TCP server for plain TCP), through {@code check} and
 * {@code replay}: what arrives is the page's record, framed as the service documents, every record within
 * the preset's size, and the token appears in no line logdrain prints.
 */
class ServicesDocIT {

    private static final Path ROOT = Launcher.ROOT;
    private static final Path PAGE = ROOT.resolve("docs/services.md");
    private static final Path EXAMPLE = ROOT.resolve("examples/events/ecs-service.decoded.json");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Longer than stock rsyslog's 8 KiB: a recipe at the default maxsize must split it below that. */
    private static final String LONG = "0123456789".repeat(2000);

    @TempDir
    static Path temp;

    record Recipe(String section, String url, String wire) {

        Destination expanded() {
            return ServicePresets.expand(Destination.parse(url));
        }

        /** The values no output line may show: the token and whatever a preset made of it. */
        List<String> secrets() {
            List<String> secrets = new ArrayList<>();
            Destination d = expanded();
            d.option("token").ifPresent(secrets::add);
            return secrets;
        }

        int maxSize() {
            String scheme = Destination.parse(url).scheme();
            return Integer.parseInt(expanded().option("maxsize").orElse(scheme.equals("udp") ? "2048" : "8096"));
        }

        boolean lineFramed() {
            return expanded().option("framing").map("lf"::equals).orElse(false);
        }

        /** The query, without the page's {@code ca=} path (a file the reader has, not us). */
        String query() {
            String q = url.indexOf('?') < 0 ? "" : url.substring(url.indexOf('?') + 1);
            return String.join("&", Stream.of(q.split("&")).filter(p -> !p.startsWith("ca=")).toList());
        }
    }

    /** Every url block of the page, each line paired with the wire block that follows it. */
    static List<Recipe> recipes() throws IOException {
        List<Recipe> recipes = new ArrayList<>();
        List<String> lines = Files.readAllLines(PAGE);
        String section = "";
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                section = line.substring(3);
            } else if (line.equals("```url")) {
                while (!lines.get(++i).equals("```")) {
                    urls.add(lines.get(i));
                }
            } else if (line.equals("```wire")) {
                String wire = lines.get(++i);
                assertThat(lines.get(++i)).as("one record line per wire block").isEqualTo("```");
                for (String url : urls) {
                    recipes.add(new Recipe(section, url, wire));
                }
                urls.clear();
            }
        }
        assertThat(urls).as("url lines without a wire block after them").isEmpty();
        return recipes;
    }

    @Test
    void everyServiceHasASectionWithARecipe_andEveryPresetIsUsed() throws IOException {
        List<Recipe> recipes = recipes();
        for (String section : List.of("Papertrail", "Loggly", "Sumo Logic", "Datadog", "New Relic", "Better Stack",
                "Logz.io", "Coralogix", "Splunk", "Graylog", "Self-hosted rsyslog and syslog-ng")) {
            assertThat(recipes).as(section).anyMatch(r -> r.section().startsWith(section));
        }
        for (ServicePresets.Preset preset : ServicePresets.presets()) {
            assertThat(recipes).as(preset.name()).anyMatch(r -> r.url().contains("service=" + preset.name() + "&")
                    || r.url().endsWith("service=" + preset.name()));
        }
    }

    @TestFactory
    Stream<DynamicTest> replayToStdout_printsThePagesRecord() throws IOException {
        return recipes().stream().map(r -> DynamicTest.dynamicTest(r.url(), () -> {
            Result result = logdrain(null, "replay", "--url", "stdout://?" + r.query(), EXAMPLE.toString());

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.out().lines().findFirst()).contains(r.wire());
            assertNoSecret(r, result.err());
        }));
    }

    @TestFactory
    Stream<DynamicTest> checkAndReplay_againstALocalReceiver() throws IOException {
        Path events = eventsWithLongAndMultiLineMessages();
        return recipes().stream().map(r -> DynamicTest.dynamicTest(r.url(), () -> {
            String scheme = Destination.parse(r.url()).scheme();
            if (scheme.equals("tcp")) {
                try (TcpTestServer server = TcpTestServer.start()) {
                    String local = "tcp://127.0.0.1:" + server.port() + "?" + r.query();
                    run(r, local, events);
                    List<String> records = awaitRecords(server, r);
                    assertRecords(r, records);
                }
                return;
            }
            // as installed (8 KiB) where the recipe's records fit that; else the test's large limit
            Rsyslog.Builder builder = r.maxSize() <= 8096 ? Rsyslog.builder().stockSizes() : Rsyslog.builder();
            boolean udp = scheme.equals("udp");
            try (Rsyslog server = (udp ? builder.udp() : builder.tls()).start()) {
                String local = udp ? "udp://127.0.0.1:" + server.udpPort() + "?" + r.query()
                        : "tcp+tls://127.0.0.1:" + server.tlsPort() + "?" + r.query() + "&ca=" + TestCertificates.caCert();
                run(r, local, events);
                List<ReceivedMessage> got = server.awaitMessages(expectedRecords(r), WAIT);
                assertRecords(r, got.stream().map(ReceivedMessage::raw).toList());
                Destination d = r.expanded();
                d.option("sd.static").ifPresent(sd -> assertThat(got).as("STRUCTURED-DATA as rsyslog parsed it")
                        .allSatisfy(m -> assertThat(m.structuredData()).startsWith(sd)));
            }
        }));
    }

    /** check, then replay, to the local receiver; nothing printed shows the token. */
    private static void run(Recipe r, String local, Path events) throws IOException {
        Result check = logdrain(null, "check", "--url", local);
        assertThat(check.status()).as(check.out() + check.err()).isZero();
        if (r.url().contains("service=")) {
            assertThat(check.out()).contains("  service   ").contains("  unchecked whether")
                    .contains("is not one of"); // 127.0.0.1 is not the service's host
        }
        if (r.url().contains("service=datadog")) {
            assertThat(check.out()).contains("  warning   Datadog documents its TCP intake as legacy");
        }
        assertNoSecret(r, check.out() + check.err());
        Result replay = logdrain(null, "replay", "--url", local, events.toString());
        assertThat(replay.status()).as(replay.err()).isZero();
        assertNoSecret(r, replay.out() + replay.err());
    }

    /** The check message, the example's events, the long one in parts, the multi-line one. */
    private static int expectedRecords(Recipe r) throws IOException {
        int examples = (int) Files.readAllLines(EXAMPLE).stream().filter(l -> l.contains("\"timestamp\"")).count();
        int longRecords = r.maxSize() < LONG.length() + 300 ? 2 : 1; // at least two parts when it must be split
        return 1 + examples + longRecords + 1;
    }

    private static List<String> awaitRecords(TcpTestServer server, Recipe r) throws IOException {
        int expected = expectedRecords(r);
        return r.lineFramed() ? server.awaitLines(expected, WAIT) : server.awaitFrames(expected, WAIT);
    }

    private static void assertRecords(Recipe r, List<String> records) {
        Destination d = r.expanded();
        assertThat(records).as("the page's record arrives as it is").contains(r.wire());
        String prefix = d.option("prefix").map(p -> p + " ").orElse("");
        // facility user (PRI 8-15): severity=auto gives the sample's warning and error lines their own severity
        assertThat(records).as("every record starts with the prefix and the header").allMatch(s -> s.startsWith(prefix)
                && s.substring(prefix.length()).matches("(?s)<(8|9|1[0-5])>1 .*"));
        assertThat(records).as("maxsize " + r.maxSize())
                .allMatch(s -> s.getBytes(StandardCharsets.UTF_8).length <= r.maxSize());
        d.option("sd.static").ifPresent(sd -> assertThat(records).as("each record, each part, carries the token")
                .allMatch(s -> s.contains(sd)));
        List<String> longParts = records.stream().filter(s -> s.contains("0123456789012345678901234567890")).toList();
        if (r.maxSize() < LONG.length()) {
            assertThat(longParts).as("the long message in parts").hasSizeGreaterThan(1)
                    .allMatch(s -> s.contains("[part@32473 n=\""));
        } else {
            assertThat(longParts).singleElement().asString().endsWith(LONG);
        }
        if (r.lineFramed()) {
            assertThat(records).as("a line break is escaped in the record, not a record of its own")
                    .anyMatch(s -> s.endsWith("first line\\nsecond line"))
                    .noneMatch(s -> s.startsWith("second line"));
        } else {
            assertThat(records).as("octet counting carries the line break").anyMatch(s -> s.endsWith("first line\nsecond line"));
        }
    }

    private static void assertNoSecret(Recipe r, String printed) {
        for (String secret : r.secrets()) {
            assertThat(printed).as("printed by logdrain").doesNotContain(secret);
        }
    }

    /** The example payload with two more events: one longer than most sizes, one of two lines. */
    private static Path eventsWithLongAndMultiLineMessages() throws IOException {
        String json = Files.readString(EXAMPLE);
        int end = json.lastIndexOf(']');
        String more = ", {\"id\": \"9001\", \"timestamp\": 1715679001000, \"message\": \"" + LONG + "\"}"
                + ", {\"id\": \"9002\", \"timestamp\": 1715679002000, \"message\": \"first line\\nsecond line\"}";
        Path file = temp.resolve("events-" + System.nanoTime() + ".json");
        Files.writeString(file, json.substring(0, end).stripTrailing() + more + json.substring(end));
        return file;
    }
}
