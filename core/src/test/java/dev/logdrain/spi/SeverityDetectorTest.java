package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityDetectorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // JSON objects
        "{\"level\":\"error\",\"msg\":\"x\"}|3",
        "{\"msg\":\"x\", \"severity\" : \"WARNING\"}|4",
        "{\"log.level\":\"debug\",\"message\":\"x\"}|7",
        "{\"log\":{\"logger\":\"a\",\"level\":\"fatal\"},\"message\":\"x\"}|2",
        "  {\"Level\":\"Information\"}|6",
        "{\"level\":50,\"msg\":\"pino error\"}|3",
        "{\"level\":40}|4",
        "{\"level\":10}|7",
        "{\"severity\":2}|2",
        "{\"level\":\"notice\"}|5",
        "{\"level\":\"emerg\"}|0",
        "{\"level\":\"alert\"}|1",
        "{\"level\":\"crit\"}|2",
        "{\"level\":\"SEVERE\"}|3",
        "{\"level\":\"verbose\"}|7",
        // a level inside another object, an array or a string value does not count
        "{\"msg\":\"{\\\"level\\\":\\\"error\\\"}\",\"data\":{\"level\":\"error\"},\"l\":[{\"level\":\"error\"}]}|6",
        "{\"level\":\"custom\",\"severity\":\"warn\"}|4",
        "{\"level\":3.5}|6",
        "{\"level\":true}|6",
        "{\"level\"|6",
        "{not json at all|6",
        // Lambda runtimes
        "'[ERROR]\t2026-11-23T20:00:00.123Z\t8f5f1a3e-0000-4000-8000-000000000000\tboom'|3",
        "'[WARNING]\t2026-11-23T20:00:00.123Z\treq\tslow'|4",
        "'2026-11-23T20:00:00.123Z\t8f5f1a3e-0000-4000-8000-000000000000\tERROR\tInvoke Error'|3",
        "'2026-11-23T20:00:00.123Z\t8f5f1a3e-0000-4000-8000-000000000000\tWARN\tslow'|4",
        "'2026-11-23T20:00:00.123Z\treq\tINFO'|6",
        "'2026-11-23T20:00:00.123Z\treq\tnothing here'|6",
        "'2026-11-23T20:00:00.123Z\treq\tERRORS\tx'|6",
        // leading tokens
        "ERROR something failed|3",
        "error: disk full|3",
        "[Warn] almost full|4",
        "WARNING|4",
        "'  info  started'|6",
        "DEBUG=on|7",
        "trace id 42|7",
        "FATAL: out of memory|2",
        "Critical section entered|2",
        "'[ERROR'|6",
        "Errors were found|6",
        "Information about|6",
        "INFO2 x|6",
        "plain text|6",
        "''|6",
        "'   '|6",
        "the ERROR is later|6",
    })
    void detects(String message, int severity) {
        assertThat(SeverityDetector.detect(message, SeverityDetector.INFO)).isEqualTo(severity);
    }

    @org.junit.jupiter.api.Test
    void fallbackAndOffset() {
        assertThat(SeverityDetector.detect("nothing", SeverityDetector.NOTICE)).isEqualTo(SeverityDetector.NOTICE);
        assertThat(SeverityDetector.detect("web:R/c ERROR x", 8, SeverityDetector.INFO)).isEqualTo(SeverityDetector.ERR);
        assertThat(SeverityDetector.detect("web:R/c ", 8, SeverityDetector.INFO)).isEqualTo(SeverityDetector.INFO);
    }

    @org.junit.jupiter.api.Test
    void hugeJsonIsScannedOnlyAtItsStart() {
        String huge = "{\"data\":\"" + "x".repeat(100_000) + "\",\"level\":\"error\"}";
        assertThat(SeverityDetector.detect(huge, SeverityDetector.INFO)).isEqualTo(SeverityDetector.INFO);
        String early = "{\"level\":\"error\",\"data\":\"" + "x".repeat(100_000) + "\"}";
        assertThat(SeverityDetector.detect(early, SeverityDetector.INFO)).isEqualTo(SeverityDetector.ERR);
    }
}
