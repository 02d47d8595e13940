package dev.logdrain.syslog.format;

import static dev.logdrain.syslog.format.Formatting.TASK;
import static dev.logdrain.syslog.format.Formatting.at;
import static dev.logdrain.syslog.format.Formatting.batch;
import static dev.logdrain.syslog.format.Formatting.ecs;
import static dev.logdrain.syslog.format.Formatting.formatBytes;
import static dev.logdrain.syslog.format.Formatting.formatOne;
import static dev.logdrain.syslog.format.Formatting.lambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The exact bytes of format=rfc3164 for fixed events. */
class Rfc3164GoldenTest {

    private static final String URL = "memory://golden?format=rfc3164";
    private static final String ECS_HEADER = "<14>Nov 23 20:00:00 ecs_orders web[" + TASK + "]:";

    @Test
    void ecsEvent() {
        assertThat(formatOne(URL, ecs("GET /orders 200"))).isEqualTo(ECS_HEADER + " GET /orders 200");
    }

    @Test
    void lambdaEventLosesTheSlashesOfItsGroupAndTheBracketsOfItsStream() {
        assertThat(formatOne(URL, lambda("hello")))
                .isEqualTo("<14>Nov 23 20:00:00 aws_lambda_checkout checkout[LATEST" + TASK + "]: hello");
    }

    @Test
    void dayIsPaddedWithASpace() {
        long t = Instant.parse("2026-11-03T07:08:09.999Z").toEpochMilli();
        assertThat(formatOne(URL, at(t, ecs("x")))).startsWith("<14>Nov  3 07:08:09 ecs_orders ");
        long jan = Instant.parse("2027-01-31T23:59:59Z").toEpochMilli();
        assertThat(formatOne(URL, at(jan, ecs("x")))).startsWith("<14>Jan 31 23:59:59 ecs_orders ");
    }

    @Test
    void tagKeepsAtMost32LettersAndDigits() {
        assertThat(formatOne(URL + "&appname=orders-api_v2.svc", ecs("x")))
                .isEqualTo("<14>Nov 23 20:00:00 ecs_orders ordersapiv2svc[" + TASK + "]: x");
        assertThat(formatOne(URL + "&appname=" + "a".repeat(40), ecs("x")))
                .isEqualTo("<14>Nov 23 20:00:00 ecs_orders " + "a".repeat(32) + "[" + TASK + "]: x");
        assertThat(formatOne(URL + "&appname=---", ecs("x")))
                .isEqualTo("<14>Nov 23 20:00:00 ecs_orders logdrain[" + TASK + "]: x");
    }

    @Test
    void hostnameAndProcidAreCleaned() {
        assertThat(formatOne(URL + "&hostname=my host/ü&procid=/p id:ü.1_-x", ecs("x")))
                .isEqualTo("<14>Nov 23 20:00:00 my_host__ web[pid.1_-x]: x");
        assertThat(formatOne(URL + "&hostname=/&procid=", ecs("x")))
                .isEqualTo("<14>Nov 23 20:00:00 - web: x");
    }

    @Test
    void emptyAndMultiLineMessages() {
        assertThat(formatOne(URL, ecs(""))).isEqualTo(ECS_HEADER);
        assertThat(formatOne(URL, ecs("line 1\n\tat line 2"))).isEqualTo(ECS_HEADER + " line 1\n\tat line 2");
    }

    @Test
    void emojiAndCjkAreUtf8() {
        assertThat(formatBytes(URL, ecs("注文 😀")).get(0))
                .isEqualTo((ECS_HEADER + " 注文 😀").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void priorityAndAutoSeverity() {
        assertThat(formatOne(URL + "&facility=local4&severity=notice", ecs("x"))).startsWith("<165>Nov 23 ");
        assertThat(formatOne(URL + "&severity=auto", ecs("FATAL out of memory"))).startsWith("<10>Nov 23 ");
    }

    @Test
    void templatesWithTheEventId() {
        assertThat(formatOne(URL + "&procid={id}&hostname={group.last}", batch("/x/y", "s", "m")))
                .isEqualTo("<14>Nov 23 20:00:00 y y[37200000000000000000000000000000000000000000000000000000]: m");
    }

    @Test
    void cachedHeaderFollowsTheOriginOfEachBatch() {
        var formatter = Formatting.formatter(URL);
        String a = new String(formatBytes(formatter, ecs("a")).get(0), StandardCharsets.UTF_8);
        String b = new String(formatBytes(formatter, lambda("b")).get(0), StandardCharsets.UTF_8);
        String a2 = new String(formatBytes(formatter, ecs("a")).get(0), StandardCharsets.UTF_8);

        assertThat(a).isEqualTo(a2).isEqualTo(ECS_HEADER + " a");
        assertThat(b).isEqualTo("<14>Nov 23 20:00:00 aws_lambda_checkout checkout[LATEST" + TASK + "]: b");
    }
}
