package dev.logdrain.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real syslog-ng (3.38 from Debian's {@code syslog-ng-core}, unpacked, not installed: it conflicts with
 * rsyslog) on free ports of 127.0.0.1, for tests. Same result API as {@link Rsyslog}.
 *
 * <p>Where it is looked for: env {@code LOGDRAIN_SYSLOG_NG_HOME}, else system property
 * {@code logdrain.syslogNgHome}, else {@code /opt/logdrain-test/syslog-ng} (where
 * {@code .ci/install-test-deps} unpacks it); the folder holds {@code usr/sbin/syslog-ng} and
 * {@code usr/lib/syslog-ng/VERSION/}. A syslog-ng installed in {@code /usr/sbin} is used when that folder
 * does not exist.
 *
 * <p>The configuration: {@code keep-hostname(yes); frac-digits(3); log-msg-size(524288)} (the last left out
 * with {@link ServerBuilder#stockSizes()}); RFC 5424 inputs
 * are {@code syslog()} sources with {@code flags(syslog-protocol, store-raw-message)} (octet counting on
 * TCP and TLS), RFC 3164 inputs are {@code network()} sources (LF framing on TCP); TLS inputs use
 * {@link TestCertificates#server()} with {@code peer-verify(optional-untrusted)}, the mutual one
 * {@code peer-verify(required-trusted)} with {@link TestCertificates#caCert()}. syslog-ng's own messages go to
 * {@code internal.log} (see {@link #log()}). A message without a timestamp ({@code -}) gets the time of
 * reception; empty header fields come out as {@code "-"} like rsyslog's.
 */
public final class SyslogNg extends SyslogServer {
    /** Default folder that {@code .ci/install-test-deps} unpacks syslog-ng-core into. */
    public static final String DEFAULT_HOME = "/opt/logdrain-test/syslog-ng";

    private final Builder b;

    private SyslogNg(Builder b) {
        super("syslog-ng", b.inputs);
        this.b = b;
    }

    /** A new builder; add at least one input. */
    public static Builder builder() {
        return new Builder();
    }

    /** The folder syslog-ng-core is unpacked in (it may not exist). */
    public static Path home() {
        String env = System.getenv("LOGDRAIN_SYSLOG_NG_HOME");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return Paths.get(System.getProperty("logdrain.syslogNgHome", DEFAULT_HOME));
    }

    /** The syslog-ng executable, or null when there is none. */
    public static Path executable() {
        Path unpacked = home().resolve("usr/sbin/syslog-ng");
        if (Files.isExecutable(unpacked)) {
            return unpacked;
        }
        Path system = Paths.get("/usr/sbin/syslog-ng");
        return Files.isExecutable(system) ? system : null;
    }

    private static boolean unpacked() {
        return executable() != null && executable().startsWith(home());
    }

    /** The module folder, e.g. {@code HOME/usr/lib/syslog-ng/3.38}, or null for a system install. */
    static Path moduleDir() {
        if (!unpacked()) {
            return null;
        }
        Path lib = home().resolve("usr/lib/syslog-ng");
        try (Stream<Path> s = Files.list(lib)) {
            return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d+\\.\\d+"))
                    .sorted().reduce((a, c) -> c).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The configuration version, e.g. {@code 3.38}. */
    static String version() {
        Path m = moduleDir();
        if (m != null) {
            return m.getFileName().toString();
        }
        for (String d : new String[] {"/usr/lib/syslog-ng", "/usr/lib/x86_64-linux-gnu/syslog-ng"}) {
            try (Stream<Path> s = Files.list(Paths.get(d))) {
                String v = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.\\d+"))
                        .sorted().reduce((a, c) -> c).orElse(null);
                if (v != null) {
                    return v;
                }
            } catch (IOException ignored) {
                // try the next
            }
        }
        return "3.38";
    }

    @Override
    ProcessBuilder processBuilder() {
        List<String> cmd = new ArrayList<>(List.of(executable().toString(), "-F", "-f", config.toString()));
        Path modules = moduleDir();
        if (modules != null) {
            cmd.add("--module-path=" + modules);
        }
        cmd.addAll(List.of("-R", dir.resolve("syslog-ng.persist").toString(), "-p", pidFile.toString(),
                "-c", dir.resolve("syslog-ng.ctl").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (modules != null) {
            String lib = home().resolve("usr/lib/syslog-ng").toString();
            String old = System.getenv("LD_LIBRARY_PATH");
            pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? lib : lib + ":" + old);
        }
        return pb;
    }

    private static String q(Object path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The server certificate's {@code tls()} options. */
    private String certificate() {
        CertPair cert = b.serverCert();
        return "key-file(" + q(cert.key()) + ") cert-file(" + q(cert.cert()) + ")";
    }

    @Override
    void writeConfig() throws IOException {
        StringBuilder c = new StringBuilder();
        c.append("@version: ").append(version()).append('\n');
        c.append("# written by dev.logdrain.testing.SyslogNg\n");
        c.append("options { keep-hostname(yes); frac-digits(3); ").append(b.stockSizes ? "" : "log-msg-size(524288); ")
                .append("stats-freq(0); };\n");
        List<String> sources = new ArrayList<>();
        for (Input in : b.inputs) {
            String name = sourceName(in);
            sources.add(name);
            String where = "ip(127.0.0.1) port(" + port(in) + ")";
            String rfc5424 = "flags(syslog-protocol, store-raw-message)";
            String body = switch (in) {
                case UDP -> "syslog(" + where + " transport(\"udp\") " + rfc5424 + ")";
                case TCP -> "syslog(" + where + " transport(\"tcp\") " + rfc5424 + " max-connections(1000))";
                case TLS -> "syslog(" + where + " transport(\"tls\") " + rfc5424 + " max-connections(1000)"
                        + " tls(" + certificate() + " peer-verify(optional-untrusted)))";
                case TLS_MUTUAL -> "syslog(" + where + " transport(\"tls\") " + rfc5424 + " max-connections(1000)"
                        + " tls(" + certificate() + " ca-file(" + q(b.caCert()) + ")"
                        + " peer-verify(required-trusted)))";
                case UDP_RFC3164 -> "network(" + where + " transport(\"udp\") flags(store-raw-message))";
                case TCP_LF -> "network(" + where + " transport(\"tcp\") flags(syslog-protocol, store-raw-message)"
                        + " max-connections(1000))";
                case TCP_RFC3164 -> "network(" + where + " transport(\"tcp\") flags(store-raw-message)"
                        + " max-connections(1000))";
                default -> throw new IllegalStateException("syslog-ng does not offer " + in);
            };
            c.append("source ").append(name).append(" { ").append(body).append("; };\n");
        }
        c.append("destination d_json { file(").append(q(output)).append(" template(\"$(format-json")
                .append(" pri=$PRI hostname=$HOST appname=$PROGRAM procid=$PID msgid=$MSGID sd=$SDATA ts=$ISODATE")
                .append(" msg=$MESSAGE raw=$RAWMSG input=$SOURCE)\\n\")); };\n");
        c.append("log { ");
        for (String s : sources) {
            c.append("source(").append(s).append("); ");
        }
        c.append("destination(d_json); flags(flow-control); };\n");
        c.append("source s_internal { internal(); };\n");
        c.append("destination d_internal { file(").append(q(internalLog)).append("); };\n");
        c.append("log { source(s_internal); destination(d_internal); };\n");
        if (!b.extraConfig.isEmpty()) {
            c.append("# extra configuration from the test\n").append(b.extraConfig).append('\n');
        }
        Files.writeString(config, c.toString());
    }

    /**
     * Builds and starts a {@link SyslogNg}: UDP, TCP, TLS, TLS_MUTUAL as RFC 5424 {@code syslog()} sources,
     * UDP_RFC3164, TCP_RFC3164 and TCP_LF (RFC 5424) as {@code network()} sources; no RELP.
     */
    public static final class Builder extends ServerBuilder<Builder> {
        private Builder() {
        }

        /** Adds inputs; IllegalArgumentException for RELP, which syslog-ng does not offer. */
        @Override
        public Builder input(Input... more) {
            for (Input in : more) {
                if (in == Input.RELP || in == Input.RELP_TLS) {
                    throw new IllegalArgumentException("syslog-ng has no RELP input; use Rsyslog");
                }
            }
            return super.input(more);
        }

        /** An unstarted server with ports assigned (for this package's tests). */
        SyslogNg build() {
            return new SyslogNg(this);
        }

        /**
         * Starts syslog-ng and returns when every port is bound. Skips the test (fails on CI) when syslog-ng
         * is not available; throws IllegalStateException with its output if it does not start.
         */
        public SyslogNg start() {
            requireInputs();
            RealServers.assumeSyslogNg();
            return started(build());
        }
    }
}
