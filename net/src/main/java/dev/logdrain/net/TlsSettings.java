package dev.logdrain.net;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import java.net.IDN;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS client settings of a destination, read from its options {@code ca}, {@code cert}, {@code key} and
 * {@code servername}: TLS 1.2 and 1.3 only, the JDK's trust store unless {@code ca} names a PEM file of
 * CAs to trust instead, a client certificate for mutual TLS when {@code cert} and {@code key} are given,
 * and the server name to verify (always; there is no way to turn it off) and to send as SNI.
 *
 * <p>Files are read when the settings are created, so a missing or unreadable file is a start-up error.
 * Immutable and thread-safe; one SSLContext is shared by every connection made with these settings.
 */
public final class TlsSettings {

    /** The TLS options, for a provider's {@code options()}. */
    public static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.of("ca", "PEM file of the CA certificates to trust instead of the JDK's trust store"),
            OptionSpec.of("cert", "PEM file with the client certificate (and its chain) for mutual TLS; needs key"),
            OptionSpec.of("key", "PEM file with the client's unencrypted private key (PKCS#8, PKCS#1 or SEC 1); needs cert"),
            OptionSpec.of("servername", "name to verify in the server's certificate and send as SNI, when it differs from the host"));

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Path ca;
    private final Path cert;
    private final String serverName;
    private final SSLContext context;
    private final ClientKeyManager keyManager;
    private final String[] protocols;

    private TlsSettings(Path ca, Path cert, Path key, String serverName) {
        this.ca = ca;
        this.cert = cert;
        this.serverName = serverName;
        X509Certificate[] chain = null;
        PrivateKey privateKey = null;
        if (cert != null) {
            chain = Pem.certificates(cert, "cert").toArray(new X509Certificate[0]);
            privateKey = Pem.privateKey(key, "key");
            if (!Pem.matches(privateKey, chain[0].getPublicKey())) {
                throw new ConfigurationException("option key: the private key in " + Pem.shown(key, "key")
                        + " does not belong to the certificate in " + cert);
            }
        }
        try {
            KeyStore trusted = null;
            if (ca != null) {
                trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int i = 0;
                for (X509Certificate certificate : Pem.certificates(ca, "ca")) {
                    trusted.setCertificateEntry("ca-" + i++, certificate);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(trusted);
            X509ExtendedTrustManager delegate = null;
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    delegate = extended;
                }
            }
            if (delegate == null) {
                throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
            }
            String trustSource = ca != null ? "ca=" + ca : "the JDK trust store";
            this.keyManager = new ClientKeyManager(chain, privateKey);
            this.context = SSLContext.getInstance("TLS");
            context.init(new javax.net.ssl.KeyManager[] {keyManager},
                    new TrustManager[] {new VerifyingTrustManager(delegate, trustSource)}, null);
            List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
            List<String> enabled = new ArrayList<>();
            for (String protocol : PROTOCOLS) {
                if (supported.contains(protocol)) {
                    enabled.add(protocol);
                }
            }
            this.protocols = enabled.toArray(new String[0]);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ConfigurationException("cannot set up TLS: " + e.getMessage());
        }
    }

    /**
     * Reads the TLS options of a destination and loads the files they name.
     *
     * @throws ConfigurationException for a file that cannot be read, {@code cert} without {@code key} (or the
     *                                reverse), a key that does not match the certificate, or a bad server name
     */
    public static TlsSettings fromDestination(Destination destination) {
        Optional<String> ca = nonEmpty(destination, "ca");
        Optional<String> cert = nonEmpty(destination, "cert");
        Optional<String> key = nonEmpty(destination, "key");
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigurationException(destination + ": options cert and key go together (mutual TLS needs both)");
        }
        String serverName = nonEmpty(destination, "servername").orElse(null);
        if (serverName != null && !isIpLiteral(serverName)) {
            try {
                new SNIHostName(IDN.toASCII(serverName));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(destination + ": option servername='" + destination.shownOption("servername")
                        + "' is not a valid host name");
            }
        }
        return new TlsSettings(ca.map(Path::of).orElse(null), cert.map(Path::of).orElse(null),
                key.map(Path::of).orElse(null), serverName);
    }

    /** Whether a destination sets any TLS option (for schemes without TLS, where that is a mistake). */
    public static Optional<String> firstTlsOption(Destination destination) {
        return OPTIONS.stream().map(OptionSpec::name).filter(destination.options()::containsKey).findFirst();
    }

    /** The name verified in the server's certificate: {@code servername}, or else the host. */
    public String verifiedName(String host) {
        return serverName != null ? serverName : host;
    }

    /** Whether a client certificate is configured. */
    public boolean hasClientCertificate() {
        return cert != null;
    }

    @Override
    public String toString() {
        return "TlsSettings[protocols=" + String.join(",", protocols) + (ca != null ? ", ca=" + ca : "")
                + (cert != null ? ", cert=" + cert : "") + (serverName != null ? ", servername=" + serverName : "") + "]";
    }

    /** A client engine for one connection, with hostname verification, SNI and TLS 1.2/1.3 only. */
    SSLEngine newEngine(String host, int port) {
        String name = verifiedName(host);
        // The engine's peer host is the name checked against the certificate; with servername set, the
        // JDK must not fall back to the host (it would, when SNI and peer host differ).
        SSLEngine engine = context.createSSLEngine(name, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(name)) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(IDN.toASCII(name))));
            } catch (IllegalArgumentException e) {
                // a name SNI cannot carry (e.g. with '_'): verify it, send no SNI
                parameters.setServerNames(List.of());
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    ClientKeyManager keyManager() {
        return keyManager;
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static Optional<String> nonEmpty(Destination destination, String option) {
        Optional<String> value = destination.option(option).map(String::strip);
        if (value.isPresent() && value.get().isEmpty()) {
            throw new ConfigurationException(destination + ": option " + option + " is empty");
        }
        return value;
    }
}
