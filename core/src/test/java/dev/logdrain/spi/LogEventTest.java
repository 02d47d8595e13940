package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LogEventTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "'a\\n'      | 'a'",
            "'a\\r\\n'   | 'a'",
            "'a\\n\\n'   | 'a\\n'",
            "'a\\r\\n\\r\\n' | 'a\\r\\n'",
            "'a\\r'      | 'a\\r'",
            "'a\\nb'     | 'a\\nb'",
            "'a\\nb\\n'  | 'a\\nb'",
            "'\\n'       | ''",
            "'\\r\\n'    | ''",
            "''          | ''",
            "'a'         | 'a'",
            "'a\\n\\r'   | 'a\\n\\r'",
    })
    void oneTrailingLineBreakIsNotPartOfTheMessage(String given, String expected) {
        assertThat(new LogEvent("1", 0, unescape(given)).message()).isEqualTo(unescape(expected));
    }

    @Test
    void idAndMessageAreRequired() {
        assertThatThrownBy(() -> new LogEvent(null, 0, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LogEvent("1", 0, null)).isInstanceOf(NullPointerException.class);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r");
    }
}
