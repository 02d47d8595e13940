package dev.logdrain.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The URL in a secret's value, and which service a LOGDRAIN_URL_SECRET names; errors never show the value. */
class SecretValuesTest {

    private static final String ORIGIN = "secret logdrain/url";

    @Test
    void plainTextIsTheUrlsAndJsonGivesItsUrlKey() {
        assertThat(SecretValues.url("  tcp://a:1 udp://b:2\n", ORIGIN)).isEqualTo("tcp://a:1 udp://b:2");
        assertThat(SecretValues.url("{\"user\":{\"x\":[1,2]},\"url\":\" tcp://a:1 \"}", ORIGIN)).isEqualTo("tcp://a:1");
    }

    @Test
    void unusableValuesAreNamedButNotShown() {
        assertThatThrownBy(() -> SecretValues.url(" ", ORIGIN)).isInstanceOf(ConfigurationException.class)
                .hasMessage("secret logdrain/url is empty: give it the destination URL");
        assertThatThrownBy(() -> SecretValues.url("{\"url\":42,\"token\":\"hunter2\"}", ORIGIN))
                .hasMessage("secret logdrain/url holds JSON without a string \"url\" key");
        assertThatThrownBy(() -> SecretValues.url("{\"token\":\"hunter2\"", ORIGIN))
                .hasMessage("secret logdrain/url holds text that starts with { but is not a JSON object");
    }

    @Test
    void ssmIsNamedByPrefixOrArnAndEverythingElseIsSecretsManager() {
        Map<String, String> env = Map.of();
        assertThat(new SecretLookup("ssm:/logdrain/url", env).origin()).isEqualTo("SSM parameter /logdrain/url");
        assertThat(new SecretLookup("arn:aws:ssm:us-east-1:123456789012:parameter/logdrain/url", env).origin())
                .isEqualTo("SSM parameter arn:aws:ssm:us-east-1:123456789012:parameter/logdrain/url");
        assertThat(new SecretLookup("arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf", env).origin())
                .startsWith("secret arn:aws:secretsmanager:");
        assertThat(new SecretLookup("logdrain/url", env).origin()).isEqualTo("secret logdrain/url");
        assertThatThrownBy(() -> new SecretLookup("ssm:", env)).hasMessage("LOGDRAIN_URL_SECRET names no secret");
    }
}
