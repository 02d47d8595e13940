package dev.logdrain.syslog.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Sink;
import dev.logdrain.testing.Input;
import dev.logdrain.testing.Rsyslog;
import dev.logdrain.testing.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch counts as delivered only on evidence, against rsyslog as users run it: a client certificate
 * rsyslog refuses (x509/certvalid with another CA): gtls checks it after the TLS handshake and closes the
 * connection without an alert, under TLS 1.3 and 1.2 alike.
 */
@Timeout(300)
class DeliveryEvidenceIT {

    private static String clientCertificate() {
        return "ca=" + TestCertificates.caCert() + "&cert=" + TestCertificates.clientCert()
                + "&key=" + TestCertificates.clientKey();
    }

    /** gtls refuses with a bare close after the handshake, ossl with the alert unknown_ca. */
    @ParameterizedTest
    @ValueSource(strings = {"gtls", "ossl"})
    void aClientCertificateRsyslogRefusesFailsTheBatch(String driver) {
        try (Rsyslog rsyslog = Rsyslog.builder().mutualTls().tlsDriver(driver).caCertificate(TestCertificates.otherCaCert())
                .start()) {
            for (String confirm : new String[] {"none", "close"}) {
                try (Sink sink = Sinks.create(rsyslog.url(Input.TLS_MUTUAL) + "?" + clientCertificate()
                        + "&confirm=" + confirm)) {
                    DeliveryResult result = sink.send(Batches.rfc5424(1, 6, 0), Interop.deadline());
                    assertThat(result.isSuccess()).as(driver + " confirm=" + confirm).isFalse();
                    assertThat(result.failed()).isEqualTo(6);
                    assertThat(result.error()).contains("client certificate refused").doesNotContain("\n");
                    if (driver.equals("ossl")) {
                        assertThat(result.error()).contains("TLS alert unknown_ca");
                    }
                }
            }
            rsyslog.assertNoMoreThan(0, Duration.ofSeconds(2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gtls", "ossl"})
    void aClientCertificateRsyslogAcceptsDelivers(String driver) {
        try (Rsyslog rsyslog = Rsyslog.builder().mutualTls().tlsDriver(driver).start()) {
            Interop.sendAndVerify(rsyslog, rsyslog.url(Input.TLS_MUTUAL) + "?" + clientCertificate() + "&confirm=close", 6);
        }
    }
}
