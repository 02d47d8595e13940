package dev.logdrain.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Makes the set of {@link TestCertificates} in a folder with the {@code openssl} CLI. */
final class CertificateMaker {
    static final String LOCALHOST_SAN = "DNS:localhost,IP:127.0.0.1,IP:::1";

    private final Path dir;

    private CertificateMaker(Path dir) {
        this.dir = dir;
    }

    /** Makes every certificate {@link TestCertificates} describes in {@code dir}, each one NAME.pem and NAME.key. */
    static void makeAll(Path dir, String... names) throws IOException {
        CertificateMaker maker = new CertificateMaker(dir);
        maker.generateKeys(names);
        CertPair ca = maker.ca("ca", "logdrain test CA");
        CertPair otherCa = maker.ca("other-ca", "logdrain unknown CA");
        maker.signed("server", "localhost", LOCALHOST_SAN, "serverAuth", ca);
        maker.signed("wrong-name", "wrong.example", "DNS:wrong.example", "serverAuth", ca);
        maker.signed("unknown-ca", "localhost", LOCALHOST_SAN, "serverAuth", otherCa);
        maker.signed("client", "logdrain-client", null, "clientAuth", ca);
        maker.selfSigned("self-signed", "localhost");
        maker.expired("expired", "localhost", ca);
    }

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
    private CertPair expired(String name, String cn, CertPair issuer) throws IOException {
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
        openssl("ca", "-batch", "-config", cnf.toString(), "-cert", issuer.cert().toString(),
                "-keyfile", issuer.key().toString(), "-in", csr.toString(), "-out", cert.toString(),
                "-startdate", "20200101000000Z", "-enddate", "20210101000000Z", "-notext");
        return new CertPair(cert, key);
    }

    /** RSA key generation is the slow part (about half a second each): do it on every core at once. */
    private void generateKeys(String... names) throws IOException {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (String name : names) {
                jobs.add(pool.submit(() -> {
                    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                            "-out", dir.resolve(name + ".key").toString());
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making keys", e);
        } catch (ExecutionException e) {
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

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private static String serial() {
        return Long.toString(SERIAL.incrementAndGet());
    }

    private static final AtomicInteger CALLS = new AtomicInteger();

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
