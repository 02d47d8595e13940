package dev.logdrain.syslog.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Sink;
import dev.logdrain.syslog.transport.Batches;
import dev.logdrain.syslog.transport.Sinks;
import dev.logdrain.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The UDP sink against in-JVM datagram sockets and closed ports. */
@Timeout(60)
class UdpSinkIT {

    private static List<String> receive(DatagramSocket socket, int count) throws Exception {
        List<String> got = new ArrayList<>();
        byte[] buffer = new byte[70_000];
        socket.setSoTimeout(10_000);
        while (got.size() < count) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            got.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
        return got;
    }

    @Test
    void oneDatagramPerMessageOverIpv4AndIpv6() throws Exception {
        for (String host : new String[] {"127.0.0.1", "::1"}) {
            try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
                server.setReceiveBufferSize(4 << 20);
                String url = "udp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getLocalPort();
                try (Sink sink = Sinks.create(url)) {
                    DeliveryResult result = sink.send(Batches.rfc5424(1, 100, 10), Deadline.after(Duration.ofSeconds(10)));
                    assertThat(result.isSuccess()).isTrue();
                    assertThat(result.delivered()).isEqualTo(100);
                    List<String> got = receive(server, 100);
                    assertThat(got).hasSize(100);
                    assertThat(Batches.ids(got)).isEqualTo(Batches.expectedIds(1, 100));
                    assertThat(got.get(0)).contains("\n  at line two"); // no framing: line breaks travel as they are
                }
            }
        }
    }

    @Test
    void aPortUnreachableAnswerIsReportedNotHidden() {
        int port = FreePorts.unused();
        try (Sink sink = Sinks.create("udp://127.0.0.1:" + port)) {
            DeliveryResult result = null;
            // the ICMP answer arrives after a datagram left: within a batch of several, or at the next batch
            for (int i = 0; i < 5 && (result == null || result.isSuccess()); i++) {
                result = sink.send(Batches.rfc5424(i, 20, 0), Deadline.after(Duration.ofSeconds(2)));
            }
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.failed()).isEqualTo(20);
            assertThat(result.error()).contains("127.0.0.1:" + port).contains("port unreachable").doesNotContain("\n");
        }
    }

    @Test
    void aServerThatComesBackGetsTheBatchAgain() throws Exception {
        int port = FreePorts.unused();
        try (Sink sink = Sinks.create("udp://127.0.0.1:" + port)) {
            sink.send(Batches.rfc5424(0, 20, 0), Deadline.after(Duration.ofSeconds(1))); // to nobody: ICMP pending
            try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                DeliveryResult result = sink.send(Batches.rfc5424(1, 20, 0), Deadline.after(Duration.ofSeconds(10)));
                assertThat(result.isSuccess()).isTrue();
                List<String> got = receive(server, 40);
                assertThat(Batches.ids(got)).containsAll(Batches.expectedIds(1, 20));
            }
        }
    }

    @Test
    void connectReportsFacts() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Sink sink = Sinks.create("udp://127.0.0.1:" + server.getLocalPort())) {
            assertThat(sink.connect(Deadline.after(Duration.ofSeconds(5))))
                    .containsEntry("transport", "udp").containsEntry("remote", "127.0.0.1:" + server.getLocalPort());
        }
    }
}
