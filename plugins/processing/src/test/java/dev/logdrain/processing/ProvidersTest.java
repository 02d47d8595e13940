package dev.logdrain.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.Processor;
import dev.logdrain.spi.ProcessorProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each built-in from its URL options: what it keeps, drops and rewrites, and its option errors. */
class ProvidersTest {

    private static final LogBatch ORDERS = LogBatch.of("/ecs/orders", "web/web/abc", List.of());
    private static final LogBatch BATCH_JOB = LogBatch.of("/aws/batch/job", "nightly/default/1", List.of());

    private static Processor create(ProcessorProvider provider, String query) {
        return provider.create(Destination.parse("tcp://logs.example.com:514?" + query));
    }

    private static List<String> run(Processor processor, LogBatch batch, String... messages) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            LogEvent kept = processor.process(batch, new LogEvent("id" + i, 0, messages[i]));
            if (kept != null) {
                out.add(kept.message());
            }
        }
        return out;
    }

    @Test
    void exclude_dropsTheLambdaPlatformLines() {
        Processor p = create(new FilterProcessorProvider(), "exclude=%5E(START|END|REPORT)%20RequestId");

        assertThat(p.kind()).isEqualTo(Processor.Kind.FILTER);
        assertThat(run(p, ORDERS, "START RequestId: 1 Version: $LATEST", "hello", "END RequestId: 1",
                "REPORT RequestId: 1 Duration: 2 ms", "a START RequestId in the middle"))
                .containsExactly("hello", "a START RequestId in the middle");
    }

    /**
     * The catastrophic pattern through the processor a URL creates: its pattern is an RE2/J one (read from the
     * processor, not assumed), and a line of 100,000 a's that a backtracking engine would take exponential time
     * on is decided (not matched: kept; matched: dropped). Completes, with no time asserted.
     */
    @Test
    void exclude_withACatastrophicPattern_runsOnRe2j_andDecides() throws Exception {
        Processor p = create(new FilterProcessorProvider(), "exclude=(a+)+$");
        java.lang.reflect.Field field = p.getClass().getDeclaredField("message");
        field.setAccessible(true);
        Object rule = field.get(p);
        java.lang.reflect.Method exclude = rule.getClass().getDeclaredMethod("exclude");
        exclude.setAccessible(true);

        assertThat(exclude.invoke(rule)).isInstanceOf(com.google.re2j.Pattern.class);
        assertThat(run(p, ORDERS, "a".repeat(100_000) + "!", "a".repeat(100_000)))
                .containsExactly("a".repeat(100_000) + "!");
    }

    @Test
    void includeAndGroupAndStreamFilters_combine() {
        Processor p = create(new FilterProcessorProvider(),
                "include=order&exclude.group=^/aws/batch/&include.stream=^web/");

        assertThat(run(p, ORDERS, "order 1", "health check")).containsExactly("order 1");
        assertThat(run(p, BATCH_JOB, "order 2")).isEmpty();
        assertThat(run(p, LogBatch.of("/ecs/orders", "worker/worker/1", List.of()), "order 3")).isEmpty();
    }

    @Test
    void minseverity_keepsWarningsAndWorse_asSeverityAutoDetectsThem() {
        Processor p = create(new SeverityFilterProvider(), "minseverity=warning");

        assertThat(run(p, ORDERS, "INFO started", "[WARNING] disk 91%", "{\"level\":\"error\",\"msg\":\"x\"}",
                "2024-05-01T12:00:00.000Z\tc0ffee\tERROR\tboom", "no level at all", "{\"level\":30}",
                "FATAL out of memory", "DEBUG noise"))
                .containsExactly("[WARNING] disk 91%", "{\"level\":\"error\",\"msg\":\"x\"}",
                        "2024-05-01T12:00:00.000Z\tc0ffee\tERROR\tboom", "FATAL out of memory");
    }

    @Test
    void redact_namedDetectorsAndACustomPattern_withTheReplacementGiven() {
        Processor p = create(new RedactProcessorProvider(),
                "redact=email,ip&redact.pattern=order-%5B0-9%5D%2B&redact.with=***");

        assertThat(p.kind()).isEqualTo(Processor.Kind.REWRITE);
        assertThat(run(p, ORDERS, "user bob@example.com from 10.0.0.1 placed order-123", "nothing here"))
                .containsExactly("user *** from *** placed ***", "nothing here");
        LogEvent untouched = new LogEvent("i", 0, "clean");
        assertThat(p.process(ORDERS, untouched)).isSameAs(untouched);
    }

    @Test
    void sample_isAFilterOfKindSample() {
        Processor p = create(new SampleProcessorProvider(), "sample=2&sample.keep=err");
        assertThat(p.kind()).isEqualTo(Processor.Kind.SAMPLE);
    }

    @Test
    void badValues_areOneLineErrors_withoutOtherOptionValues() {
        String secret = "&token=S3CRET";
        assertThatThrownBy(() -> create(new SeverityFilterProvider(), "minseverity=loud" + secret))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tcp://logs.example.com:514: option minseverity='loud' is not valid; allowed: "
                        + SeverityFilterProvider.LEVELS);
        assertThatThrownBy(() -> create(new SampleProcessorProvider(), "sample=0" + secret))
                .hasMessageContaining("option sample='0' must be a whole number from 1 to 1000000")
                .hasMessageNotContaining("S3CRET");
        assertThatThrownBy(() -> create(new SampleProcessorProvider(), "sample.keep=warning"))
                .hasMessageContaining("option sample.keep needs sample=N");
        assertThatThrownBy(() -> create(new RedactProcessorProvider(), "redact=email,phone"))
                .hasMessageContaining("option redact='email,phone' is not valid; allowed: aws-key, bearer, card, email, ip");
        assertThatThrownBy(() -> create(new RedactProcessorProvider(), "redact.with=x"))
                .hasMessageContaining("redact needs detectors");
        assertThatThrownBy(() -> create(new FilterProcessorProvider(), "include=(unclosed"))
                .hasMessageContaining("option include='(unclosed' is not a valid RE2 regular expression");
    }
}
