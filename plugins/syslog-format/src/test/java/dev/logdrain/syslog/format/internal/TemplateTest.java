package dev.logdrain.syslog.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static String render(Template template, String group, String stream) {
        LogBatch batch = new LogBatch("42", group, stream, List.of());
        MessageBuffer out = new MessageBuffer();
        FieldWriter writer = new FieldWriter(FieldWriter.Rule.PRINTUSASCII, 1000);
        writer.writeField(template, batch, new LogEvent("e1", 0, ""), out, (byte) '-');
        return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
    }

    @Test
    void segments() {
        Template t = Template.parse("x", "{stream.0}|{stream.1}|{stream.2}|{stream.3}|{stream.last}|{group.last}", "");
        assertThat(render(t, "/aws/lambda/fn", "2026/11/23/[$LATEST]abc")).isEqualTo("2026|11|23|[$LATEST]abc|[$LATEST]abc|fn");
        assertThat(render(t, "plain", "one")).isEqualTo("one||||one|plain");
        assertThat(render(t, "/trailing/", "/lead/x/")).isEqualTo("lead|x|||x|trailing");
        assertThat(render(t, "", "")).isEqualTo("|||||");
    }

    @Test
    void literalsAndWholeNames() {
        Template t = Template.parse("x", "a-{owner}-{group}-{stream}-{id}", "");
        assertThat(t.usesEventId()).isTrue();
        assertThat(render(t, "/g", "s")).isEqualTo("a-42-/g-s-e1");
        assertThat(Template.parse("x", "{group}", "").usesEventId()).isFalse();
    }

    @Test
    void defaultAppName() {
        Template t = Template.defaultAppName();
        assertThat(render(t, "/aws/lambda/checkout", "2026/11/23/[$LATEST]abc")).isEqualTo("checkout");
        assertThat(render(t, "/aws/lambda/us-east-1.edge-fn", "x")).isEqualTo("us-east-1.edge-fn");
        assertThat(render(t, "/ecs/orders", "ecs/web/0123456789abcdef0123456789abcdef")).isEqualTo("web");
        assertThat(render(t, "/ecs/orders", "ecs/web/0123456789ABCDEF0123456789ABCDEF")).isEqualTo("orders");
        assertThat(render(t, "/ecs/orders", "ecs/web/0123456789abcdef0123456789abcdef/x")).isEqualTo("orders");
        assertThat(render(t, "/ecs/orders", "/web/0123456789abcdef0123456789abcdef")).isEqualTo("orders");
        assertThat(render(t, "/aws/lambda/", "s")).isEqualTo("lambda");
        assertThat(render(t, "", "")).isEqualTo("-");
    }
}
