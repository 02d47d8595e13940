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
import java.util.concurrent.TimeUnit;
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
    private static final String LOCALHOST_SAN = "DNS:localhost,IP:127.0.0.1,IP:::1";

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

    /** Makes every certificate in {@code dir}. */
    private TestCertificates(Path dir) throws IOException {
        this.dir = dir;
        generateKeys(NAMES);
        ca = ca("ca", "logdrain test CA");
        otherCa = ca("other-ca", "logdrain unknown CA");
        server = signed("server", "localhost", LOCALHOST_SAN, "serverAuth", ca);
        wrongName = signed("wrong-name", "wrong.example", "DNS:wrong.example", "serverAuth", ca);
        unknownCa = signed("unknown-ca", "localhost", LOCALHOST_SAN, "serverAuth", otherCa);
        client = signed("client", "logdrain-client", null, "clientAuth", ca);
        selfSigned = selfSigned("self-signed", "localhost");
        expired = expired("expired", "localhost");
        Files.writeString(dir.resolve(COMPLETE), "made by dev.logdrain.testing.TestCertificates\n");
    }

    /** Uses the certificates already in {@code dir}. */
    private TestCertificates(Path dir, boolean existing) {
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
            return new TestCertificates(cache, true);
        }
        Path fresh = Files.createTempDirectory(tmp, "logdrain-certs-");
        Processes.deleteOnExit(fresh);
        new TestCertificates(fresh);
        if (!useCache) {
            return new TestCertificates(fresh, true);
        }
        if (Files.exists(cache) && !usable(cache)) {
            Processes.deleteTree(cache);
        }
        try {
            Files.move(fresh, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException lostRaceOrCannotMove) {
            if (!usable(cache)) {
                return new TestCertificates(fresh, true); // keep our private set
            }
        }
        return new TestCertificates(cache, true);
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

    public static Path wrongNameCert() {
        return wrongName().cert();
    }

    public static Path wrongNameKey() {
        return wrongName().key();
    }

    /** Server certificate for localhost signed by an unknown CA (chain verification must fail). */
    public static CertPair unknownCa() {
        return get().unknownCa;
    }

    public static Path unknownCaCert() {
        return unknownCa().cert();
    }

    public static Path unknownCaKey() {
        return unknownCa().key();
    }

    /** Server certificate for localhost signed by the CA, expired on 2021-01-01. */
    public static CertPair expired() {
        return get().expired;
    }

    public static Path expiredCert() {
        return expired().cert();
    }

    public static Path expiredKey() {
        return expired().key();
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

    // ---- generation --------------------------------------------------------------------------------------

    private CertPair ca(String name, String cn) throws IOException {
        Path key = genKey(name);
        Path cert = dir.resolve(name + ".pem");
        openssl("req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=" + cn, "-days", "3650",
                "-sha256", "-addext", "basicConstraints=critical,CA:true",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", cert.toString());
        return new CertPair(cert, key);
    }

    private CertPair signed(String name, String cn, String san, String eku, CertPair issuer) throws IOException {
        Path key = genKey(name);
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        Path cert = dir.resolve(name + ".pem");
        openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + cn, "-out", csr.toString());
        StringBuilder e = new StringBuilder("basicConstraints=critical,CA:false\n")
                .append("keyUsage=critical,digitalSignature,keyEncipherment\n")
                .append("extendedKeyUsage=").append(eku).append('\n');
        if (san != null) {
            e.append("subjectAltName=").append(san).append('\n');
        }
        Files.writeString(ext, e.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", issuer.cert().toString(),
                "-CAkey", issuer.key().toString(), "-set_serial", serial(), "-days", "3650", "-sha256",
                "-extfile", ext.toString(), "-out", cert.toString());
        return new CertPair(cert, key);
    }

    private CertPair selfSigned(String name, String cn) throws IOException {
        Path key = genKey(name);
        Path cert = dir.resolve(name + ".pem");
        openssl("req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=" + cn, "-days", "3650",
                "-sha256", "-addext", "subjectAltName=" + LOCALHOST_SAN,
                "-addext", "basicConstraints=critical,CA:false", "-out", cert.toString());
        return new CertPair(cert, key);
    }

    /** OpenSSL 3's x509 cannot back-date; {@code openssl ca} with explicit dates can. */
    private CertPair expired(String name, String cn) throws IOException {
        Path key = genKey(name);
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        Path db = Files.createDirectories(dir.resolve(name + "-ca-db"));
        Files.writeString(db.resolve("index.txt"), "");
        Files.writeString(db.resolve("serial"), "1000\n");
        Path cnf = dir.resolve(name + "-ca.cnf");
        Files.writeString(cnf, String.join("\n",
                "[ ca ]",
                "default_ca = testca",
                "[ testca ]",
                "database = " + db.resolve("index.txt"),
                "serial = " + db.resolve("serial"),
                "new_certs_dir = " + db,
                "default_md = sha256",
                "policy = anything",
                "copy_extensions = copy",
                "unique_subject = no",
                "[ anything ]",
                "commonName = supplied",
                ""));
        openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + cn,
                "-addext", "subjectAltName=" + LOCALHOST_SAN, "-addext", "extendedKeyUsage=serverAuth",
                "-out", csr.toString());
        openssl("ca", "-batch", "-config", cnf.toString(), "-cert", ca.cert().toString(),
                "-keyfile", ca.key().toString(), "-in", csr.toString(), "-out", cert.toString(),
                "-startdate", "20200101000000Z", "-enddate", "20210101000000Z", "-notext");
        return new CertPair(cert, key);
    }

    /** RSA key generation is the slow part (about half a second each): do it on every core at once. */
    private void generateKeys(String... names) throws IOException {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
            for (String name : names) {
                jobs.add(pool.submit(() -> {
                    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                            "-out", dir.resolve(name + ".key").toString());
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making keys", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Path genKey(String name) throws IOException {
        Path key = dir.resolve(name + ".key");
        if (!Files.exists(key)) {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
        }
        return key;
    }

    private static final java.util.concurrent.atomic.AtomicLong SERIAL =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());

    private static String serial() {
        return Long.toString(SERIAL.incrementAndGet());
    }

    private static final java.util.concurrent.atomic.AtomicInteger CALLS =
            new java.util.concurrent.atomic.AtomicInteger();

    private void openssl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Path out = dir.resolve("openssl-" + CALLS.incrementAndGet() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        pb.environment().remove("OPENSSL_CONF");
        Process p = pb.start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("openssl failed (exit " + p.exitValue() + "): " + cmd + "\n"
                    + Processes.tail(out, 4000));
        }
        Files.deleteIfExists(out);
    }
}
