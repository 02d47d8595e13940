package dev.logdrain.syslog.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.PluginRegistry;
import dev.logdrain.internal.Route;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Framing;
import dev.logdrain.spi.OptionSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TcpSinkProviderTest {

    private final TcpSinkProvider tcp = new TcpSinkProvider();
    private final UdpSinkProvider udp = new UdpSinkProvider();

    @Test
    void schemesPortsAndSizes() {
        assertThat(tcp.schemes()).containsExactlyInAnyOrder("tcp", "syslog", "tcp+tls", "tls", "syslog+tls");
        assertThat(tcp.defaultPort("tcp")).isEqualTo(514);
        assertThat(tcp.defaultPort("syslog")).isEqualTo(514);
        assertThat(tcp.defaultPort("tls")).isEqualTo(6514);
        assertThat(tcp.defaultPort("syslog+tls")).isEqualTo(6514);
        assertThat(tcp.defaultMaxSize("tcp")).isEqualTo(8096); // stock rsyslog's frame limit
        assertThat(tcp.defaultMaxSize("tls")).isEqualTo(8096);
        assertThat(udp.schemes()).containsExactly("udp");
        assertThat(udp.defaultPort("udp")).isEqualTo(514);
        assertThat(udp.defaultMaxSize("udp")).isEqualTo(2048);
        assertThat(tcp.options()).extracting(OptionSpec::name).containsExactly("framing", "multiline", "confirm", "ca",
                "cert", "key", "servername", "connecttimeout", "writetimeout");
    }

    @Test
    void isFoundByTheRegistry() {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            assertThat(registry.sink("syslog+tls")).isInstanceOf(TcpSinkProvider.class);
            assertThat(registry.sink("udp")).isInstanceOf(UdpSinkProvider.class);
        }
    }

    @Test
    void createsWithoutNetworkIo() {
        // a name that cannot resolve: creating must not look it up
        tcp.create(Destination.parse("tcp://no-such-host.invalid:514?framing=lf&multiline=split&confirm=close")).close();
        udp.create(Destination.parse("udp://no-such-host.invalid:514")).close();
    }

    @Test
    void anIpv6ZoneMustNameAnInterfaceOfThisMachine() {
        for (String url : new String[] {"tcp://[fe80::1%25nosuchif0]:514", "tls://[fe80::1%25nosuchif0]:6514",
                "udp://[fe80::1%25nosuchif0]:514"}) {
            var provider = url.startsWith("udp") ? udp : tcp;
            assertThatThrownBy(() -> provider.create(Destination.parse(url)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("the IPv6 zone 'nosuchif0' is not a network interface of this machine");
        }
        // lo exists wherever these tests run; a number is a scope id and taken as it is
        tcp.create(Destination.parse("tcp://[fe80::1%25lo]:514")).close();
        udp.create(Destination.parse("udp://[fe80::1%252]:514")).close();
    }

    @Test
    void rejectsBadOptionsInOneLineWithoutSecrets() {
        assertThatThrownBy(() -> tcp.create(Destination.parse("tcp://u:pw@h:514?framing=nul")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("framing='nul'")
                .hasMessageContaining("crlf, lf, octet-counting").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> tcp.create(Destination.parse("tcp://h:514?multiline=split")))
                .hasMessageContaining("multiline applies only to framing=lf");
        assertThatThrownBy(() -> tcp.create(Destination.parse("tcp://h:514?ca=/x.pem")))
                .hasMessageContaining("option ca needs a TLS scheme");
        assertThatThrownBy(() -> tcp.create(Destination.parse("tcp://h:514?confirm=ack")))
                .hasMessageContaining("confirm='ack'");
        assertThatThrownBy(() -> tcp.create(Destination.parse("tcp://h:514?connecttimeout=forever")))
                .hasMessageContaining("connecttimeout='forever'").hasMessageContaining("500ms");
        assertThatThrownBy(() -> tcp.create(Destination.parse("tls://h:6514?servername=bad name")))
                .hasMessageContaining("servername");
        assertThatThrownBy(() -> udp.create(Destination.parse("udp://h:514?maxsize=70000")))
                .hasMessageContaining("maxsize").hasMessageContaining("65507");
        assertThatThrownBy(() -> tcp.create(Destination.parse("tls://h:6514?key=/secret/path.pem&cert=/c.pem")))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("\n");
    }

    @Test
    void theFormatsPreferredFramingIsTheDefaultAndTheUrlWins() {
        assertThat(tcp.create(Destination.parse("tcp://h:514?format=convox"), Optional.of(Framing.LF)))
                .extracting("framer").extracting("framing").isEqualTo(Framing.LF);
        assertThat(tcp.create(Destination.parse("tcp://h:514"))).extracting("framer")
                .extracting("framing").isEqualTo(Framing.OCTET_COUNTING);
        assertThat(tcp.create(Destination.parse("tcp://h:514?framing=crlf"), Optional.of(Framing.LF)))
                .extracting("framer").extracting("framing").isEqualTo(Framing.CRLF);
    }

    @Test
    void convoxDefaultsToLineFramingThroughTheForwarder() {
        try (PluginRegistry registry = PluginRegistry.builtIns()) {
            assertThat(Route.create(registry, Destination.parse("tcp://h:514?format=convox")))
                    .extracting("sink").extracting("framer").extracting("framing").isEqualTo(Framing.LF);
            assertThat(Route.create(registry, Destination.parse("tcp://h:514?format=rfc5424")))
                    .extracting("sink").extracting("framer").extracting("framing").isEqualTo(Framing.OCTET_COUNTING);
        }
    }

    @Test
    void durations() {
        Destination d = Destination.parse("tcp://h?connecttimeout=1500&writetimeout=2m");
        assertThat(dev.logdrain.net.Connector.forDestination(d.withDefaultPort(514), false))
                .satisfies(c -> {
                    assertThat(c.connectTimeout()).hasMillis(1500);
                    assertThat(c.writeTimeout()).hasSeconds(120);
                });
    }
}
