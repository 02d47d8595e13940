package dev.logdrain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.fixtures.RecordingSinkProvider;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicePresetsTest {

    static final String SUMO = "9HFxoa6+lXBmvSM9koPjGzvTaxXDQvJ4POE/WCURPAo+w4H7PmZm8H3mSEKxPl0Q";
    static final String KEY = "0123456789abcdef0123456789abcdef";

    private static Destination expand(String url) {
        return ServicePresets.expand(Destination.parse(url));
    }

    @Test
    void sumologic_placesTheTokenAsSdId_andFixesFormatFramingAndSize() {
        Destination d = expand("tcp+tls://syslog.collection.us2.sumologic.com:6514?service=sumologic&token=" + SUMO);

        assertThat(d.options()).containsExactlyEntriesOf(orderedMap("service", "sumologic", "token", SUMO,
                "format", "rfc5424", "framing", "lf", "sd.static", "[" + SUMO + "@41123]", "maxsize", "65536"));
        assertThat(d.toString()).doesNotContain(SUMO).contains("sd.static=***").contains("token=***");
        assertThat(ServicePresets.expand(d)).as("expanding twice").isEqualTo(d);
    }

    @Test
    void sumologic_refusesWhatSumoDoesNotTake_withoutRepeatingTheToken() {
        String host = "tcp+tls://syslog.collection.us2.sumologic.com:6514?service=sumologic&token=";
        assertRefused("tcp://syslog.collection.us2.sumologic.com:6514?service=sumologic&token=" + SUMO,
                "Sumo Logic does not take tcp://; use syslog+tls://, tcp+tls://, tls://", SUMO);
        assertRefused(host + SUMO + "&format=rfc3164", "sets option format=rfc5424; remove format", SUMO);
        assertRefused(host + SUMO.substring(1), "must be the 64-character token", SUMO.substring(1));
        assertRefused(host + SUMO + "@41123", "without @41123", SUMO);
        assertRefused(host + SUMO + "&maxsize=100000", "at most 65536 bytes", SUMO);
        assertRefused(host.replace("&token=", ""), "needs option token", "");
    }

    @Test
    void datadog_writesTheKeyAsPrefix_andRefusesSitesWithoutTcpIntake() {
        Destination d = expand("tcp+tls://intake.logs.datadoghq.com:10516?service=datadog&token=" + KEY);

        assertThat(d.option("prefix")).contains(KEY);
        assertThat(d.option("framing")).contains("lf");
        assertRefused("tcp+tls://tcp-intake.logs.us5.datadoghq.com:443?service=datadog&token=" + KEY,
                "Datadog has no TCP intake for the site", KEY);
        assertRefused("udp://intake.logs.datadoghq.com:10514?service=datadog&token=" + KEY, "does not take udp://", KEY);
        assertRefused("tcp+tls://intake.logs.datadoghq.com:10516?service=datadog&prefix=other&token=" + KEY,
                "sets option prefix from token=; remove prefix", KEY);
        assertRefused("tcp+tls://intake.logs.datadoghq.com:10516?service=datadog&token=a%0Ab", "without spaces", "a\nb");
        assertRefused("tcp+tls://intake.logs.datadoghq.com:10516?service=datadog&prefix=HANDKEY&token=" + KEY,
                "prefix=***", "HANDKEY");
    }

    @Test
    void papertrail_udpIsCutAt1024_tcpAt65536_andAnIngestionTokenNeedsTls() {
        assertThat(expand("udp://logs5.papertrailapp.com:12345?service=papertrail").options())
                .containsEntry("maxsize", "1024").doesNotContainKey("framing");
        assertThat(expand("tcp+tls://logs5.papertrailapp.com:12345?service=papertrail").options())
                .containsEntry("maxsize", "65536").containsEntry("framing", "lf").doesNotContainKey("sd.static");
        assertThat(expand("udp://logs5.papertrailapp.com:12345?service=papertrail&maxsize=512").options())
                .containsEntry("maxsize", "512");
        assertRefused("udp://logs5.papertrailapp.com:12345?service=papertrail&maxsize=2048", "at most 1024 bytes", "");
        assertRefused("udp://logs5.papertrailapp.com:12345?service=papertrail&token=secret-token", "TLS collector",
                "secret-token");
        assertThat(expand("tcp+tls://syslog.collector.na-01.cloud.solarwinds.com:6514?service=papertrail&token=abc")
                .option("sd.static")).contains("[abc@41058]");
    }

    @Test
    void loggly_logzio_newrelic_betterstack_coralogix() {
        String uuid = "727bae3d-750c-4e44-96ed-ad83230208bb";
        assertThat(expand("tcp+tls://logs-01.loggly.com:6514?service=loggly&token=" + uuid).option("sd.static"))
                .contains("[" + uuid + "@41058]");
        assertThat(expand("tcp+tls://listener.logz.io:5001?service=logzio&token=abc").option("prefix")).contains("[abc]");
        assertThat(expand("tcp+tls://newrelic.syslog.nr-data.net:6514?service=newrelic&token=abc").option("prefix"))
                .contains("abc");
        assertThat(expand("tcp+tls://in.logs.betterstack.com:6514?service=betterstack&token=abc").option("sd.static"))
                .contains("[logtail@11993 source_token=\"abc\"]");
        assertThat(expand("tcp+tls://syslog.eu1.coralogix.com:6514?service=coralogix&token=k&cx.app=orders"
                + "&cx.subsystem=web").options()).containsEntry("sd.static",
                "[coralogix@1 application_name=\"orders\" private_key=\"k\" subsystem_name=\"web\"]")
                .containsEntry("cx.app", "orders");
        assertRefused("tcp+tls://syslog.eu1.coralogix.com:6514?service=coralogix&token=k", "requires options cx.app", "");
        assertRefused("tcp+tls://in.logs.betterstack.com:6514?service=betterstack&token=a%22%5D", "other than", "a\"]");
        assertRefused("tcp://newrelic.syslog.nr-data.net:6514?service=newrelic&token=abc", "does not take tcp://", "abc");
    }

    @Test
    void presetInputsWithoutService_andUnknownServices_areRefused() {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            assertThatThrownBy(() -> registry.validate(Destination.parse("record://x?format=plain&token=secret-value")))
                    .hasMessageContaining("unknown option 'token'").hasMessageContaining("token is read by a service= preset")
                    .hasMessageNotContaining("secret-value");
        }
        assertRefused("tcp+tls://logs.example.com?service=splunk&token=secret-value", "unknown service 'splunk'; known"
                + " services: papertrail, loggly, sumologic, datadog, newrelic, betterstack, logzio, coralogix",
                "secret-value");
        assertThat(expand("tcp://logs.example.com")).isEqualTo(Destination.parse("tcp://logs.example.com"));
    }

    @Test
    void hostsAreRecognised() {
        assertThat(ServicePresets.forHost("logs5.papertrailapp.com")).map(ServicePresets.Preset::name).contains("papertrail");
        assertThat(ServicePresets.forHost("syslog.collection.US2.sumologic.com")).map(ServicePresets.Preset::name)
                .contains("sumologic");
        assertThat(ServicePresets.forHost("notsumologic.com")).isEmpty();
        assertThat(ServicePresets.forHost("logs.example.com")).isEmpty();
    }

    /** The prefix is inside every record: before the formatter's header, counted in maxsize. */
    @Test
    void prefix_startsEveryRecord_andCountsInMaxsize() {
        try (PluginRegistry registry = PluginRegistry.builtIns();
             Forwarder forwarder = Forwarder.fromUrls(registry, List.of(
                     "record://prefixed?format=plain&prefix=KEY123&maxsize=64&oversize=truncate"))) {
            LogBatch batch = LogBatch.of("/g", "s", List.of(new LogEvent("1", 0, "short"),
                    new LogEvent("2", 0, "x".repeat(100))));
            assertThat(forwarder.forward(batch, Deadline.after(Duration.ofSeconds(10))).isSuccess()).isTrue();
            assertThat(forwarder.destinations().get(0).toString()).doesNotContain("KEY123");
        }
        List<byte[]> got = RecordingSinkProvider.received("prefixed");
        assertThat(new String(got.get(0), StandardCharsets.US_ASCII)).isEqualTo("KEY123 short");
        assertThat(new String(got.get(1), StandardCharsets.US_ASCII)).isEqualTo("KEY123 " + "x".repeat(57)).hasSize(64);
    }

    @Test
    void prefix_refusesControlCharacters_andSizesThatWouldCutIt_withoutRepeatingIt() {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            assertThatThrownBy(() -> Forwarder.fromUrls(registry, List.of("record://p?format=plain&maxsize=64&prefix="
                    + "K".repeat(40)))).hasMessageContaining("maxsize 64 leaves too little").hasMessageNotContaining("KKK");
            assertThatThrownBy(() -> Forwarder.fromUrls(registry, List.of("record://p?format=plain&prefix=KEY%0A<13>1")))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("option prefix must be")
                    .hasMessageNotContaining("KEY");
        }
    }

    private static void assertRefused(String url, String message, String secret) {
        assertThatThrownBy(() -> expand(url)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message)
                .satisfies(e -> {
                    if (!secret.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(secret);
                    }
                });
    }

    private static Map<String, String> orderedMap(String... kv) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
