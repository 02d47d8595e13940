package dev.logdrain.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Destination;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class DiagnosisTest {

    private final Destination destination = Destination.parse("tcp+tls://logs.example.com:6514");

    @Test
    void byExceptionType() {
        assertThat(Diagnosis.of(new UnknownHostException("logs.example.com"), destination))
                .startsWith("DNS: cannot resolve logs.example.com");
        assertThat(Diagnosis.of(new IOException("connect failed", new ConnectException("Connection refused")), destination))
                .startsWith("refused: nothing accepts connections on logs.example.com:6514");
        assertThat(Diagnosis.of(new SocketTimeoutException("connect timed out"), destination))
                .startsWith("timeout: logs.example.com:6514 did not answer in time");
        SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
        expired.initCause(new CertificateExpiredException("NotAfter: Fri Jan 01 00:00:00 UTC 2021"));
        assertThat(Diagnosis.of(expired, destination))
                .startsWith("certificate: the server's certificate (or one in its chain) has expired")
                .contains("NotAfter: Fri Jan 01 00:00:00 UTC 2021");
    }

    @Test
    void byMessage_whenASinkReportsTheCauseAsText() {
        assertThat(Diagnosis.of(new IOException("logs.example.com:6514: Connection refused"), destination))
                .startsWith("refused: ");
        assertThat(Diagnosis.of(new SSLHandshakeException("No subject alternative DNS name matching logs.example.com found."),
                destination)).startsWith("certificate: the server's certificate is not issued for logs.example.com");
        assertThat(Diagnosis.of(new SSLHandshakeException("PKIX path building failed: unable to find valid certification "
                + "path to requested target"), destination)).startsWith("certificate: the server's certificate is not signed by a trusted CA");
        assertThat(Diagnosis.of(new IOException("TLS handshake with logs.example.com:6514 timed out after 10000 ms"), destination))
                .startsWith("timeout: ");
        assertThat(Diagnosis.of(new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message"), destination))
                .startsWith("TLS: the handshake with logs.example.com:6514 failed; is it a TLS port?");
    }

    @Test
    void otherwise_theFirstLineOfTheMessage() {
        assertThat(Diagnosis.of(new IOException("something odd\nsecond line"), destination)).isEqualTo("something odd");
        assertThat(Diagnosis.of(new IOException(), destination)).isEqualTo("IOException");
    }
}
