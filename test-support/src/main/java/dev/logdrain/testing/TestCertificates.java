package dev.logdrain.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS certificates for tests, made with the {@code openssl} CLI once and cached in
 * {@code java.io.tmpdir/logdrain-test-certs-v1} for every later JVM (see {@link #directory()}). All keys are
 * RSA 2048, unencrypted PKCS#8 PEM; all certificates PEM. Treat the files as read-only.
 *
 * <ul>
 *   <li>{@link #caCert()}: the test CA ("logdrain test CA") that signs the others.</li>
 *   <li>{@link #server()}: CN=localhost, SAN {@code DNS:localhost, IP:127.0.0.1, IP:::1}, signed by the CA,
 *       valid for ten years.</li>
 *   <li>{@link #wrongName()}: signed by the CA but only for {@code DNS:wrong.example}.</li>
 *   <li>{@link #unknownCa()}: localhost SANs, signed by a second CA that nobody trusts
 *       ({@link #otherCaCert()}).</li>
 *   <li>{@link #expired()}: localhost SANs, signed by the CA, valid 2020-01-01 to 2021-01-01 only.</li>
 *   <li>{@link #selfSigned()}: localhost SANs, self-signed.</li>
 *   <li>{@link #client()}: CN=logdrain-client, extendedKeyUsage clientAuth, signed by the CA (mutual TLS).</li>
 * </ul>
 * If {@code openssl} is missing, the calling test is skipped (or fails on CI): see {@link RealServers}.
 */
public final class TestCertificates {
    private static final Base64.Decoder MIME = Base64.getMimeDecoder();

    private static TestCertificates instance;

    private final Path dir;
    private final CertPair ca;
    private final CertPair otherCa;
    private final CertPair server;
    private final CertPair wrongName;
    private final CertPair unknownCa;
    private final CertPair expired;
    private final CertPair selfSigned;
    private final CertPair client;

    private static final String[] NAMES = {
        "ca", "other-ca", "server", "wrong-name", "unknown-ca", "client", "self-signed", "expired"
    };
    /** Bump when what is generated changes, so old caches are not used. */
    private static final String CACHE_NAME = "logdrain-test-certs-v1";
    private static final String COMPLETE = "complete";

    /** Uses the certificates already in {@code dir}. */
    private TestCertificates(Path dir) {
        this.dir = dir;
        ca = pair(dir, "ca");
        otherCa = pair(dir, "other-ca");
        server = pair(dir, "server");
        wrongName = pair(dir, "wrong-name");
        unknownCa = pair(dir, "unknown-ca");
        client = pair(dir, "client");
        selfSigned = pair(dir, "self-signed");
        expired = pair(dir, "expired");
    }

    private static CertPair pair(Path dir, String name) {
        return new CertPair(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
    }

    /**
     * Certificates are made once and kept in {@code java.io.tmpdir/logdrain-test-certs-v1} for the next JVMs
     * (RSA key generation takes seconds on a busy machine); {@code -Dlogdrain.test.certsCache=false} makes a
     * private set per JVM instead. A new set is built in a temporary folder and renamed into place, so
     * parallel JVMs never see a half-made cache.
     */
    private static synchronized TestCertificates get() {
        if (instance == null) {
            RealServers.assumeOpenssl();
            try {
                instance = load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make test certificates", e);
            }
        }
        return instance;
    }

    private static TestCertificates load() throws IOException {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        boolean useCache = !"false".equals(System.getProperty("logdrain.test.certsCache"));
        Path cache = tmp.resolve(CACHE_NAME);
        if (useCache && usable(cache)) {
            return new TestCertificates(cache);
        }
        Path fresh = Files.createTempDirectory(tmp, "logdrain-certs-");
        Processes.deleteOnExit(fresh);
        CertificateMaker.makeAll(fresh, NAMES);
        Files.writeString(fresh.resolve(COMPLETE), "made by dev.logdrain.testing.TestCertificates\n");
        if (!useCache) {
            return new TestCertificates(fresh);
        }
        if (Files.exists(cache) && !usable(cache)) {
            Processes.deleteTree(cache);
        }
        try {
            Files.move(fresh, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException lostRaceOrCannotMove) {
            if (!usable(cache)) {
                return new TestCertificates(fresh); // keep our private set
            }
        }
        return new TestCertificates(cache);
    }

    /** Whether a cached set is complete and its good certificates stay valid for another 30 days. */
    private static boolean usable(Path dir) {
        if (!Files.isRegularFile(dir.resolve(COMPLETE))) {
            return false;
        }
        try {
            for (String name : NAMES) {
                for (String ext : new String[] {".pem", ".key"}) {
                    Path f = dir.resolve(name + ext);
                    if (!Files.isRegularFile(f) || Files.size(f) == 0) {
                        return false;
                    }
                }
            }
            java.util.Date soon = new java.util.Date(System.currentTimeMillis() + 30L * 24 * 3600 * 1000);
            for (String name : new String[] {"ca", "other-ca", "server", "wrong-name", "unknown-ca", "client",
                "self-signed"}) {
                readCertificates(dir.resolve(name + ".pem")).get(0).checkValidity(soon);
            }
            readPrivateKey(dir.resolve("server.key"));
            return true;
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            return false;
        }
    }

    /** The folder holding every file. */
    public static Path directory() {
        return get().dir;
    }

    /** The test CA's certificate (trust this one). */
    public static Path caCert() {
        return get().ca.cert();
    }

    /** The test CA's certificate and key (to sign more certificates yourself). */
    public static CertPair ca() {
        return get().ca;
    }

    /** The certificate of the second CA that signed {@link #unknownCa()}; nothing trusts it by default. */
    public static Path otherCaCert() {
        return get().otherCa.cert();
    }

    /** Good server certificate for localhost, 127.0.0.1 and ::1. */
    public static CertPair server() {
        return get().server;
    }

    public static Path serverCert() {
        return server().cert();
    }

    public static Path serverKey() {
        return server().key();
    }

    /** Server certificate signed by the CA for {@code wrong.example} only (hostname verification must fail). */
    public static CertPair wrongName() {
        return get().wrongName;
    }

    /** Server certificate for localhost signed by an unknown CA (chain verification must fail). */
    public static CertPair unknownCa() {
        return get().unknownCa;
    }

    /** Server certificate for localhost signed by the CA, expired on 2021-01-01. */
    public static CertPair expired() {
        return get().expired;
    }

    /** Self-signed server certificate for localhost. */
    public static CertPair selfSigned() {
        return get().selfSigned;
    }

    /** Client certificate (CN=logdrain-client) signed by the CA, for mutual TLS. */
    public static CertPair client() {
        return get().client;
    }

    public static Path clientCert() {
        return client().cert();
    }

    public static Path clientKey() {
        return client().key();
    }

    // ---- Java-side helpers -------------------------------------------------------------------------------

    /** Reads every certificate of a PEM file. */
    public static List<X509Certificate> readCertificates(Path pem) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read certificates from " + pem, e);
        }
    }

    /** Reads a PKCS#8 PEM private key (RSA or EC). */
    public static PrivateKey readPrivateKey(Path pem) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
            int end = text.indexOf("-----END PRIVATE KEY-----");
            if (begin < 0 || end < 0) {
                throw new IllegalArgumentException("no PKCS#8 PRIVATE KEY in " + pem);
            }
            byte[] der = MIME.decode(text.substring(begin + 27, end));
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
            GeneralSecurityException last = null;
            for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
                try {
                    return KeyFactory.getInstance(alg).generatePrivate(spec);
                } catch (GeneralSecurityException e) {
                    last = e;
                }
            }
            throw new IllegalStateException("unsupported key in " + pem, last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A trust store (in memory) holding the certificates of the given PEM files. */
    public static KeyStore trustStore(Path... caPems) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int n = 0;
            for (Path p : caPems) {
                for (X509Certificate c : readCertificates(p)) {
                    ks.setCertificateEntry("ca" + n++, c);
                }
            }
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSLContext (TLS) that trusts only the test CA and presents no client certificate. */
    public static SSLContext clientSslContext() {
        return sslContext(null, caCert());
    }

    /** An SSLContext (TLS) that trusts only the test CA and presents {@link #client()} (mutual TLS). */
    public static SSLContext mutualTlsSslContext() {
        return sslContext(client(), caCert());
    }

    /**
     * An SSLContext (TLS) that presents {@code keyPair} (may be null) and trusts the certificates in
     * {@code trusted}. Note: it does not verify hostnames by itself; set
     * {@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")} on the socket for that.
     */
    public static SSLContext sslContext(CertPair keyPair, Path... trusted) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(trusted));
            KeyManagerFactory kmf = null;
            if (keyPair != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                char[] pw = "changeit".toCharArray();
                ks.setKeyEntry("key", readPrivateKey(keyPair.key()), pw,
                        readCertificates(keyPair.cert()).toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
