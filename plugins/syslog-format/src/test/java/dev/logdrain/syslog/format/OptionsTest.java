package dev.logdrain.syslog.format;

import static dev.logdrain.syslog.format.Formatting.formatter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.PluginRegistry;
import dev.logdrain.ProviderInfo;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.OptionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Options are declared, checked at start-up, and refused with one line naming the option and what is allowed. */
class OptionsTest {

    @Test
    void severityDefaultsToAuto_forRfc5424AndRfc3164_andConvoxKeepsPri22() {
        var batch = Formatting.ecs("ERROR payment failed", "{\"level\":\"warn\"}", "no level");

        assertThat(Formatting.format("memory://x", batch)).extracting(l -> l.substring(0, 4))
                .containsExactly("<11>", "<12>", "<14>");
        assertThat(Formatting.format("memory://x?format=rfc3164", batch)).extracting(l -> l.substring(0, 4))
                .containsExactly("<11>", "<12>", "<14>");
        assertThat(Formatting.format("memory://x?format=convox", batch)).extracting(l -> l.substring(0, 4))
                .containsExactly("<22>", "<22>", "<22>");
        assertThat(Formatting.format("memory://x?severity=info", batch)).extracting(l -> l.substring(0, 4))
                .containsExactly("<14>", "<14>", "<14>");
    }


    @Test
    void theThreeFormatsAreRegisteredBuiltIns() {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            assertThat(registry.formats()).contains("rfc5424", "rfc3164", "convox");
            assertThat(registry.formatter("rfc5424")).isInstanceOf(Rfc5424FormatterProvider.class);
            assertThat(registry.formatter("rfc3164")).isInstanceOf(Rfc3164FormatterProvider.class);
            assertThat(registry.formatter("convox")).isInstanceOf(ConvoxFormatterProvider.class);
            List<ProviderInfo> formatters = registry.providers().stream()
                    .filter(p -> p.kind() == ProviderInfo.Kind.FORMATTER).toList();
            assertThat(formatters).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void everyOptionHasAOneLineDescription() {
        for (var provider : List.of(new Rfc5424FormatterProvider(), new Rfc3164FormatterProvider(),
                new ConvoxFormatterProvider())) {
            for (OptionSpec option : provider.options()) {
                assertThat(option.description()).as(option.name()).isNotBlank().doesNotContain("\n");
            }
        }
        assertThat(new Rfc5424FormatterProvider().options()).extracting(OptionSpec::name).containsExactly(
                "facility", "severity", "hostname", "appname", "procid", "msgid", "sd", "sd.static", "bom", "fields");
        assertThat(new Rfc3164FormatterProvider().options()).extracting(OptionSpec::name).containsExactly(
                "facility", "severity", "hostname", "appname", "procid");
        assertThat(new ConvoxFormatterProvider().options()).extracting(OptionSpec::name).containsExactly(
                "facility", "severity");
    }

    @Test
    void optionsOfAnotherFormatAreRefusedByTheRegistry() {
        assertThatThrownBy(() -> formatter("memory://x?format=rfc3164&sd=meta"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown option 'sd'");
        assertThatThrownBy(() -> formatter("memory://x?format=convox&hostname=h"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown option 'hostname'");
    }

    @Test
    void badFacility() {
        assertThatThrownBy(() -> formatter("memory://x?facility=local8"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("memory://x: option facility='local8' is not valid; allowed: kern, user, mail, daemon, "
                        + "auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, security, console, solaris-cron, "
                        + "local0 ... local7, or a number from 0 to 23");
        assertThatThrownBy(() -> formatter("memory://x?facility=24")).hasMessageContaining("option facility='24'");
        assertThatThrownBy(() -> formatter("memory://x?facility=-1")).hasMessageContaining("option facility='-1'");
    }

    @Test
    void severityOption_takesEveryLevelNameAndNumber() {
        var batch = Formatting.ecs("x");
        String[][] cases = {{"emerg", "<0>"}, {"EMERGENCY", "<0>"}, {"panic", "<0>"}, {"alert", "<1>"},
            {"crit", "<2>"}, {"critical", "<2>"}, {"err", "<3>"}, {"Error", "<3>"}, {"warning", "<4>"},
            {"warn", "<4>"}, {"notice", "<5>"}, {"info", "<6>"}, {"informational", "<6>"}, {"debug", "<7>"},
            {"5", "<5>"}, {"07", "<7>"}, {" warn ", "<4>"}};
        for (String[] c : cases) {
            assertThat(Formatting.format("memory://x?facility=kern&severity=" + c[0].replace(" ", "%20"), batch).get(0))
                    .as(c[0]).startsWith(c[1]);
        }
    }

    @Test
    void badSeverity() {
        assertThatThrownBy(() -> formatter("memory://x?format=convox&severity=loud"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("memory://x: option severity='loud' is not valid; allowed: emerg, alert, crit, err, "
                        + "warning, notice, info, debug, a number from 0 to 7, or auto");
        assertThatThrownBy(() -> formatter("memory://x?severity=8")).hasMessageContaining("severity='8'");
    }

    @Test
    void badSdAndBom() {
        assertThatThrownBy(() -> formatter("memory://x?sd=all"))
                .hasMessage("memory://x: option sd='all' is not valid; allowed: none, meta");
        assertThatThrownBy(() -> formatter("memory://x?bom=maybe"))
                .hasMessage("memory://x: option bom='maybe' is not valid; allowed: true, false");
    }

    @Test
    void badTemplates() {
        assertThatThrownBy(() -> formatter("memory://x?hostname={host}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("memory://x: option hostname='{host}': unknown placeholder {host}; placeholders are "
                        + "{group}, {stream}, {owner}, {id}, {group.last}, {stream.last}, {stream.N}, {json.NAME}");
        assertThatThrownBy(() -> formatter("memory://x?appname={group")).hasMessageContaining("'{' without '}'");
        assertThatThrownBy(() -> formatter("memory://x?procid=a}")).hasMessageContaining("'}' without '{'");
        assertThatThrownBy(() -> formatter("memory://x?msgid={stream.x}")).hasMessageContaining("{stream.x}");
    }

    @Test
    void badStaticStructuredDataNeverRepeatsItsContent() {
        String token = "0123abcd-4567-89ef-0123-456789abcdef";
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[" + token + "@32473 tag=\"x\"]"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("memory://x: option sd.static: element 1: the SD-ID at character 2 has 42 characters; "
                        + "RFC 5424 allows 1 to 32 (longer only as a service token: TOKEN@41058 up to 64 in all, or a "
                        + "64-character TOKEN@41123)")
                .message().doesNotContain(token);
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[a@1 b=\"x]"))
                .hasMessageContaining("lacks its closing '\"'");
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[a@1 b=x]"))
                .hasMessageContaining("expected '\"' at character 8");
        assertThatThrownBy(() -> formatter("memory://x?sd.static=a@1"))
                .hasMessageContaining("expected '[' at character 1 to start element 1");
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[a@1][a@1]"))
                .hasMessageContaining("element 2 repeats the SD-ID");
        assertThatThrownBy(() -> formatter("memory://x?sd=meta&sd.static=[logdrain@32473]"))
                .hasMessageContaining("which sd=meta adds");
        assertThatThrownBy(() -> formatter("memory://x?sd.static=")).hasMessageContaining("option sd.static: no element");
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[a@1 b=\"1\"c=\"2\"]"))
                .hasMessageContaining("expected a space or ']' at character 11");
    }

    @Test
    void sumoTokenIsAllowedAsSdId_onlyIn_itsDocumentedForm() {
        String token = "9HFxoa6+lXBmvSM9koPjGzvTaxXDQvJ4POE/WCURPAo+w4H7PmZm8H3mSEKxPl0Q";
        assertThat(Formatting.formatOne("memory://x?sd.static=[" + token + "@41123]", Formatting.ecs("m")))
                .contains(" - [" + token + "@41123] m");
        for (String bad : new String[] {token.substring(1), token + "A", token.replace('+', '-'), "t".repeat(200)}) {
            assertThatThrownBy(() -> formatter("memory://x?sd.static=[" + bad + "@41123]"))
                    .hasMessageContaining("RFC 5424 allows 1 to 32").message().doesNotContain(bad);
        }
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[" + token + "@41124]"))
                .hasMessageContaining("has 70 characters");
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[a@1 " + token + "@41123=\"x\"]"))
                .hasMessageContaining("the PARAM-NAME at character 6 has 70 characters");
    }

    @Test
    void logglyTokenIsTheOneSdIdAllowedPast32Characters() {
        String token = "0123abcd-4567-89ef-0123-456789abcdef";
        assertThat(Formatting.formatOne("memory://x?sd.static=[" + token + "@41058 tag=\"web\"]", Formatting.ecs("m")))
                .contains(" - [" + token + "@41058 tag=\"web\"] m");
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[" + "t".repeat(59) + "@41058]"))
                .hasMessageContaining("has 65 characters");
        assertThatThrownBy(() -> formatter("memory://x?sd.static=[a@1 " + token + "@41058=\"x\"]"))
                .hasMessageContaining("the PARAM-NAME at character 6 has 42 characters");
    }

    @Test
    void errorsNeverShowUserinfoOrOptionValues() {
        assertThatThrownBy(() -> formatter("memory://user:secret@x?sd.static=[t@1 a=\"s3cr3t\"]&facility=nope"))
                .message().doesNotContain("secret").doesNotContain("s3cr3t").startsWith("memory://x: ");
    }

    @Test
    void validValuesAreAccepted() {
        assertThat(formatter("memory://x?facility=local7&severity=auto&sd=META&bom=yes&sd.static=[a@1]"))
                .isNotNull();
        assertThat(formatter("memory://x?format=rfc3164&facility=authpriv&severity=7&appname={group.last}"))
                .isNotNull();
    }
}
