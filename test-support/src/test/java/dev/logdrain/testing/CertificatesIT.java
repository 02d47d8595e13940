package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CertificatesIT {

    private static X509Certificate cert(CertPair p) {
        return TestCertificates.readCertificates(p.cert()).get(0);
    }

    private static List<String> sans(X509Certificate c) throws Exception {
        Collection<List<?>> names = c.getSubjectAlternativeNames();
        return names == null ? List.of()
                : names.stream().map(n -> n.get(1).toString()).collect(Collectors.toList());
    }

    @Test
    void serverCertificateIsSignedByTheCaForLocalhost() throws Exception {
        X509Certificate ca = TestCertificates.readCertificates(TestCertificates.caCert()).get(0);
        X509Certificate server = cert(TestCertificates.server());
        server.checkValidity();
        server.verify(ca.getPublicKey());
        assertThat(sans(server)).contains("localhost", "127.0.0.1").anyMatch(s -> s.startsWith("0:0:0:0:0:0:0:1"));
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(TestCertificates.serverKey()).isEqualTo(TestCertificates.server().key());
        assertThat(Files.readString(TestCertificates.serverKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(TestCertificates.readPrivateKey(TestCertificates.serverKey()).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void expiredCertificateIsExpiredButOtherwiseGood() throws Exception {
        X509Certificate ca = TestCertificates.readCertificates(TestCertificates.caCert()).get(0);
        X509Certificate expired = cert(TestCertificates.expired());
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThat(expired.getNotAfter().toInstant()).isEqualTo(java.time.Instant.parse("2021-01-01T00:00:00Z"));
        expired.verify(ca.getPublicKey());
        assertThat(sans(expired)).contains("localhost", "127.0.0.1");
    }

    @Test
    void wrongNameAndUnknownCa() throws Exception {
        X509Certificate ca = TestCertificates.readCertificates(TestCertificates.caCert()).get(0);
        X509Certificate other = TestCertificates.readCertificates(TestCertificates.otherCaCert()).get(0);
        X509Certificate wrong = cert(TestCertificates.wrongName());
        wrong.verify(ca.getPublicKey());
        assertThat(sans(wrong)).containsExactly("wrong.example");

        X509Certificate unknown = cert(TestCertificates.unknownCa());
        unknown.verify(other.getPublicKey());
        assertThatThrownBy(() -> unknown.verify(ca.getPublicKey())).isInstanceOf(java.security.SignatureException.class);
        assertThat(sans(unknown)).contains("localhost");
    }

    @Test
    void clientCertificateIsForClientAuth() throws Exception {
        X509Certificate client = cert(TestCertificates.client());
        client.checkValidity();
        assertThat(client.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(client.getSubjectX500Principal().getName()).contains("logdrain-client");
        assertThat(TestCertificates.mutualTlsSslContext()).isNotNull();
    }

    @Test
    void selfSignedIsItsOwnIssuer() throws Exception {
        X509Certificate self = cert(TestCertificates.selfSigned());
        self.verify(self.getPublicKey());
    }

    @Test
    void madeOncePerJvm() {
        assertThat(TestCertificates.server()).isSameAs(TestCertificates.server());
        assertThat(TestCertificates.directory()).isDirectory();
    }
}
