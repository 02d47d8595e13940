package dev.logdrain.cloudwatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.cloudwatch.CloudWatchFixtures;
import dev.logdrain.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadLocatorTest {

    private static final String EVENT = "{\"awslogs\":{\"data\":\"H4sI\"}}";
    private static final String DECODED = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}";

    @Test
    void payloadsAreHandedOverAsTheyAre_withLineAndPath() throws IOException {
        String input = EVENT + "\n" + DECODED + "\n{\"requestPayload\":" + EVENT + ",\"responsePayload\":{}}\n"
                + "{\"Messages\":[{\"Body\":" + CloudWatchFixtures.jsonString(DECODED.getBytes(StandardCharsets.UTF_8)) + "}]}\n"
                + "[" + EVENT + "," + DECODED + "]";

        assertThat(locate(input)).containsExactly(
                "line 1: " + EVENT,
                "line 2: " + DECODED,
                "line 3, at requestPayload: " + EVENT,
                "line 4, at Messages[0].Body: " + DECODED,
                "line 5, at [0]: " + EVENT,
                "line 5, at [1]: " + DECODED);
    }

    @Test
    void unknownShape_namesLineAndPath() {
        assertThatThrownBy(() -> locate(EVENT + "\n{\"Messages\":[{\"Body\":\"{\\\"x\\\":1}\"}]}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("line 2: at Messages[0].Body: not a CloudWatch Logs payload")
                .hasMessageEndingWith("found an object with members x");
    }

    @Test
    void stringsHoldingStrings_areRefusedBeyondALimit() {
        String nested = "\"x\"";
        for (int i = 0; i < 12; i++) {
            nested = "[" + CloudWatchFixtures.jsonString(nested.getBytes(StandardCharsets.UTF_8)) + "]";
        }
        String input = nested;
        assertThatThrownBy(() -> locate(input)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wrapped more than 8 levels deep");
    }

    @Test
    void badBase64() {
        assertThatThrownBy(() -> locate("{\"Records\":[{\"kinesis\":{\"data\":\"H4sI*\"}}]}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("line 1: at Records[0].kinesis.data: bad base64");
    }

    private static List<String> locate(String input) throws IOException {
        List<String> found = new ArrayList<>();
        new PayloadLocator(1 << 20).read(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                p -> found.add(p.where() + ": " + new String(p.data(), p.offset(), p.length(), StandardCharsets.UTF_8)));
        return found;
    }
}
