package dev.logdrain.relp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Sink;
import dev.logdrain.testing.FreePorts;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.ReceivedMessage;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.TestCertificates;
import dev.logdrain.testing.TlsAuth;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against rsyslog's imrelp, plain and TLS: batches arrive complete and in order. */
class RelpIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int[] BATCH_SIZES = {1, 1_000, 10_000};

    private static Sink sink(String url) {
        RelpSinkProvider provider = new RelpSinkProvider();
        return provider.create(Destination.parse(url).withDefaultPort(RelpSinkProvider.DEFAULT_PORT));
    }

    /** Sends batches of 1, 1,000 and 10,000 events and checks that rsyslog parsed every one, in order. */
    private static void deliversBatchesCompleteAndInOrder(Rsyslog rsyslog, Sink sink, String prefix) {
        List<String> expected = new ArrayList<>();
        for (int size : BATCH_SIZES) {
            List<String> ids = Rfc5424Batches.ids(prefix + size, size);
            DeliveryResult result = sink.send(Rfc5424Batches.of(ids), Deadline.after(PATIENCE));
            assertThat(result.isSuccess()).as("%s", result).isTrue();
            assertThat(result.delivered()).isEqualTo(size);
            assertThat(result.possibleDuplicates()).isZero();
            expected.addAll(ids);
        }
        // rsyslog acknowledges when it has queued a message, so wait until its output has them all
        List<ReceivedMessage> received = rsyslog.awaitMessages(expected.size(), PATIENCE);
        assertThat(received).extracting(ReceivedMessage::msg).containsExactlyElementsOf(expected);
        assertThat(received.get(0).appName()).isEqualTo("relp-it");
        assertThat(received.get(0).hostname()).isEqualTo("logdrain-it");
    }

    @Test
    void plainRelp() {
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start();
             Sink sink = sink(rsyslog.url(Input.RELP))) {
            deliversBatchesCompleteAndInOrder(rsyslog, sink, "plain");
        }
    }

    @Test
    void plainRelpWithAWindowOfOne() {
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start();
             Sink sink = sink(rsyslog.url(Input.RELP) + "?window=1")) {
            List<String> ids = Rfc5424Batches.ids("w1", 500);
            DeliveryResult result = sink.send(Rfc5424Batches.of(ids), Deadline.after(PATIENCE));
            assertThat(result.isSuccess()).as("%s", result).isTrue();
            assertThat(rsyslog.awaitMessages(500, PATIENCE)).extracting(ReceivedMessage::msg)
                    .containsExactlyElementsOf(ids);
        }
    }

    @Test
    void aLineBreakInsideAMessageStaysInsideIt() {
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start();
             Sink sink = sink(rsyslog.url(Input.RELP))) {
            DeliveryResult result = sink.send(Rfc5424Batches.of(List.of("first\nsecond", "third")),
                    Deadline.after(PATIENCE));
            assertThat(result.isSuccess()).as("%s", result).isTrue();
            assertThat(rsyslog.awaitMessages(2, PATIENCE)).extracting(ReceivedMessage::msg)
                    .containsExactly("first\nsecond", "third");
        }
    }

    @Test
    void checkReportsTheSession() throws IOException {
        try (Rsyslog rsyslog = Rsyslog.builder().relp().start();
             Sink sink = sink(rsyslog.url(Input.RELP))) {
            Map<String, String> facts = sink.connect(Deadline.after(PATIENCE));
            assertThat(facts.get("relp_software")).startsWith("librelp");
            assertThat(facts).containsEntry("commands", "syslog").containsEntry("relp_version", "0");
        }
    }

    /** imrelp with {@code tls.authMode="certvalid"}: the client shows a certificate signed by the CA. */
    @Test
    void relpOverMutualTls() throws IOException {
        try (Rsyslog rsyslog = Rsyslog.builder().relpTls(TestCertificates.server(), TlsAuth.CERT_VALID).start();
             Sink sink = sink("relp+tls://localhost:" + rsyslog.relpTlsPort() + "?ca=" + TestCertificates.caCert()
                     + "&cert=" + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey())) {
            Map<String, String> facts = sink.connect(Deadline.after(PATIENCE));
            System.err.println("relp+tls check: " + facts);
            assertThat(facts.get("protocol")).startsWith("TLSv1.");
            assertThat(facts.get("client_certificate")).contains("logdrain-client");
            // the answer to open is the verdict on the certificate: no separate wait (GnuTLS sends nothing before it)
            assertThat(facts.get("client_certificate_verdict")).startsWith("not awaited");
            deliversBatchesCompleteAndInOrder(rsyslog, sink, "tls");
        }
    }

    /**
     * Server-authenticated TLS, as with tcp+tls: imrelp needs its OpenSSL library for that (with GnuTLS every
     * auth mode asks for a client certificate). The builder loads imrelp without it, so this input is
     * configured by hand and the builder's own input is plain TCP.
     */
    @Test
    void relpOverTlsWithoutAClientCertificate() {
        int port = FreePorts.find();
        String imrelpWithOpenssl = "module(load=\"imrelp\" tls.tlslib=\"openssl\")\n"
                + "ruleset(name=\"relp_ossl\") {\n  set $.input = \"RELP_TLS\";\n  call logdrain_out\n}\n"
                + "input(type=\"imrelp\" port=\"" + port + "\" address=\"127.0.0.1\" ruleset=\"relp_ossl\""
                + " maxDataSize=\"600000\" tls=\"on\" tls.caCert=\"" + TestCertificates.caCert() + "\""
                + " tls.myCert=\"" + TestCertificates.serverCert() + "\" tls.myPrivKey=\""
                + TestCertificates.serverKey() + "\")\n";
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().extraConfig(imrelpWithOpenssl).start();
             Sink sink = sink("relp+tls://localhost:" + port + "?ca=" + TestCertificates.caCert())) {
            // the hand-made input is not among the ports the builder waits for: the sink retries until it listens
            List<String> ids = Rfc5424Batches.ids("ossl", 1_000);
            DeliveryResult result = sink.send(Rfc5424Batches.of(ids), Deadline.after(PATIENCE));
            assertThat(result.isSuccess()).as("%s", result).isTrue();
            assertThat(rsyslog.awaitMessages(ids.size(), PATIENCE)).extracting(ReceivedMessage::msg)
                    .containsExactlyElementsOf(ids);
        }
    }

    @Test
    void tlsServerThatWantsAClientCertificateSaysSo() {
        try (Rsyslog rsyslog = Rsyslog.builder().relpTls(TestCertificates.server(), TlsAuth.CERT_VALID).start();
             Sink sink = sink("relp+tls://localhost:" + rsyslog.relpTlsPort() + "?ca=" + TestCertificates.caCert())) {
            DeliveryResult result = sink.send(Rfc5424Batches.of(List.of("x")), Deadline.afterMillis(5_000));
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.error()).contains("relp+tls://localhost:" + rsyslog.relpTlsPort())
                    .contains("client certificate required").doesNotContain("\n");
        }
    }

    /**
     * imrelp (its OpenSSL library) that trusts another CA for client certificates. RELP waits for the answer
     * to its open anyway, so it never had the TLS 1.3 hole of syslog over TLS; the sink says why it failed.
     * (imrelp with GnuTLS, the builder's, took this certificate in certvalid mode when tried: not a test.)
     */
    @Test
    void aClientCertificateTheServerRefusesFailsTheBatch() throws InterruptedException {
        int port = FreePorts.find();
        String imrelpWithOpenssl = "module(load=\"imrelp\" tls.tlslib=\"openssl\")\n"
                + "input(type=\"imrelp\" port=\"" + port + "\" address=\"127.0.0.1\""
                + " tls=\"on\" tls.authMode=\"certvalid\" tls.caCert=\"" + TestCertificates.otherCaCert() + "\""
                + " tls.myCert=\"" + TestCertificates.serverCert() + "\" tls.myPrivKey=\""
                + TestCertificates.serverKey() + "\")\n";
        try (Rsyslog rsyslog = Rsyslog.builder().tcp().extraConfig(imrelpWithOpenssl).start();
             Sink sink = sink("relp+tls://localhost:" + port + "?ca=" + TestCertificates.caCert()
                     + "&cert=" + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey())) {
            FreePorts.awaitListening(port, PATIENCE, "imrelp");
            DeliveryResult result = sink.send(Rfc5424Batches.of(List.of("x", "y")), Deadline.after(PATIENCE));
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.failed()).isEqualTo(2);
            assertThat(result.error()).contains("client certificate refused").doesNotContain("\n");
            assertThat(result.retries()).as("a refused certificate is not retried").isZero();
        }
    }

    @Test
    void tlsRefusesAServerSignedByAnUnknownCaAtOnce() {
        try (Rsyslog rsyslog = Rsyslog.builder().relpTls(TestCertificates.unknownCa(), TlsAuth.CERT_VALID).start();
             Sink sink = sink("relp+tls://localhost:" + rsyslog.relpTlsPort() + "?ca=" + TestCertificates.caCert()
                     + "&cert=" + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey())) {
            long start = System.nanoTime();
            DeliveryResult result = sink.send(Rfc5424Batches.of(List.of("x")), Deadline.after(PATIENCE));
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.error()).contains("untrusted issuer").doesNotContain("\n");
            // a certificate problem does not heal: no retrying until the deadline
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PATIENCE.dividedBy(2));
            assertThat(rsyslog.messages()).isEmpty();
        }
    }

    @Test
    void tlsRefusesAServerCertificateForAnotherName() {
        try (Rsyslog rsyslog = Rsyslog.builder().relpTls(TestCertificates.wrongName(), TlsAuth.CERT_VALID).start();
             Sink sink = sink("relp+tls://localhost:" + rsyslog.relpTlsPort() + "?ca=" + TestCertificates.caCert()
                     + "&cert=" + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey())) {
            DeliveryResult result = sink.send(Rfc5424Batches.of(List.of("x")), Deadline.after(PATIENCE));
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.error()).contains("name mismatch").contains("wrong.example").doesNotContain("\n");
        }
    }
}
