package dev.logdrain.cloudwatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSpansTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "\"\"", "0", "-1.5e+3", "true", "null", "{\"a\":[1,{\"b\":\"}]\\\"\"},null]}",
            "[ 1 , 2 ]", "{ \"a\" : { } }", "\"\\u00e9\\ud83d\\ude00\""})
    void skipsWholeValues(String json) {
        byte[] b = (json + " tail").getBytes(StandardCharsets.UTF_8);
        assertThat(JsonSpans.skipValue(b, 0, b.length)).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\" 1}", "{\"a\":1,}", "[1,]", "{a:1}", "[1 2]", "{\"a\":tru}", "[01]", "[-]", "[1.]",
            "[\"a\tb\"]", "}", "[1}"})
    void refusesMalformedValues(String json) {
        byte[] b = (json + " ").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonSpans.skipValue(b, 0, b.length)).isInstanceOf(JsonSpans.SyntaxException.class)
                .matches(e -> !((JsonSpans.SyntaxException) e).incomplete, "complete input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":", "[1,", "\"abc", "{\"a\":12", "{\"a\":tr", "[\"\\"})
    void truncatedValues_areIncomplete(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonSpans.skipValue(b, 0, b.length)).isInstanceOf(JsonSpans.SyntaxException.class)
                .matches(e -> ((JsonSpans.SyntaxException) e).incomplete, "incomplete input");
    }

    @Test
    void deepNesting_isRefusedWithoutOverflowingTheStack() {
        byte[] deep = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonSpans.skipValue(deep, 0, deep.length)).isInstanceOf(JsonSpans.SyntaxException.class)
                .hasMessageContaining("nested more than 512 levels");
    }

    @Test
    void membersAndElements() {
        byte[] b = "{ \"a\\u0062\" : [1, \"x\", {}] , \"c\":null }".getBytes(StandardCharsets.UTF_8);
        JsonSpans.Range object = JsonSpans.value(b, 0, b.length);

        List<JsonSpans.Member> members = JsonSpans.members(object);

        assertThat(members).extracting(JsonSpans.Member::name).containsExactly("ab", "c");
        List<JsonSpans.Range> elements = JsonSpans.elements(members.get(0).value());
        assertThat(elements).extracting(r -> new String(r.bytes(), StandardCharsets.UTF_8)).containsExactly("1", "\"x\"", "{}");
        assertThat(JsonSpans.members(JsonSpans.value("{}".getBytes(StandardCharsets.UTF_8), 0, 2))).isEmpty();
    }

    @Test
    void stringEscapes() {
        byte[] b = "\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00fc \\ud83d\\ude00 \\ud800x é\"".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonSpans.string(JsonSpans.value(b, 0, b.length))).isEqualTo("q\" b\\ s/ \b\f\n\r\t ü 😀 ?x é");
    }
}
