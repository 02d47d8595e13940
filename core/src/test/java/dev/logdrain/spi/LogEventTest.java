package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
        byte[] bytes = ("xy" + unescape(given) + "z").getBytes(StandardCharsets.UTF_8);
        LogEvent fromBytes = LogEvent.ofUtf8("1", 0, bytes, 2, bytes.length - 3, true);
        assertThat(fromBytes.message()).isEqualTo(unescape(expected));
        assertThat(fromBytes.messageChars().toString()).isEqualTo(unescape(expected));
        assertThat(fromBytes.isMessageEmpty()).isEqualTo(unescape(expected).isEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain", "", "caf\u00e9 \u2603 \uD83D\uDE00", "\uFFFD", "nul \u0000 tab \t"})
    void anEventMadeFromUtf8BytesEqualsTheOneMadeFromItsString(String message) {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        boolean ascii = bytes.length == message.length() + 1;
        LogEvent fromBytes = LogEvent.ofUtf8("id", 42, bytes, 0, bytes.length, ascii);
        LogEvent fromString = new LogEvent("id", 42, message + "\n");

        assertThat(fromBytes).isEqualTo(fromString).hasSameHashCodeAs(fromString).hasToString(fromString.toString());
        assertThat(fromBytes.message()).isEqualTo(message).isSameAs(fromBytes.message());
        assertThat(fromBytes.messageChars().toString()).isEqualTo(message);
        assertThat(fromBytes.id()).isEqualTo("id");
        assertThat(fromBytes.timestamp()).isEqualTo(42);
        assertThat(fromBytes).isNotEqualTo(new LogEvent("id", 43, message)).isNotEqualTo(new LogEvent("i", 42, message));
        assertThat(fromString.toString()).isEqualTo("LogEvent[id=id, timestamp=42, message=" + message + "]");
    }

    @Test
    void theBytesMustBeInTheArray() {
        assertThatThrownBy(() -> LogEvent.ofUtf8("1", 0, new byte[3], 2, 2, true))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> LogEvent.ofUtf8(null, 0, new byte[3], 0, 1, true))
                .isInstanceOf(NullPointerException.class);
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
