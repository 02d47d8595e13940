package dev.logdrain.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The delaying proxy must be a faithful pipe: order, half-closes and resets pass through in each direction. */
class DelayProxyTest {

    @Test
    void keepsTheOrderOfEveryByteInBothDirections() throws Exception {
        byte[] data = new byte[2 << 20];
        new Random(42).nextBytes(data);
        try (ServerSocket server = loopbackServer(); DelayProxy proxy = new DelayProxy(server.getLocalPort(), 2)) {
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.transferTo(out); // echoes until the client half-closes, then closes
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                CompletableFuture<byte[]> back = CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Random sizes = new Random(7);
                OutputStream out = client.getOutputStream();
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, 1 + sizes.nextInt(40_000));
                    out.write(data, at, n);
                    at += n;
                }
                client.shutdownOutput();
                assertThat(back.get(60, TimeUnit.SECONDS)).isEqualTo(data);
            }
            echo.get(60, TimeUnit.SECONDS);
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void forwardsAHalfCloseAndLetsTheOtherDirectionGoOn() throws Exception {
        try (ServerSocket server = loopbackServer(); DelayProxy proxy = new DelayProxy(server.getLocalPort(), 2)) {
            CompletableFuture<String> serverSaw = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    String got = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII); // until EOF
                    s.getOutputStream().write(("after your FIN: " + got).getBytes(StandardCharsets.US_ASCII));
                    return got;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                byte[] answer = client.getInputStream().readAllBytes(); // ends with the server's close, forwarded
                assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("after your FIN: hello");
            }
            assertThat(serverSaw.get(60, TimeUnit.SECONDS)).isEqualTo("hello");
        }
    }

    @Test
    void forwardsAResetAsAReset() throws Exception {
        try (ServerSocket server = loopbackServer(); DelayProxy proxy = new DelayProxy(server.getLocalPort(), 2)) {
            CompletableFuture<Void> resetter = CompletableFuture.runAsync(() -> {
                try {
                    Socket s = server.accept();
                    s.getInputStream().read(); // the client's first byte
                    s.setSoLinger(true, 0);
                    s.close(); // RST
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.getOutputStream().write('x');
                resetter.get(60, TimeUnit.SECONDS);
                client.setSoTimeout(60_000);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                assertThatThrownBy(() -> got.write(client.getInputStream().readAllBytes()))
                        .isInstanceOf(SocketException.class);
                assertThat(got.size()).isZero();
            }
        }
    }

    private static ServerSocket loopbackServer() throws IOException {
        return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }
}
