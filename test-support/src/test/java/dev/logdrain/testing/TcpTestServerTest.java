package dev.logdrain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpTestServerTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    private static Socket connect(TcpTestServer s) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(s.host(), s.port()), 10_000);
        return socket;
    }

    @Test
    void recordsFramesAndLines() throws Exception {
        try (TcpTestServer server = TcpTestServer.start()) {
            try (Socket s = connect(server)) {
                s.getOutputStream().write(Send.octetCounted("héllo", "two\nlines"));
                s.getOutputStream().write("12 incomplete".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(server.awaitFrames(2, WAIT)).containsExactly("héllo", "two\nlines");
            try (Socket s = connect(server)) {
                s.getOutputStream().write("a\nb\nc".getBytes(StandardCharsets.UTF_8));
            }
            server.awaitConnections(2, WAIT);
            server.awaitBytes(server.receivedPerConnection().get(0).length + 5L, WAIT);
            assertThat(server.receivedPerConnection()).hasSize(2);
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void resetAfterBytesOnFirstConnectionOnly() throws Exception {
        try (TcpTestServer server = TcpTestServer.builder().resetAfterBytes(10).faultyConnections(1).start()) {
            try (Socket s = connect(server)) {
                OutputStream out = s.getOutputStream();
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        out.write(Send.octetCounted("x".repeat(1000)));
                        out.flush();
                    }
                }).isInstanceOf(IOException.class);
            }
            assertThat(server.receivedPerConnection().get(0)).hasSize(10);
            try (Socket s = connect(server)) {
                s.getOutputStream().write(Send.octetCounted("fine"));
            }
            assertThat(server.awaitFrames(1, WAIT)).containsExactly("fine");
        }
    }

    @Test
    void closeAfterBytesSendsEof() throws Exception {
        try (TcpTestServer server = TcpTestServer.builder().closeAfterBytes(3).start();
             Socket s = connect(server)) {
            s.getOutputStream().write("abcdef".getBytes(StandardCharsets.UTF_8));
            s.setSoTimeout(20_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(server.received()).containsExactly('a', 'b', 'c');
        }
    }

    @Test
    void stopReadingBlocksTheWriterEventually() throws Exception {
        try (TcpTestServer server = TcpTestServer.builder().stopReadingAfterBytes(0).receiveBufferSize(4096).start();
             Socket s = connect(server)) {
            s.setSendBufferSize(4096);
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 1_000_000; i++) {
                        s.getOutputStream().write(new byte[1024]);
                        written.addAndGet(1024);
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            // Blocked = alive and no progress for a while.
            long deadline = System.nanoTime() + WAIT.toNanos();
            long last = -1;
            while (System.nanoTime() < deadline) {
                Thread.sleep(300);
                long now = written.get();
                if (now == last) {
                    break;
                }
                last = now;
            }
            assertThat(writer.isAlive()).as("writer blocked").isTrue();
            assertThat(written.get()).isLessThan(1_000_000L * 1024);
            assertThat(server.byteCount()).isZero();
        }
    }

    @Test
    void restartOnSamePortKeepsData() throws Exception {
        TcpTestServer server = TcpTestServer.start();
        try {
            int port = server.port();
            try (Socket s = connect(server)) {
                s.getOutputStream().write(Send.octetCounted("one"));
            }
            server.awaitFrames(1, WAIT);
            server.close();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(server)).isInstanceOf(java.net.ConnectException.class);
            server.restart();
            assertThat(server.port()).isEqualTo(port);
            try (Socket s = connect(server)) {
                s.getOutputStream().write(Send.octetCounted("two"));
            }
            assertThat(server.awaitFrames(2, WAIT)).containsExactly("one", "two");
        } finally {
            server.close();
        }
    }

    @Test
    void framesRejectsNonOctetCounting() throws Exception {
        try (TcpTestServer server = TcpTestServer.start()) {
            try (Socket s = connect(server)) {
                s.getOutputStream().write("<14>1 lf framed\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(server.awaitLines(1, WAIT)).containsExactly("<14>1 lf framed");
            assertThatThrownBy(server::frames).isInstanceOf(IllegalStateException.class);
        }
    }
}
