package dev.logdrain.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.testing.FreePorts;
import org.junit.jupiter.api.Test;

class ServiceCheckTest {

    static final String SUMO = "9HFxoa6+lXBmvSM9koPjGzvTaxXDQvJ4POE/WCURPAo+w4H7PmZm8H3mSEKxPl0Q";

    @Test
    void aPreset_saysWhatItSetAndWhatCannotBeChecked_withoutTheToken() {
        Cli.Result result = Cli.run("check", "--url", "stdout://?service=sumologic&token=" + SUMO);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("  service   Sumo Logic (service=sumologic): format=rfc5424, maxsize=65536, token in"
                        + " STRUCTURED-DATA as SD-ID ***@41123\n")
                .contains("  unchecked whether Sumo Logic accepted the token")
                .doesNotContain(SUMO);
        assertThat(result.err()).doesNotContain(SUMO);
    }

    @Test
    void aServiceHostWithoutPreset_isNamed() {
        int port = FreePorts.unused();
        Cli.Result result = Cli.run("check", "--timeout", "2", "--url", "tcp://logs-01.loggly.com:" + port + "?framing=lf");
        assertThat(result.out()).contains("  service   logs-01.loggly.com is Loggly's; without service=loggly nothing"
                + " checks that the URL has what Loggly needs (docs/services.md)");
        assertThat(Cli.run("check", "--timeout", "2", "--url", "tcp://127.0.0.1:" + port).out())
                .doesNotContain("  service   ");

        Cli.Result loggly = Cli.run("check", "--timeout", "2", "--url", "tcp://127.0.0.1:" + port + "?service=loggly&token=abc");
        assertThat(loggly.out()).contains("  service   Loggly (service=loggly): format=rfc5424, framing=lf, maxsize=65536,"
                + " token in STRUCTURED-DATA as SD-ID ***@41058")
                .contains("127.0.0.1 is not one of Loggly's documented hosts");
    }

    @Test
    void aRefusedConnection_failsInOneLine_withoutTheToken() {
        int port = FreePorts.unused();
        Cli.Result result = Cli.run("check", "--timeout", "5", "--url",
                "tcp+tls://127.0.0.1:" + port + "?service=sumologic&token=" + SUMO);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).hasLineCount(1).contains("token=***").doesNotContain(SUMO);
        assertThat(result.out()).doesNotContain(SUMO);
    }

    @Test
    void aBadToken_isABadUsageLine_withoutTheToken() {
        Cli.Result result = Cli.run("check", "--url", "tcp+tls://syslog.collection.us2.sumologic.com?service=sumologic"
                + "&token=short-secret");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains("must be the 64-character token").doesNotContain("short-secret");
    }
}
