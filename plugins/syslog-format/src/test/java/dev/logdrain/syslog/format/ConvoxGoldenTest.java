package dev.logdrain.syslog.format;

import static dev.logdrain.syslog.format.Formatting.at;
import static dev.logdrain.syslog.format.Formatting.batch;
import static dev.logdrain.syslog.format.Formatting.format;
import static dev.logdrain.syslog.format.Formatting.formatOne;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** format=convox reproduces convox/syslog's line byte for byte. */
class ConvoxGoldenTest {

    private static final String URL = "memory://golden?format=convox";
    private static final String GROUP = "convox-httpd-LogGroup-1KIJO8SS9F3Q9";
    /** 1460682044602 ms, as in convox/syslog's own example. */
    private static final long TIME = 1460682044602L;

    @Test
    void prefixedMessageAsConvoxSyslogWroteIt() {
        String message = "web:RGBCKLEZHCX/ec329dcefd61 10.0.3.37 - - [15/Apr/2016:01:00:44 +0000] \"GET / HTTP/1.1\" 304 -";
        assertThat(formatOne(URL, at(TIME, batch(GROUP, "web/ec329dcefd61", message))))
                .isEqualTo("<22>1 2016-04-15T01:00:44Z convox-httpd-LogGroup-1KIJO8SS9F3Q9 web:RGBCKLEZHCX ec329dcefd61"
                        + " - - 10.0.3.37 - - [15/Apr/2016:01:00:44 +0000] \"GET / HTTP/1.1\" 304 -");
    }

    @Test
    void withoutPrefixTheAppIsConvoxSyslogAndTheProcidUnknown() {
        long t = Instant.parse("2016-04-19T01:53:22.999Z").toEpochMilli();
        assertThat(formatOne(URL, at(t, batch("my-app", "s", "10.0.3.37 GET /"))))
                .isEqualTo("<22>1 2016-04-19T01:53:22Z my-app convox/syslog unknown - - 10.0.3.37 GET /");
    }

    @Test
    void prefixMustMatchTheExpressionExactly() {
        String[] notPrefixes = {
            "web:rgb/abc msg",      // release must be upper case
            "web:RGB/ABC msg",      // container must be lower case
            "1web:RGB/abc msg",     // process starts with a letter
            "web:RGB/abc",          // no space after the container
            "web:/abc msg",         // empty release
            "web:RGB/ msg",         // empty container
            " web:RGB/abc msg",     // not at the start
            "we_b:RGB/abc msg",     // '_' not allowed in the process
        };
        for (String message : notPrefixes) {
            assertThat(formatOne(URL, at(TIME, batch("g", "s", message))))
                    .as(message).isEqualTo("<22>1 2016-04-15T01:00:44Z g convox/syslog unknown - - " + message);
        }
        assertThat(formatOne(URL, at(TIME, batch("g", "s", "a-1:R/c-9 m"))))
                .isEqualTo("<22>1 2016-04-15T01:00:44Z g a-1:R c-9 - - m");
    }

    @Test
    void multiLineMessageKeepsItsPrefixAndEveryLine() {
        String trace = "worker:RABCDEF/0a1b2c3d java.lang.RuntimeException: boom\n\tat A.b(A.java:1)\n\tat C.d(C.java:2)\n";
        assertThat(formatOne(URL, at(TIME, batch("g", "s", trace))))
                .isEqualTo("<22>1 2016-04-15T01:00:44Z g worker:RABCDEF 0a1b2c3d - - java.lang.RuntimeException: boom\n"
                        + "\tat A.b(A.java:1)\n\tat C.d(C.java:2)");
    }

    @Test
    void emptyMessageKeepsTheSpaceAfterTheDashes() {
        assertThat(format(URL, at(TIME, batch("g", "s", "", "web:R/c "))))
                .containsExactly("<22>1 2016-04-15T01:00:44Z g convox/syslog unknown - - ",
                        "<22>1 2016-04-15T01:00:44Z g web:R c - - ");
    }

    @Test
    void facilityAndSeverityCanBeChanged() {
        assertThat(formatOne(URL + "&facility=local0&severity=auto", at(TIME, batch("g", "s", "web:R/c ERROR boom"))))
                .isEqualTo("<131>1 2016-04-15T01:00:44Z g web:R c - - ERROR boom");
        assertThat(formatOne(URL + "&severity=warning", at(TIME, batch("g", "s", "x"))))
                .startsWith("<20>1 ");
    }

    @Test
    void headerFieldsAreCleaned() {
        assertThat(formatOne(URL, at(TIME, batch("", "s", "x"))))
                .isEqualTo("<22>1 2016-04-15T01:00:44Z - convox/syslog unknown - - x");
        assertThat(formatOne(URL, at(TIME, batch("a b", "s", "web:" + "R".repeat(60) + "/c x"))))
                .isEqualTo("<22>1 2016-04-15T01:00:44Z a_b web:" + "R".repeat(44) + " c - - x");
    }
}
