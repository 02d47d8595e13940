package dev.logdrain.syslog.transport;

import dev.logdrain.testing.Input;
import dev.logdrain.testing.SyslogNg;
import dev.logdrain.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interoperability with a real syslog-ng: the syslog() source over TCP and TLS, and UDP. */
@Timeout(300)
class SyslogNgIT {

    private static SyslogNg server;

    @BeforeAll
    static void start() {
        server = SyslogNg.builder().udp().tcp().tls().mutualTls().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 10_000})
    void tcp(int count) {
        Interop.sendAndVerify(server, server.url(Input.TCP), count);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 10_000})
    void tls(int count) {
        Interop.sendAndVerify(server, server.url(Input.TLS) + "?ca=" + TestCertificates.caCert(), count);
    }

    @Test
    void mutualTls() {
        Interop.sendAndVerify(server, server.url(Input.TLS_MUTUAL) + "?ca=" + TestCertificates.caCert()
                + "&cert=" + TestCertificates.clientCert() + "&key=" + TestCertificates.clientKey(), 1000);
    }

    @Test
    void confirmClose() {
        Interop.sendAndVerify(server, server.url(Input.TLS) + "?ca=" + TestCertificates.caCert() + "&confirm=close", 1000);
    }

    /** A burst of 1,000 datagrams overflows syslog-ng's default socket buffer here: UDP drops, as it may. */
    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void udp(int count) {
        Interop.sendAndVerify(server, server.url(Input.UDP), count);
    }
}
