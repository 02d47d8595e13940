package dev.logdrain.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A CA and a server certificate for {@code localhost} / {@code 127.0.0.1}, made with the {@code openssl} CLI
 * once and kept in a folder ({@code -Dbench.certs=DIR}, default {@code java.io.tmpdir/logdrain-bench-certs}) so
 * that every JMH fork and probe uses the same files. Also a PKCS#12 trust store of the CA for Log4j2.
 */
public final class Certs {

    public static final String TRUST_STORE_PASSWORD = "changeit";

    private static Certs instance;

    private final Path dir;

    private Certs(Path dir) {
        this.dir = dir;
    }

    public static synchronized Certs get() {
        if (instance == null) {
            Path dir = Paths.get(System.getProperty("bench.certs",
                    Paths.get(System.getProperty("java.io.tmpdir"), "logdrain-bench-certs").toString()));
            try {
                make(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make certificates in " + dir, e);
            }
            instance = new Certs(dir);
        }
        return instance;
    }

    public Path caCert() {
        return dir.resolve("ca.pem");
    }

    public Path serverCert() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** A client certificate signed by the CA (for servers that require one), and its key. */
    public Path clientCert() {
        return dir.resolve("client.pem");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    /** PKCS#12 trust store holding the CA, password {@link #TRUST_STORE_PASSWORD}. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** A server context presenting the server certificate. */
    public SSLContext serverContext() {
        return serverContext(false);
    }

    /** A server context presenting the server certificate and trusting the CA for client certificates. */
    public SSLContext mutualServerContext() {
        return serverContext(true);
    }

    private SSLContext serverContext(boolean trustClients) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", readKey(serverKey()), new char[0],
                    readCertificates(serverCert()).toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustClients ? clientContextTrust() : null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("server TLS context: " + e, e);
        }
    }

    private javax.net.ssl.TrustManager[] clientContextTrust() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", readCertificates(caCert()).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** A client context trusting only the CA. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", readCertificates(caCert()).get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("client TLS context: " + e, e);
        }
    }

    private static void make(Path dir) throws IOException {
        if (Files.exists(dir.resolve("truststore.p12")) && Files.exists(dir.resolve("client.pem"))) {
            return;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(dir, "make-");
        openssl(tmp, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "3650", "-subj", "/CN=logdrain bench CA");
        openssl(tmp, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost");
        Files.writeString(tmp.resolve("ext.cnf"),
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        openssl(tmp, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "3650", "-extfile", "ext.cnf");
        openssl(tmp, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr",
                "-subj", "/CN=logdrain bench client");
        Files.writeString(tmp.resolve("client.cnf"), "extendedKeyUsage=clientAuth\n");
        openssl(tmp, "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "3650", "-extfile", "client.cnf");
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", readCertificates(tmp.resolve("ca.pem")).get(0));
            try (OutputStream out = Files.newOutputStream(tmp.resolve("truststore.p12"))) {
                trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("trust store: " + e, e);
        }
        // publish the files; a concurrent maker wins or loses as a whole per file, and the store comes last
        for (String name : new String[] {"ca.pem", "server.pem", "server.key", "client.pem", "client.key",
            "truststore.p12"}) {
            Files.move(tmp.resolve(name), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static List<Certificate> readCertificates(Path pem) throws IOException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return new ArrayList<>(cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))));
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": " + e, e);
        }
    }

    private static PrivateKey readKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
