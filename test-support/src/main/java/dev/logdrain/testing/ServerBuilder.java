package dev.logdrain.testing;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link Rsyslog.Builder} and {@link SyslogNg.Builder} have in common: the inputs, the TLS certificates,
 * extra configuration, and a start that leaves nothing behind when it fails.
 *
 * @param <B> the concrete builder, so that chained calls keep its own methods in reach
 */
abstract class ServerBuilder<B extends ServerBuilder<B>> {
    final Set<Input> inputs = new LinkedHashSet<>();
    String extraConfig = "";
    boolean stockSizes;
    private CertPair serverCert;
    private Path caCert;

    ServerBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Adds inputs (each gets its own free port). */
    public B input(Input... more) {
        inputs.addAll(List.of(more));
        return self();
    }

    /** {@link Input#UDP}. */
    public B udp() {
        return input(Input.UDP);
    }

    /** {@link Input#TCP}. */
    public B tcp() {
        return input(Input.TCP);
    }

    /** {@link Input#TLS}: TLS, client certificate neither required nor checked. */
    public B tls() {
        return input(Input.TLS);
    }

    /** {@link Input#TLS_MUTUAL}: TLS requiring a client certificate signed by the CA. */
    public B mutualTls() {
        return input(Input.TLS_MUTUAL);
    }

    /** Both RFC 3164-only inputs, {@link Input#TCP_RFC3164} (LF framing) and {@link Input#UDP_RFC3164}. */
    public B rfc3164() {
        return input(Input.TCP_RFC3164, Input.UDP_RFC3164);
    }

    /**
     * The certificate every TLS input presents (default {@link TestCertificates#server()}); e.g.
     * {@link TestCertificates#expired()} to test that a client rejects it.
     */
    public B serverCertificate(CertPair cert) {
        this.serverCert = cert;
        return self();
    }

    /** The CA file that verifies client certificates (default {@link TestCertificates#caCert()}). */
    public B caCertificate(Path caPem) {
        this.caCert = caPem;
        return self();
    }

    /**
     * Leaves every size setting as the server ships it (rsyslog: {@code maxMessageSize} 8096 bytes, imtcp
     * {@code maxFrameSize}, imrelp {@code maxDataSize}; syslog-ng: {@code log-msg-size} 65536), to test against
     * receivers as users install them. By default the test servers take messages up to 512 KiB.
     */
    public B stockSizes() {
        this.stockSizes = true;
        return self();
    }

    /** Raw server configuration appended to the generated one (an escape hatch). */
    public B extraConfig(String serverConfig) {
        this.extraConfig = serverConfig;
        return self();
    }

    CertPair serverCert() {
        return serverCert != null ? serverCert : TestCertificates.server();
    }

    Path caCert() {
        return caCert != null ? caCert : TestCertificates.caCert();
    }

    void requireInputs() {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("add at least one input, e.g. builder().tcp()");
        }
    }

    /** Starts a built server and returns it once every port is bound; closes it if it does not start. */
    static <S extends SyslogServer> S started(S server) {
        try {
            server.launch(true);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }
}
