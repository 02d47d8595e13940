package dev.logdrain.syslog.format;

import static dev.logdrain.syslog.format.Formatting.ecs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.MessageBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every format marks where its header (and RFC 5424's STRUCTURED-DATA) ends, so the forwarder can split safely. */
class HeaderMarksTest {

    private record Marked(String header, String text, String untilSd) {
    }

    private static Marked mark(String url, String message) {
        Formatter formatter = Formatting.formatter(url);
        LogBatch batch = ecs(message);
        MessageBuffer out = new MessageBuffer(16);
        out.writeAscii("before");
        int start = out.length();
        out.beginMessage();
        formatter.format(batch, batch.events().get(0), out);
        String all = new String(out.array(), start, out.length() - start, StandardCharsets.UTF_8);
        assertThat(out.headerEnd()).as("header marked").isBetween(start, out.length());
        int header = out.headerEnd() - start;
        String sd = out.structuredDataEnd() < 0 ? null
                : new String(out.array(), start, out.structuredDataEnd() - start, StandardCharsets.UTF_8);
        return new Marked(new String(out.array(), start, header, StandardCharsets.UTF_8),
                all.substring(new String(out.array(), start, header, StandardCharsets.UTF_8).length()), sd);
    }

    @ParameterizedTest
    @CsvSource({"memory://a?format=rfc5424", "memory://a?format=rfc5424&sd=meta", "memory://a?format=rfc3164",
            "memory://a?format=convox"})
    void theMarkedTextIsTheMessageAndTheHeaderHasNoneOfIt(String url) {
        String message = "text \n<13>1 - FORGED x - - - y";
        Marked m = mark(url, message);
        assertThat(m.text()).isEqualTo(message);
        assertThat(m.header()).startsWith("<").endsWith(" ").doesNotContain("FORGED", "\n");
    }

    @Test
    void rfc5424MarksStructuredDataBeforeTheSpaceAndTheBomWithTheHeader() {
        Marked m = mark("memory://a?format=rfc5424&bom=true", "hi");
        assertThat(m.untilSd()).endsWith(" -");
        assertThat(m.header()).isEqualTo(m.untilSd() + " \uFEFF");
        assertThat(m.text()).isEqualTo("hi");
        Marked meta = mark("memory://a?format=rfc5424&sd=meta", "hi");
        assertThat(meta.untilSd()).endsWith("\"]");
    }

    @Test
    void anEmptyMessageIsAllHeader() {
        assertThat(mark("memory://a?format=rfc5424", "").text()).isEmpty();
        assertThat(mark("memory://a?format=rfc3164", "").text()).isEmpty();
    }

    @Test
    void convoxMarksItsNilStructuredData() {
        Marked m = mark("memory://a?format=convox", "web:RGBCKLEZHCX/ec329dcefd61 hello");
        assertThat(m.untilSd()).endsWith(" - -");
        assertThat(m.text()).isEqualTo("hello");
    }
}
