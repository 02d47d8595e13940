package dev.logdrain.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * A real rsyslog ({@code rsyslogd -n -f CONF -i PIDFILE}) on free ports of 127.0.0.1, for tests.
 *
 * <pre>{@code
 * try (Rsyslog rsyslog = Rsyslog.builder().tcp().udp().tls().start()) {
 *     send("127.0.0.1", rsyslog.tcpPort(), ...);
 *     List<ReceivedMessage> got = rsyslog.awaitMessages(1, Duration.ofSeconds(30));
 *     assertThat(got.get(0).msg()).isEqualTo("hello");
 * }
 * }</pre>
 *
 * <p>The configuration it writes: {@code maxMessageSize="512k"}, control characters kept as they are
 * ({@code parser.escapeControlCharactersOnReceive="off"}: a line break in a message stays a line break),
 * imtcp {@code maxFrameSize} 600000 (octet-counted frames up to the message size; neither with
 * {@link ServerBuilder#stockSizes()}), one main-queue worker so
 * the output keeps the order of arrival, and an omfile action writing each message as a JSON line
 * ({@link ReceivedMessage}). The default parser chain (RFC 5424, then RFC 3164) applies on every input but
 * the {@code *_RFC3164} ones, which use only {@code rsyslog.rfc3164}. TLS inputs use the {@code gtls} driver
 * (see {@link Builder#tlsDriver(String)}) with {@link TestCertificates#server()} and trust
 * {@link TestCertificates#caCert()} unless configured otherwise; rsyslog's own diagnostics go to
 * {@code internal.log} and stderr (see {@link #log()}).
 *
 * <p>{@link Builder#start()} skips the test if rsyslog is not installed (fails on CI): see {@link RealServers}.
 */
public final class Rsyslog extends SyslogServer {
    private static final String[] MODULE_DIRS = {
        "/usr/lib/x86_64-linux-gnu/rsyslog", "/usr/lib/aarch64-linux-gnu/rsyslog", "/usr/lib/rsyslog",
        "/usr/lib64/rsyslog"
    };

    private final Builder b;

    private Rsyslog(Builder b) {
        super("rsyslog", b.inputs);
        this.b = b;
    }

    /** A new builder; add at least one input. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code rsyslogd} on PATH or in /usr/sbin, or null. */
    public static Path executable() {
        return RealServers.onPath("rsyslogd");
    }

    /** rsyslog's module folder (where imtcp.so is), or null if not found. */
    public static Path moduleDir() {
        for (String d : MODULE_DIRS) {
            if (Files.exists(Paths.get(d, "imtcp.so"))) {
                return Paths.get(d);
            }
        }
        try (Stream<Path> s = Files.list(Paths.get("/usr/lib"))) {
            return s.map(p -> p.resolve("rsyslog")).filter(p -> Files.exists(p.resolve("imtcp.so")))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    ProcessBuilder processBuilder() {
        return new ProcessBuilder(executable().toString(), "-n", "-f", config.toString(), "-i", pidFile.toString());
    }

    @Override
    void writeConfig() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        boolean tls = b.inputs.stream().anyMatch(i -> i == Input.TLS || i == Input.TLS_MUTUAL || i == Input.RELP_TLS);
        StringBuilder c = new StringBuilder();
        c.append("# written by dev.logdrain.testing.Rsyslog\n");
        c.append("global(workDirectory=\"").append(work).append("\"").append(b.stockSizes ? "" : " maxMessageSize=\"512k\"")
                .append("\n")
                .append("       parser.escapeControlCharactersOnReceive=\"off\"");
        if (tls) {
            CertPair cert = b.serverCert();
            c.append("\n       defaultNetstreamDriverCAFile=\"").append(b.caCert()).append("\"")
                    .append("\n       defaultNetstreamDriverCertFile=\"").append(cert.cert()).append("\"")
                    .append("\n       defaultNetstreamDriverKeyFile=\"").append(cert.key()).append("\"");
        }
        c.append(")\n");
        c.append("main_queue(queue.workerThreads=\"1\")\n");
        boolean anyTcp = b.inputs.stream().anyMatch(i -> i == Input.TCP || i == Input.TLS
                || i == Input.TLS_MUTUAL || i == Input.TCP_RFC3164 || i == Input.TCP_LF);
        boolean anyUdp = b.inputs.contains(Input.UDP) || b.inputs.contains(Input.UDP_RFC3164);
        boolean anyRelp = b.inputs.contains(Input.RELP) || b.inputs.contains(Input.RELP_TLS);
        if (anyTcp) {
            c.append("module(load=\"imtcp\" maxSessions=\"1000\")\n");
        }
        if (anyUdp) {
            c.append("module(load=\"imudp\")\n");
        }
        if (anyRelp) {
            c.append("module(load=\"imrelp\")\n");
        }
        c.append("""
                template(name="logdrain_json" type="list" option.jsonf="on") {
                  property(outname="pri" name="pri" format="jsonf")
                  property(outname="hostname" name="hostname" format="jsonf")
                  property(outname="appname" name="app-name" format="jsonf")
                  property(outname="procid" name="procid" format="jsonf")
                  property(outname="msgid" name="msgid" format="jsonf")
                  property(outname="sd" name="structured-data" format="jsonf")
                  property(outname="ts" name="timereported" dateFormat="rfc3339" format="jsonf")
                  property(outname="msg" name="msg" format="jsonf")
                  property(outname="raw" name="rawmsg" format="jsonf")
                  property(outname="input" name="$.input" format="jsonf")
                }
                """);
        c.append("ruleset(name=\"logdrain_out\") {\n  action(type=\"omfile\" file=\"").append(output)
                .append("\" template=\"logdrain_json\")\n}\n");
        for (Input in : b.inputs) {
            int port = port(in);
            String rs = sourceName(in);
            c.append("ruleset(name=\"").append(rs).append('"');
            if (in == Input.TCP_RFC3164 || in == Input.UDP_RFC3164) {
                c.append(" parser=\"rsyslog.rfc3164\"");
            }
            c.append(") {\n  set $.input = \"").append(rs).append("\";\n  call logdrain_out\n}\n");
            String common = "port=\"" + port + "\" address=\"127.0.0.1\" ruleset=\"" + rs + "\"";
            String frame = b.stockSizes ? "" : " maxFrameSize=\"600000\"";
            String data = b.stockSizes ? "" : " maxDataSize=\"600000\"";
            switch (in) {
                case UDP, UDP_RFC3164 -> c.append("input(type=\"imudp\" ").append(common)
                        .append(" rcvBufSize=\"4m\")\n");
                case TCP, TCP_RFC3164, TCP_LF -> c.append("input(type=\"imtcp\" ").append(common)
                        .append(frame).append(")\n");
                case TLS, TLS_MUTUAL -> c.append("input(type=\"imtcp\" ").append(common)
                        .append(frame).append(" streamDriver.name=\"").append(b.tlsDriver)
                        .append("\" streamDriver.mode=\"1\" streamDriver.authMode=\"")
                        .append((in == Input.TLS ? TlsAuth.ANON : TlsAuth.CERT_VALID).imtcpMode())
                        .append("\")\n");
                case RELP -> c.append("input(type=\"imrelp\" ").append(common)
                        .append(data).append(")\n");
                case RELP_TLS -> {
                    c.append("input(type=\"imrelp\" ").append(common).append(data)
                            .append(" tls=\"on\" tls.caCert=\"").append(b.caCert()).append('"')
                            .append(" tls.myCert=\"").append(b.serverCert().cert()).append('"')
                            .append(" tls.myPrivKey=\"").append(b.serverCert().key()).append('"');
                    if (b.relpTlsAuth.relpMode() != null) {
                        c.append(" tls.authMode=\"").append(b.relpTlsAuth.relpMode()).append('"');
                    }
                    c.append(")\n");
                }
                default -> throw new IllegalStateException("rsyslog does not offer " + in);
            }
        }
        if (!b.extraConfig.isEmpty()) {
            c.append("# extra configuration from the test\n").append(b.extraConfig).append('\n');
        }
        c.append("# rsyslog's own messages (the default ruleset has no input)\n");
        c.append("action(type=\"omfile\" file=\"").append(internalLog).append("\")\n");
        Files.writeString(config, c.toString());
    }

    /**
     * Builds and starts an {@link Rsyslog}: every {@link Input}, UDP and TCP inputs on imudp and imtcp, RELP
     * on imrelp.
     */
    public static final class Builder extends ServerBuilder<Builder> {
        private TlsAuth relpTlsAuth = TlsAuth.ANON;
        private String tlsDriver = "gtls";

        private Builder() {
        }

        /**
         * TLS with this server certificate: {@link TlsAuth#ANON} adds {@link Input#TLS},
         * {@link TlsAuth#CERT_VALID} adds {@link Input#TLS_MUTUAL}.
         */
        public Builder tls(CertPair serverCertificate, TlsAuth auth) {
            serverCertificate(serverCertificate);
            return input(auth == TlsAuth.ANON ? Input.TLS : Input.TLS_MUTUAL);
        }

        /** imrelp, plain. */
        public Builder relp() {
            return input(Input.RELP);
        }

        /** imrelp with TLS ({@link Input#RELP_TLS}), anonymous clients. */
        public Builder relpTls() {
            return input(Input.RELP_TLS);
        }

        /** imrelp with TLS with this server certificate and client authentication mode. */
        public Builder relpTls(CertPair serverCertificate, TlsAuth auth) {
            serverCertificate(serverCertificate);
            relpTlsAuth = auth;
            return input(Input.RELP_TLS);
        }

        /** Client authentication of the RELP TLS input (default {@link TlsAuth#ANON}). */
        public Builder relpTlsAuth(TlsAuth auth) {
            this.relpTlsAuth = auth;
            return this;
        }

        /** The imtcp TLS driver: {@code gtls} (GnuTLS, default) or {@code ossl} (OpenSSL). */
        public Builder tlsDriver(String driver) {
            if (!driver.equals("gtls") && !driver.equals("ossl")) {
                throw new IllegalArgumentException("driver must be gtls or ossl: " + driver);
            }
            this.tlsDriver = driver;
            return this;
        }

        /** An unstarted server with ports assigned (for this package's tests). */
        Rsyslog build() {
            return new Rsyslog(this);
        }

        /**
         * Starts rsyslog and returns when every port is bound. Skips the test (fails on CI) when rsyslog is
         * not installed; throws IllegalStateException with rsyslog's output if it does not start.
         */
        public Rsyslog start() {
            requireInputs();
            RealServers.assumeRsyslog();
            return started(build());
        }
    }
}
