package dev.logdrain.relp.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS 1.2 or 1.3 over TCP: the server's chain is verified against {@code ca} (or the JDK's trust store)
 * and its name against the host (or {@code servername}), always; SNI is sent for names. {@code cert} and
 * {@code key} add a client certificate, which rsyslog's imrelp asks for in its {@code certvalid},
 * {@code name} and {@code fingerprint} modes. Certificate files are read when the sink is created, so a
 * missing or bad file is a configuration error at start-up.
 */
public final class TlsConnector implements Connector {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final String host;
    private final int port;
    private final String serverName;
    private final SSLSocketFactory factory;
    private final boolean clientCertificate;

    private TlsConnector(String host, int port, String serverName, SSLSocketFactory factory,
                         boolean clientCertificate) {
        this.host = host;
        this.port = port;
        this.serverName = serverName;
        this.factory = factory;
        this.clientCertificate = clientCertificate;
    }

    /** @throws ConfigurationException for unreadable or malformed certificate files, or cert without key */
    public static TlsConnector create(Destination destination, int port) {
        String ca = destination.option("ca").orElse(null);
        String cert = destination.option("cert").orElse(null);
        String key = destination.option("key").orElse(null);
        if ((cert == null) != (key == null)) {
            throw new ConfigurationException(destination + ": options cert and key go together (a client certificate "
                    + "needs its private key)");
        }
        String serverName = destination.option("servername").map(String::strip).filter(s -> !s.isEmpty())
                .orElse(destination.host());
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (ca != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate c : readCertificates(destination, "ca", ca)) {
                    store.setCertificateEntry("ca" + i++, c);
                }
                trust.init(store);
            } else {
                trust.init((KeyStore) null);
            }
            KeyManagerFactory keys = null;
            if (cert != null) {
                List<Certificate> chain = readCertificates(destination, "cert", cert);
                PrivateKey privateKey = readKey(destination, key);
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                char[] password = new char[0];
                store.setKeyEntry("client", privateKey, password, chain.toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new TlsConnector(destination.host(), port, serverName, context.getSocketFactory(), cert != null);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException(destination + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public Socket connect(Deadline deadline) throws IOException {
        Socket plain = PlainConnector.connectTcp(host, port, deadline);
        SSLSocket socket;
        try {
            socket = (SSLSocket) factory.createSocket(plain, serverName, port, true);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(PROTOCOLS);
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isIpLiteral(serverName)) {
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
            }
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(deadline.socketTimeoutMillis());
            socket.startHandshake();
            return socket;
        } catch (SSLHandshakeException e) {
            socket.close();
            throw new SSLHandshakeException(explainHandshake(e));
        } catch (IOException e) {
            socket.close();
            throw new IOException("TLS handshake with " + PlainConnector.hostPort(host, port) + " failed: "
                    + RelpSink.describe(e), e);
        }
    }

    @Override
    public Map<String, String> describe(Socket socket) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (socket instanceof SSLSocket ssl) {
            facts.put("tls_protocol", ssl.getSession().getProtocol());
            facts.put("tls_cipher", ssl.getSession().getCipherSuite());
            facts.put("tls_verified_name", serverName);
        }
        return facts;
    }

    @Override
    public boolean isPermanent(IOException failure) {
        return failure instanceof SSLHandshakeException;
    }

    @Override
    public String explainOpenFailure(IOException failure) {
        // GnuTLS (rsyslog's default) drops the connection, OpenSSL sends an alert; we see EOF, a broken pipe
        // or a reset when writing 'open', or an SSLException naming the certificate
        boolean closed = failure instanceof EOFException || failure instanceof SocketException
                || (failure instanceof SSLException && String.valueOf(failure.getMessage()).contains("certificate"));
        if (!closed) {
            return null;
        }
        return clientCertificate
                ? "the server closed the session after the TLS handshake: it may not accept our client certificate"
                : "the server closed the session after the TLS handshake: it may require a client certificate "
                        + "(options cert and key)";
    }

    /** One line that says what is wrong with the server's certificate, without a stack trace. */
    private String explainHandshake(SSLHandshakeException e) {
        String peer = PlainConnector.hostPort(host, port);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "TLS: the certificate of " + peer + " has expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "TLS: the certificate of " + peer + " is not valid yet";
            }
            if (t instanceof CertPathValidatorException || String.valueOf(t.getMessage()).contains("PKIX path")) {
                return "TLS: the certificate of " + peer + " is not signed by a trusted CA"
                        + " (set option ca to the PEM file of the CA that signed it)";
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).contains("match")) {
                return "TLS: the certificate of " + peer + " is not valid for the name '" + serverName + "'"
                        + " (set option servername to the name it was issued for)";
            }
        }
        return "TLS handshake with " + peer + " failed: " + RelpSink.describe(e);
    }

    private static boolean isIpLiteral(String name) {
        return name.indexOf(':') >= 0 || name.matches("[0-9.]+");
    }

    private static List<Certificate> readCertificates(Destination destination, String option, String file) {
        String text = readPem(destination, option, file);
        List<Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    certificates.add(factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new ConfigurationException(destination + ": option " + option + ": '" + file
                    + "' holds a malformed certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException(destination + ": option " + option + ": '" + file
                    + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    private static PrivateKey readKey(Destination destination, String file) {
        String text = readPem(destination, "key", file);
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = decode(m.group(2));
            } catch (IllegalArgumentException e) {
                break;
            }
            if (type.equals("PRIVATE KEY")) {
                for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException ignored) {
                        // try the next algorithm
                    }
                }
            } else if (type.equals("RSA PRIVATE KEY")) {
                try {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(der)));
                } catch (GeneralSecurityException ignored) {
                    break;
                }
            } else if (type.contains("ENCRYPTED")) {
                throw new ConfigurationException(destination + ": option key: '" + file
                        + "' is encrypted; logdrain needs an unencrypted key (openssl pkcs8 -topk8 -nocrypt)");
            }
        }
        throw new ConfigurationException(destination + ": option key: '" + file
                + "' holds no usable PEM private key (PKCS#8 -----BEGIN PRIVATE KEY----- or PKCS#1 RSA)");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo with the rsaEncryption algorithm. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else if (n < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    }

    private static String readPem(Destination destination, String option, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(destination + ": option " + option + ": file '" + file + "' does not exist");
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(destination + ": option " + option + ": cannot read '" + file + "': "
                    + e.getMessage());
        }
    }
}
