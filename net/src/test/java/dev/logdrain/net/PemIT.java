package dev.logdrain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.testing.RealServers;
import dev.logdrain.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM keys in every shape openssl writes, read with the JDK only. */
class PemIT {

    @TempDir
    static Path dir;

    @BeforeAll
    static void openssl() {
        RealServers.assumeOpenssl();
    }

    private static Path openssl(String name, String... args) throws Exception {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("openssl", args[0], "-out", out.toString()));
        command.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return out;
    }

    /** A self-signed certificate for the key. */
    private static Path certFor(Path key, String name) throws Exception {
        return openssl(name, "req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=" + name, "-days", "2");
    }

    private static void assertReadsAndMatches(Path key, String header, String algorithm) throws Exception {
        assertThat(Files.readString(key)).contains("-----BEGIN " + header + "-----");
        PrivateKey privateKey = Pem.privateKey(key, "key");
        assertThat(privateKey.getAlgorithm()).isEqualTo(algorithm);
        X509Certificate cert = Pem.certificates(certFor(key, key.getFileName() + ".crt"), "cert").get(0);
        assertThat(Pem.matches(privateKey, cert.getPublicKey())).isTrue();
    }

    @Test
    void pkcs8Rsa() throws Exception {
        assertReadsAndMatches(TestCertificates.clientKey(), "PRIVATE KEY", "RSA");
    }

    @Test
    void pkcs1Rsa() throws Exception {
        assertReadsAndMatches(openssl("rsa1.pem", "genrsa", "-traditional", "2048"), "RSA PRIVATE KEY", "RSA");
    }

    @Test
    void sec1Ec() throws Exception {
        assertReadsAndMatches(openssl("ec1.pem", "ecparam", "-name", "prime256v1", "-genkey"), "EC PRIVATE KEY", "EC");
    }

    @Test
    void pkcs8EcAndEd25519() throws Exception {
        assertReadsAndMatches(openssl("ec8.pem", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"),
                "PRIVATE KEY", "EC");
        assertReadsAndMatches(openssl("ed.pem", "genpkey", "-algorithm", "ed25519"), "PRIVATE KEY", "EdDSA");
    }

    @Test
    void encryptedKeysAreRefusedWithAHowTo() throws Exception {
        Path encrypted = openssl("enc.pem", "genpkey", "-algorithm", "RSA", "-aes256", "-pass", "pass:secret");
        assertThatThrownBy(() -> Pem.privateKey(encrypted, "key")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("encrypted").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        Path legacy = openssl("enc1.pem", "genrsa", "-traditional", "-aes128", "-passout", "pass:secret", "2048");
        assertThatThrownBy(() -> Pem.privateKey(legacy, "key")).hasMessageContaining("encrypted");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        Path other = openssl("other.pem", "genrsa", "2048");
        Destination destination = Destination.parse("tls://localhost?cert=" + TestCertificates.clientCert() + "&key=" + other);
        assertThatThrownBy(() -> TlsSettings.fromDestination(destination)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not belong to the certificate").hasMessageNotContaining("\n");
    }

    @Test
    void missingAndWrongFilesSayWhichOptionAndFile() throws IOException {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> TlsSettings.fromDestination(Destination.parse("tls://h?ca=" + missing)))
                .hasMessageContaining("option ca: cannot read " + missing);
        Path text = Files.writeString(dir.resolve("text.pem"), "hello\n");
        assertThatThrownBy(() -> TlsSettings.fromDestination(Destination.parse("tls://h?ca=" + text)))
                .hasMessageContaining("option ca: " + text + " contains no PEM certificate");
        assertThatThrownBy(() -> TlsSettings.fromDestination(Destination.parse("tls://h?cert=" + TestCertificates.clientCert())))
                .hasMessageContaining("cert and key go together");
        assertThatThrownBy(() -> TlsSettings.fromDestination(Destination.parse("tls://h?cert=" + TestCertificates.clientCert()
                + "&key=" + TestCertificates.clientCert())))
                .hasMessageContaining("option key: ").hasMessageContaining("contains no PEM private key");
        // the value of option key, like every secret-looking option, never appears in a message
        Path secretKeyPath = dir.resolve("s3cret-name.pem");
        assertThatThrownBy(() -> TlsSettings.fromDestination(Destination.parse("tls://h?cert=" + TestCertificates.clientCert()
                + "&key=" + secretKeyPath)))
                .hasMessageContaining("option key: cannot read the file given as key: no such file")
                .hasMessageNotContaining("s3cret");
    }
}
