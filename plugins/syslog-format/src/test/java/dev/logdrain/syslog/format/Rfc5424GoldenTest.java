package dev.logdrain.syslog.format;

import static dev.logdrain.syslog.format.Formatting.TASK;
import static dev.logdrain.syslog.format.Formatting.TIME;
import static dev.logdrain.syslog.format.Formatting.batch;
import static dev.logdrain.syslog.format.Formatting.ecs;
import static dev.logdrain.syslog.format.Formatting.format;
import static dev.logdrain.syslog.format.Formatting.formatBytes;
import static dev.logdrain.syslog.format.Formatting.formatOne;
import static dev.logdrain.syslog.format.Formatting.lambda;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact bytes of format=rfc5424 for fixed events. */
class Rfc5424GoldenTest {

    private static final String URL = "memory://golden";
    private static final String ECS_HEADER = "<14>1 2026-11-23T20:00:00.123Z /ecs/orders web " + TASK + " - - ";

    @Test
    void ecsEventWithDefaultMapping() {
        assertThat(formatOne(URL, ecs("GET /orders 200 12ms")))
                .isEqualTo("<14>1 2026-11-23T20:00:00.123Z /ecs/orders web " + TASK + " - - GET /orders 200 12ms");
    }

    @Test
    void lambdaEventTakesTheFunctionNameAndTheStreamsLastSegment() {
        assertThat(formatOne(URL, lambda("START RequestId: 8f5f1a3e Version: $LATEST")))
                .isEqualTo("<14>1 2026-11-23T20:00:00.123Z /aws/lambda/checkout checkout [$LATEST]" + TASK
                        + " - - START RequestId: 8f5f1a3e Version: $LATEST");
    }

    @Test
    void otherGroupsTakeTheLastSegmentOfTheGroup() {
        assertThat(formatOne(URL, batch("/var/log/nginx/access", "i-0abc/access.log", "x")))
                .isEqualTo("<14>1 2026-11-23T20:00:00.123Z /var/log/nginx/access access access.log - - x");
        // three segments, but the last is no ECS task id: not taken for a container
        assertThat(formatOne(URL, batch("app", "a/b/c", "x")))
                .isEqualTo("<14>1 2026-11-23T20:00:00.123Z app app c - - x");
        // an older ECS task id (a UUID)
        assertThat(formatOne(URL, batch("/ecs/x", "pre/api/0f0e0d0c-0b0a-0908-0706-050403020100", "x")))
                .isEqualTo("<14>1 2026-11-23T20:00:00.123Z /ecs/x api 0f0e0d0c-0b0a-0908-0706-050403020100 - - x");
    }

    @Test
    void emptyMessageEndsAfterStructuredData() {
        assertThat(formatOne(URL, ecs(""))).isEqualTo(ECS_HEADER.stripTrailing());
        // LogEvent strips the one trailing line break, so a lone line break is an empty message as well
        assertThat(formatOne(URL, ecs("\n"))).isEqualTo(ECS_HEADER.stripTrailing());
    }

    @Test
    void whitespaceOnlyMessageIsKept() {
        assertThat(formatOne(URL, ecs("   "))).isEqualTo(ECS_HEADER + "   ");
        assertThat(formatOne(URL, ecs("\t"))).isEqualTo(ECS_HEADER + "\t");
    }

    @Test
    void multiLineStackTraceKeepsItsLineBreaks() {
        String trace = "java.lang.IllegalStateException: order 42 not found\n"
                + "\tat dev.example.Orders.find(Orders.java:17)\r\n"
                + "\tat dev.example.Api.get(Api.java:9)\n";
        assertThat(formatOne(URL, ecs(trace))).isEqualTo(ECS_HEADER
                + "java.lang.IllegalStateException: order 42 not found\n"
                + "\tat dev.example.Orders.find(Orders.java:17)\r\n"
                + "\tat dev.example.Api.get(Api.java:9)");
    }

    @Test
    void emojiAndCjkAreUtf8() {
        byte[] bytes = formatBytes(URL, ecs("注文 😀 完了")).get(0);
        byte[] expected = (ECS_HEADER + "注文 😀 完了").getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).isEqualTo(expected);
        // 😀 is F0 9F 98 80 on the wire
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("\u00f0\u009f\u0098\u0080");
    }

    @Test
    void unpairedSurrogateBecomesAQuestionMark() {
        assertThat(formatOne(URL, ecs("a\ud800b"))).isEqualTo(ECS_HEADER + "a?b");
    }

    @Test
    void nulAndOtherControlCharactersAreKept() {
        assertThat(formatOne(URL, ecs("a\u0000b\u0007c\u001bd\u007f"))).isEqualTo(ECS_HEADER + "a\u0000b\u0007c\u001bd\u007f");
    }

    @Test
    void bomOnlyWhenAskedFor() {
        byte[] bytes = formatBytes(URL + "?bom=true", ecs("hi")).get(0);
        byte[] header = ECS_HEADER.getBytes(StandardCharsets.US_ASCII);
        assertThat(bytes).hasSize(header.length + 3 + 2);
        assertThat(new String(bytes, 0, header.length, StandardCharsets.US_ASCII)).isEqualTo(ECS_HEADER);
        assertThat(bytes[header.length]).isEqualTo((byte) 0xEF);
        assertThat(bytes[header.length + 1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[header.length + 2]).isEqualTo((byte) 0xBF);
        assertThat(formatOne(URL + "?bom=false", ecs("hi"))).isEqualTo(ECS_HEADER + "hi");
        // an empty message with a BOM is still MSG-UTF8: SP BOM
        assertThat(formatOne(URL + "?bom=true", ecs(""))).isEqualTo(ECS_HEADER + "\ufeff");
    }

    @Test
    void metaStructuredDataEscapesQuoteBackslashAndBracket() {
        LogBatch batch = new LogBatch("1234", "/g]\"\\", "s]t",
                List.of(new LogEvent("id\"1]\\", TIME, "m")));
        assertThat(formatOne(URL + "?sd=meta", batch)).isEqualTo("<14>1 2026-11-23T20:00:00.123Z /g]\"\\ g]\"\\ s]t - "
                + "[logdrain@32473 id=\"id\\\"1\\]\\\\\" group=\"/g\\]\\\"\\\\\" stream=\"s\\]t\" owner=\"1234\"] m");
    }

    @Test
    void metaStructuredDataForAnEcsEvent() {
        assertThat(formatOne(URL + "?sd=meta", ecs("hello"))).isEqualTo("<14>1 2026-11-23T20:00:00.123Z /ecs/orders web "
                + TASK + " - [logdrain@32473 id=\"37200000000000000000000000000000000000000000000000000000\" "
                + "group=\"/ecs/orders\" stream=\"ecs/web/" + TASK + "\" owner=\"123456789012\"] hello");
    }

    @Test
    void metaLeavesOutEmptyValues() {
        LogBatch batch = new LogBatch("", "g", "", List.of(new LogEvent("", TIME, "m")));
        assertThat(formatOne(URL + "?sd=meta", batch))
                .isEqualTo("<14>1 2026-11-23T20:00:00.123Z g g - - [logdrain@32473 group=\"g\"] m");
    }

    @Test
    void metaValuesKeepNonAsciiAsUtf8() {
        LogBatch batch = new LogBatch("", "grüße", "流", List.of(new LogEvent("1", TIME, "m")));
        assertThat(formatOne(URL + "?sd=meta", batch)).isEqualTo("<14>1 2026-11-23T20:00:00.123Z gr__e gr__e _ - "
                + "[logdrain@32473 id=\"1\" group=\"grüße\" stream=\"流\"] m");
    }

    @Test
    void staticStructuredDataComesFirstInCanonicalForm() {
        String url = URL + "?sd=meta&sd.static=" + "[TOKEN@41058  tag=\"a]b\\\"c\"] [x@1]";
        assertThat(formatOne(url, ecs("hello"))).isEqualTo("<14>1 2026-11-23T20:00:00.123Z /ecs/orders web " + TASK
                + " - [TOKEN@41058 tag=\"a\\]b\\\"c\"][x@1][logdrain@32473 id=\"37200000000000000000000000000000000000000000000000000000\" "
                + "group=\"/ecs/orders\" stream=\"ecs/web/" + TASK + "\" owner=\"123456789012\"] hello");
        assertThat(formatOne(URL + "?sd.static=[TOKEN@41058 tag=\"x\"]", ecs("hello")))
                .isEqualTo("<14>1 2026-11-23T20:00:00.123Z /ecs/orders web " + TASK
                        + " - [TOKEN@41058 tag=\"x\"] hello");
    }

    @Test
    void headerFieldsWithSpacesAndNonAsciiAreCleaned() {
        String url = URL + "?hostname=my host ü😀&appname=app\tname&procid=p id&msgid=ÄÖ";
        assertThat(formatOne(url, ecs("x"))).isEqualTo("<14>1 2026-11-23T20:00:00.123Z my_host___ app_name p_id __ - x");
    }

    @Test
    void emptyHeaderFieldsAreNil() {
        String url = URL + "?hostname=&appname=&procid={stream.7}&msgid=";
        assertThat(formatOne(url, ecs("x"))).isEqualTo("<14>1 2026-11-23T20:00:00.123Z - - - - - x");
        assertThat(formatOne(URL, batch("", "", "x"))).isEqualTo("<14>1 2026-11-23T20:00:00.123Z - - - - - x");
    }

    @Test
    void headerFieldsAreCutToTheirLimits() {
        String longName = "x".repeat(300);
        String url = URL + "?hostname=" + longName + "&appname=" + longName + "&procid=" + longName + "&msgid="
                + longName;
        assertThat(formatOne(url, ecs("m"))).isEqualTo("<14>1 2026-11-23T20:00:00.123Z " + "x".repeat(255) + " "
                + "x".repeat(48) + " " + "x".repeat(128) + " " + "x".repeat(32) + " - m");
        // an emoji counts as one character and becomes one '_'
        assertThat(formatOne(URL + "?msgid=" + "😀".repeat(40), ecs("m")))
                .isEqualTo("<14>1 2026-11-23T20:00:00.123Z /ecs/orders web " + TASK + " " + "_".repeat(32) + " - m");
    }

    @Test
    void templatesWithPlaceholders() {
        String url = URL + "?hostname={owner}.{group.last}&appname={stream.1}&procid={stream.0}-{id}&msgid=M{stream.2}";
        assertThat(format(url, ecs("a", "b"))).containsExactly(
                "<14>1 2026-11-23T20:00:00.123Z 123456789012.orders web ecs-37200000000000000000000000000000000000000000000000000000 M"
                        + "0123456789abcdef0123456789abcde - a",
                "<14>1 2026-11-23T20:00:00.123Z 123456789012.orders web ecs-37200000000000000000000000000000000000000000000000000001 M"
                        + "0123456789abcdef0123456789abcde - b"); // MSGID cut to 32
    }

    @Test
    void facilityAndSeverityOptions() {
        assertThat(formatOne(URL + "?facility=local7&severity=err", ecs("x"))).startsWith("<187>1 ");
        assertThat(formatOne(URL + "?facility=0&severity=0", ecs("x"))).startsWith("<0>1 ");
        assertThat(formatOne(URL + "?facility=23&severity=7", ecs("x"))).startsWith("<191>1 ");
        assertThat(formatOne(URL + "?facility=KERN&severity=Warning", ecs("x"))).startsWith("<4>1 ");
    }

    @Test
    void severityAutoPerEvent() {
        List<String> lines = format(URL + "?severity=auto&facility=local0", ecs(
                "{\"level\":\"error\",\"msg\":\"boom\"}", "[WARN] disk 91%", "debug: cache miss", "plain", ""));
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf('>') + 1))
                .containsExactly("<131>", "<132>", "<135>", "<134>", "<134>");
    }

    @Test
    void millisecondsAndDatesAreZeroPadded() {
        long t = java.time.Instant.parse("0999-01-02T03:04:05.007Z").toEpochMilli();
        assertThat(formatOne(URL, Formatting.at(t, ecs("x")))).startsWith("<14>1 0999-01-02T03:04:05.007Z ");
        assertThat(formatOne(URL, Formatting.at(0, ecs("x")))).startsWith("<14>1 1970-01-01T00:00:00.000Z ");
        assertThat(formatOne(URL, Formatting.at(-1, ecs("x")))).startsWith("<14>1 1969-12-31T23:59:59.999Z ");
    }

    @Test
    void timeOutsideFourDigitYearsIsNil() {
        long t = java.time.Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
        assertThat(formatOne(URL, Formatting.at(t, ecs("x")))).startsWith("<14>1 - /ecs/orders ");
    }

    @Test
    void cachedHeaderFollowsTheOriginOfEachBatch() {
        var formatter = Formatting.formatter(URL + "?sd=meta");
        LogBatch first = ecs("a");
        LogBatch second = lambda("b");
        String a = new String(formatBytes(formatter, first).get(0), StandardCharsets.UTF_8);
        String b = new String(formatBytes(formatter, second).get(0), StandardCharsets.UTF_8);
        String a2 = new String(formatBytes(formatter, first).get(0), StandardCharsets.UTF_8);
        assertThat(a).isEqualTo(a2).contains(" /ecs/orders web ").contains("group=\"/ecs/orders\"");
        assertThat(b).contains(" /aws/lambda/checkout checkout ").contains("group=\"/aws/lambda/checkout\"");
        // the cached second changes with the event's time
        String later = new String(formatBytes(formatter, Formatting.at(TIME + 61_000, first)).get(0), StandardCharsets.UTF_8);
        assertThat(later).startsWith("<14>1 2026-11-23T20:01:01.123Z ");
    }
}
