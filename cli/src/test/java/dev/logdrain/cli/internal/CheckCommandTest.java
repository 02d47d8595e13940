package dev.logdrain.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.testing.MemorySinkProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckCommandTest {

    @BeforeEach
    void clear() {
        MemorySinkProvider.reset();
    }

    @Test
    void reachable_showsTheConnectionAndSendsOneTestMessage() {
        Cli.Result result = Cli.run("check", "--url", "memory://got");

        assertThat(result.status()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("checking memory://got").contains("  connect   ok (")
                .contains("    protocol  TLSv1.3\n").contains("    peer      CN=got\n").contains("  send      1 test message")
                .contains("ok: memory://got took a test message");
        assertThat(MemorySinkProvider.received("got")).singleElement().asString().contains("logdrain check: test message ");
    }

    @Test
    void refused_exits1_withOneLineDiagnosis() {
        Cli.Result result = Cli.run("check", "--url", "memory://refused");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).hasLineCount(1);
        assertThat(result.errLine()).startsWith("logdrain check: memory://refused: refused: nothing accepts connections");
        assertThat(result.out()).contains("connect   failed");
    }

    @Test
    void expiredCertificate_exits1_sayingSo() {
        Cli.Result result = Cli.run("check", "--url", "memory://expired");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.errLine()).contains("certificate").contains("expired");
    }

    @Test
    void testMessageNotDelivered_exits1() {
        Cli.Result result = Cli.run("check", "--url", "memory://fail?fail=true");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.errLine()).contains("the test message was not delivered: connection refused");
    }

    @Test
    void severalUrls_oneFailing_exits1_afterCheckingAll() {
        Cli.Result result = Cli.run("check", "--url", "memory://refused", "--url", "memory://got");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).contains("ok: memory://got took a test message");
    }

    @Test
    void certificateExpiry_isShownAsTimeLeft() {
        assertThat(CheckCommand.expiry("not_after", java.time.Instant.now().plus(java.time.Duration.ofDays(42).plusHours(1)).toString()))
                .isEqualTo(" (in 42 days)");
        assertThat(CheckCommand.expiry("not_after", "2021-01-01T00:00:00Z")).startsWith(" (EXPIRED ").endsWith(" days ago)");
        assertThat(CheckCommand.expiry("peer", "2021-01-01T00:00:00Z")).isEmpty();
        assertThat(CheckCommand.expiry("not_after", "soon")).isEmpty();
    }

    @Test
    void badUsage_exits2() {
        assertThat(Cli.run("check").status()).isEqualTo(2);
        assertThat(Cli.run("check").errLine()).contains("Missing required option: '--url=URL'");
        assertThat(Cli.run("check", "--url", "gopher://x").status()).isEqualTo(2);
        assertThat(Cli.run("check", "--url", "memory://x?nope=1").errLine()).contains("unknown option 'nope'");
    }

    @Test
    void aBadFormatOption_exits2_beforeConnecting_evenWithTheServerDown() {
        // port 1 on loopback: nothing listens, so a connect would say "refused"
        Cli.Result result = Cli.run("check", "--url", "tcp://127.0.0.1:1?facility=bad");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).hasLineCount(1);
        assertThat(result.errLine()).contains("facility").contains("bad").doesNotContain("refused");
        assertThat(result.out()).doesNotContain("connect");
    }

    @Test
    void aBadOptionOnALaterUrl_exits2_beforeTheFirstIsTried() {
        Cli.Result result = Cli.run("check", "--url", "memory://got", "--url", "memory://other?format=rfc5424&severity=loud");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains("severity");
        assertThat(MemorySinkProvider.received("got")).isEmpty();
    }

    @Test
    void aMalformedHostOrPort_exits2() {
        assertThat(Cli.run("check", "--url", "tcp://127.0.0.1:1:2").status()).isEqualTo(2);
        assertThat(Cli.run("check", "--url", "tcp://[fe80::1%25nosuchif0]:1").errLine())
                .contains("zone 'nosuchif0' is not a network interface");
    }

    @Test
    void anUnknownOption_doesNotEchoValuesThatMayBeSecrets() {
        Cli.Result result = Cli.run("check", "--url", "memory://x?pass=hunter2&pwd=hunter3&sig=hunter4&format=rfc5424");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains("unknown option").contains("format=rfc5424")
                .doesNotContain("hunter");
    }
}
