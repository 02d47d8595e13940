package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationTest {

    @Test
    void aPlainUrlHasNoPortNoUserinfoAndNoOptions() {
        Destination d = Destination.parse("tcp://logs.example.com");

        assertThat(d.scheme()).isEqualTo("tcp");
        assertThat(d.host()).isEqualTo("logs.example.com");
        assertThat(d.port()).isEqualTo(-1);
        assertThat(d.userInfo()).isEmpty();
        assertThat(d.options()).isEmpty();
        assertThat(d.hostAndPort()).isEqualTo("logs.example.com");
        assertThat(d).hasToString("tcp://logs.example.com");
    }

    @Test
    void theDefaultPortFillsOnlyAMissingPort() {
        assertThat(Destination.parse("tcp://h").withDefaultPort(514).port()).isEqualTo(514);
        assertThat(Destination.parse("tcp://h:5514").withDefaultPort(514).port()).isEqualTo(5514);
        assertThat(Destination.parse("stdout://").withDefaultPort(-1).port()).isEqualTo(-1);
    }

    @Test
    void theSchemeIsLowerCasedAndTheHostKept() {
        Destination d = Destination.parse("  TCP+TLS://Logs.Example.com:6514  ");

        assertThat(d.scheme()).isEqualTo("tcp+tls");
        assertThat(d.host()).isEqualTo("Logs.Example.com");
        assertThat(d.port()).isEqualTo(6514);
    }

    @Test
    void anIpv6LiteralLosesItsBracketsInHostAndKeepsThemInText() {
        Destination d = Destination.parse("tcp://[::1]:5514");

        assertThat(d.host()).isEqualTo("::1");
        assertThat(d.port()).isEqualTo(5514);
        assertThat(d.hostAndPort()).isEqualTo("[::1]:5514");
        assertThat(d).hasToString("tcp://[::1]:5514");
        assertThat(Destination.parse("udp://[2001:db8::1]").host()).isEqualTo("2001:db8::1");
        assertThat(Destination.parse("udp://[2001:db8::1]").port()).isEqualTo(-1);
    }

    @Test
    void aHostNameMayHoldAnUnderscore() {
        // java.net.URI.getHost() is null for such names, yet DNS allows them
        Destination d = Destination.parse("tcp://my_host.internal:514");

        assertThat(d.host()).isEqualTo("my_host.internal");
        assertThat(d.port()).isEqualTo(514);
    }

    @Test
    void anEmptyAuthorityIsAllowed() {
        assertThat(Destination.parse("stdout://").scheme()).isEqualTo("stdout");
        assertThat(Destination.parse("stdout://").host()).isEmpty();
        assertThat(Destination.parse("stdout://?format=convox").option("format")).contains("convox");
        assertThat(Destination.parse("stdout:///").host()).isEmpty();
    }

    @Test
    void optionValuesArePercentDecodedAndAPlusStaysAPlus() {
        Destination d = Destination.parse(
                "tcp://h?appname=my%20app&sd.static=%5Bid%401%20a%3D%22b%22%5D&hostname=a+b&procid=%2B1&msgid=caf%C3%A9");

        assertThat(d.options()).containsExactly(
                Map.entry("appname", "my app"),
                Map.entry("sd.static", "[id@1 a=\"b\"]"),
                Map.entry("hostname", "a+b"),
                Map.entry("procid", "+1"),
                Map.entry("msgid", "café"));
    }

    @Test
    void rawCharactersThatUriRefusesAreAcceptedInTheQuery() {
        Destination d = Destination.parse("tcp://h:514?sd.static=[TOKEN@41058 tag=\"a b\"]&appname=café&x=100%");

        assertThat(d.option("sd.static")).contains("[TOKEN@41058 tag=\"a b\"]");
        assertThat(d.option("appname")).contains("café");
        assertThat(d.option("x")).contains("100%");
        assertThat(d.host()).isEqualTo("h");
        assertThat(d.userInfo()).isEmpty();
    }

    @Test
    void anOptionWithoutValueIsEmptyAndEmptyPairsAreSkipped() {
        Destination d = Destination.parse("tcp://h?flag&&format=x&");

        assertThat(d.options()).containsExactly(Map.entry("flag", ""), Map.entry("format", "x"));
    }

    @Test
    void userinfoIsPercentDecodedAndMayHoldAnAt() {
        assertThat(Destination.parse("tcp://user:p%40ss%2Fw@h").userInfo()).contains("user:p@ss/w");
        Destination twoAts = Destination.parse("tcp://user:p@ss@h:514");
        assertThat(twoAts.userInfo()).contains("user:p@ss");
        assertThat(twoAts.host()).isEqualTo("h");
        assertThat(twoAts.port()).isEqualTo(514);
    }

    @Test
    void anOptionGivenTwiceIsAnError() {
        assertThatThrownBy(() -> Destination.parse("tcp://h?format=a&format=b"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("option 'format' is given twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://h:0", "tcp://h:65536", "tcp://h:abc", "tcp://h:+514", "tcp://h:-1",
            "tcp://h:99999999999", "tcp://[::1]:x"})
    void aBadPortIsAnError(String url) {
        if (!url.contains("[")) {
            assertThatThrownBy(() -> Destination.parse(url)).hasMessageContaining("is not a number from 1 to 65535");
        }
        assertThatThrownBy(() -> Destination.parse(url))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("port");
    }

    @Test
    void theHighestPortIsAccepted() {
        assertThat(Destination.parse("tcp://h:65535").port()).isEqualTo(65535);
        assertThat(Destination.parse("tcp://h:1").port()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs.example.com:514", "://h", "tcp:/h", "tcp:h?x=1"})
    void aMissingSchemeIsAnErrorWithAnExample(String url) {
        assertThatThrownBy(() -> Destination.parse(url))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has no scheme")
                .hasMessageContaining("tcp+tls://");
    }

    @Test
    void anEmptyUrlIsAnError() {
        assertThatThrownBy(() -> Destination.parse("   "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("empty destination URL");
    }

    @Test
    void aPathIsRejectedButATrailingSlashIsNot() {
        assertThatThrownBy(() -> Destination.parse("tcp://h:514/logs"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has a path")
                .hasMessageContaining("?name=value");
        assertThat(Destination.parse("tcp://h:514/").port()).isEqualTo(514);
    }

    @Test
    void aFragmentIsRejected() {
        assertThatThrownBy(() -> Destination.parse("tcp://h:514#x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("#fragment");
        assertThatThrownBy(() -> Destination.parse("tcp://h:514?format=a#x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("#fragment");
    }

    @Test
    void anUnclosedIpv6LiteralIsAnError() {
        assertThatThrownBy(() -> Destination.parse("tcp://[::1:514"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void typedOptionsParseAndRejectBadValues() {
        Destination d = Destination.parse("tcp://h?maxsize=2048&tls=yes&framing=LF&bad=x");

        assertThat(d.intOption("maxsize", 1, 64, 65536)).isEqualTo(2048);
        assertThat(d.intOption("missing", 7, 0, 10)).isEqualTo(7);
        assertThat(d.booleanOption("tls", false)).isTrue();
        assertThat(d.booleanOption("missing", false)).isFalse();
        assertThat(d.choiceOption("framing", "octet-counting", Set.of("lf", "crlf", "octet-counting"))).isEqualTo("lf");
        assertThatThrownBy(() -> d.intOption("maxsize", 1, 64, 1024))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("option maxsize='2048' must be a whole number from 64 to 1024");
        assertThatThrownBy(() -> d.booleanOption("bad", false))
                .hasMessageContaining("option bad='***' must be true or false");
        assertThatThrownBy(() -> d.choiceOption("bad", "a", Set.of("b", "a")))
                .hasMessageContaining("option bad='***' must be one of a, b");
        assertThatThrownBy(() -> d.choiceOption("framing", "a", Set.of("b", "a")))
                .hasMessageContaining("option framing='LF' must be one of a, b");
    }

    @Test
    void toStringHidesUserinfoAndSecretLookingOptions() {
        Destination d = Destination.parse(
                "tcp+tls://user:hunter2@h:6514?token=T0KEN&format=rfc5424&X-Api-Key=K3Y&password=P4SS&ca=/etc/ca.pem");

        assertThat(d).hasToString(
                "tcp+tls://***@h:6514?token=***&format=rfc5424&X-Api-Key=***&password=***&ca=/etc/ca.pem");
        assertThat(d.userInfo()).contains("user:hunter2");
        assertThat(d.option("token")).contains("T0KEN");
    }

    @Test
    void optionsDeclaredSecretAreHiddenToo() {
        Destination d = Destination.parse("tcp://h?appname=[T0KEN@41058]&maxsize=x");
        assertThat(d.toString()).contains("T0KEN");

        Destination secret = d.withSecretOptions(Set.of("appname", "maxsize"));

        assertThat(secret).hasToString("tcp://h?appname=***&maxsize=***");
        assertThat(secret.isSecret("appname")).isTrue();
        assertThat(secret.withDefaultPort(514)).hasToString("tcp://h:514?appname=***&maxsize=***");
        assertThat(secret).isEqualTo(d);
        assertThat(secret.option("appname")).contains("[T0KEN@41058]");
        assertThatThrownBy(() -> secret.intOption("maxsize", 1, 0, 10)).hasMessageContaining("maxsize='***'");
    }

    @Test
    void secretLookingNames() {
        assertThat(Destination.isSecretOption("token")).isTrue();
        assertThat(Destination.isSecretOption("apiKey")).isTrue();
        assertThat(Destination.isSecretOption("key")).isTrue();
        assertThat(Destination.isSecretOption("PASSWORD")).isTrue();
        assertThat(Destination.isSecretOption("format")).isFalse();
        assertThat(Destination.isSecretOption("sd.static")).isTrue();
    }

    @Test
    void onlyAllowListedOptionsShowTheirValues() {
        // a mistyped or unknown option may well hold a password: pass=, pwd=, sig= as users write them
        Destination d = Destination.parse("tcp://h?pass=hunter1&pwd=hunter2&sig=hunter3&tag=hunter4&Format=hunter5"
                + "&format=rfc5424&facility=local0&severity=auto&appname=app&connecttimeout=5s&ca=/etc/ca.pem");

        assertThat(d).hasToString("tcp://h?pass=***&pwd=***&sig=***&tag=***&Format=***"
                + "&format=rfc5424&facility=local0&severity=auto&appname=app&connecttimeout=5s&ca=/etc/ca.pem");
        assertThat(d.shownOption("pwd")).isEqualTo("***");
        assertThat(d.shownOption("facility")).isEqualTo("local0");
        assertThat(d.shownOption("missing")).isEmpty();
        assertThat(Destination.redactRaw("tcp://h:99999?pass=hunter1&format=x")).isEqualTo("tcp://h:99999?pass=***&format=x");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "tcp://127.0.0.1:1:2", "tcp://h:1:2", "tcp://::1:514", "tcp://1.2.3:514", "tcp://1.2.3.256", "tcp://010.0.0.1",
            "tcp://1.2.3.4.5", "tcp://a1.2", "tcp://a..b", "tcp://.a", "tcp://-a.example", "tcp://a-.example", "tcp://caf%C3%A9.example",
            "tcp://a%20b", "tcp://a%00b", "tcp://[1::2::3]", "tcp://[12345::1]", "tcp://[::g]", "tcp://[1:2:3:4:5:6:7:8:9]",
            "tcp://[1:2:3:4:5:6:7]", "tcp://[1:]", "tcp://[:1]", "tcp://[]", "tcp://[example.com]", "tcp://[1.2.3.4]",
            "tcp://[fe80::1%lo]:1", "tcp://[fe80::1%25]:1", "tcp://[fe80::1%25a%2Fb]:1", "tcp://[fe80::1%25%20]:1",
            "tcp://h:+514", "tcp://h:0", "tcp://h:65536"})
    void malformedHostsAndPortsAreRefused(String url) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> Destination.parse(url));

        assertThat(e).as(url).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0000");
    }

    @Test
    void malformedHostErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> Destination.parse("tcp://127.0.0.1:1:2")).hasMessage(
                "destination tcp://127.0.0.1:1:2: '127.0.0.1:1:2' is not host:port; an IPv6 address goes in brackets,"
                        + " e.g. tcp://[2001:db8::1]:514");
        assertThatThrownBy(() -> Destination.parse("tcp://1.2.3.256:514"))
                .hasMessageContaining("host '1.2.3.256' is neither a host name nor an IPv4 address");
        assertThatThrownBy(() -> Destination.parse("tcp://[fe80::1%lo]:1"))
                .hasMessageContaining("the zone of an IPv6 address is written %25 then its name");
        assertThatThrownBy(() -> Destination.parse("tcp://[1::2::3]:1")).hasMessageContaining("tcp://[1::2::3]:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://a", "tcp://A-b.example.COM.", "tcp://my_host.internal", "tcp://0.0.0.0", "tcp://255.255.255.255",
            "tcp://1.2.3.4", "tcp://a1.b2", "tcp://xn--caf-dma.example", "tcp://[::]", "tcp://[::1]", "tcp://[1::]",
            "tcp://[1:2:3:4:5:6:7:8]", "tcp://[1:2:3:4:5:6::8]", "tcp://[::ffff:192.0.2.1]", "tcp://[64:ff9b::1.2.3.4]",
            "tcp://[2001:DB8::abcd]:514"})
    void wellFormedHostsAreTaken(String url) throws Exception {
        Destination d = Destination.parse(url);

        if (d.host().indexOf(':') >= 0) {
            // the JDK reads it as a literal too (brackets: never a DNS lookup)
            assertThat(java.net.InetAddress.getByName("[" + d.host() + "]")).isNotNull();
        }
    }

    @Test
    void anIpv6ZoneIsDecodedAndWrittenBackAsPercent25() {
        Destination d = Destination.parse("tcp://[fe80::1%25eth0]:514?format=rfc5424");

        assertThat(d.host()).isEqualTo("fe80::1%eth0");
        assertThat(d.zone()).contains("eth0");
        assertThat(d.hostAndPort()).isEqualTo("[fe80::1%eth0]:514");
        assertThat(d).hasToString("tcp://[fe80::1%25eth0]:514?format=rfc5424");
        assertThat(Destination.parse(d.toString())).isEqualTo(d);
        assertThat(Destination.parse("udp://[fe80::1%252]").host()).isEqualTo("fe80::1%2");
        assertThat(Destination.parse("udp://[::1]").zone()).isEmpty();
    }

    @Test
    void aCharacterOutsideTheBmpIsDecodedWhole() {
        assertThat(Destination.parse("stdout://?appname=a\uD83D\uDE00b").option("appname")).contains("a\uD83D\uDE00b");
        assertThat(Destination.parse("stdout://?appname=%F0%9F%98%80").option("appname")).contains("\uD83D\uDE00");
    }

    /** Each of these carries the secret "hunter2" + "S3CRET"; no message may show either part. */
    @ParameterizedTest
    @ValueSource(strings = {
            "tcp://user:hunter2S3CRET@h:99999",
            "tcp://user:hunter2S3CRET@h:abc",
            "tcp://user:hunter2S3CRET@h/path",
            "tcp://user:hunter2S3CRET@h#frag",
            "tcp://user:hunter2S3CRET@h?format=a&format=b",
            "tcp://h?token=hunter2S3CRET&token=again",
            "tcp://h?to%6Ben=hunter2S3CRET&to%6Ben=again",
            "tcp://h:abc?password=hunter2S3CRET",
            "tcp://h/hunter2S3CRET",
            "tcp://h:514/inputs/hunter2S3CRET/tag/x",
            "tcp://h#hunter2S3CRET",
            "user:hunter2S3CRET@h:514",
            "tcp:/user:hunter2S3CRET@h",
            "//user:hunter2S3CRET@h",
            "tcp://user:hunter2/S3CRET@h:514",
            "tcp://user:hunter2/S3CRET@h:514?format=x",
            "tcp://user:hunter2?S3CRET@h:514",
            "tcp://user:hunter2?S3CRET@h:514?format=x",
            "tcp://user:hunter2#S3CRET@h:514",
            "tcp://hunter2S3CRET@my host:514",
            "tcp://user:hunter2S3CRET@[::1:514",
            "tcp://user:hunter2S3CRET@[::1]x:514",
            "tcp://user:hunter2%zzS3CRET@h",
            "tcp://user:hunter2S3CRET@h:514?x=%zz&x=2",
            "t cp://user:hunter2S3CRET@h",
    })
    void noErrorMessageShowsASecret(String url) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> Destination.parse(url));

        assertThat(e).as("parsing %s should fail", url).isNotNull();
        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("S3CRET").doesNotContain("\n");
    }

    @Test
    void typedOptionErrorsShowNoSecret() {
        Destination d = Destination.parse("tcp://user:hunter2@h?token=S3CRET&n=x");

        assertThatThrownBy(() -> d.intOption("token", 1, 0, 10))
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("S3CRET").hasMessageContaining("***");
        assertThatThrownBy(() -> d.booleanOption("token", false)).hasMessageNotContaining("S3CRET");
        assertThatThrownBy(() -> d.choiceOption("token", "a", Set.of("a"))).hasMessageNotContaining("S3CRET");
        assertThatThrownBy(() -> d.intOption("n", 1, 0, 10)).hasMessageNotContaining("hunter2");
    }

    @Test
    void redactRawKeepsWhatIsNotSecret() {
        assertThat(Destination.redactRaw("tcp://h:514?appname=[id@1 a=\"b\"]&format=x"))
                .isEqualTo("tcp://h:514?appname=[id@1 a=\"b\"]&format=x");
        assertThat(Destination.redactRaw("tcp://h:514?sd.static=[T0KEN@41058]&format=x"))
                .isEqualTo("tcp://h:514?sd.static=***&format=x");
        assertThat(Destination.redactRaw("tcp://u:p@h:514/path?token=t&format=x#f"))
                .isEqualTo("tcp://***@h:514/***?token=***&format=x#***");
    }

    @Test
    void equalUrlsAreEqual() {
        assertThat(Destination.parse("TCP://h:1?a=b")).isEqualTo(Destination.parse("tcp://h:1?a=b"))
                .hasSameHashCodeAs(Destination.parse("tcp://h:1?a=b"));
        assertThat(Destination.parse("tcp://h:1?a=b")).isNotEqualTo(Destination.parse("tcp://h:1?a=c"));
    }
}
