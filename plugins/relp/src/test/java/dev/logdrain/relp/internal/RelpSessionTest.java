package dev.logdrain.relp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.net.Connector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RelpSessionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Answers every frame with "200 OK" for its transaction number and records "txnr command". */
    private static Thread echoServer(ServerSocket server, List<String> seen) {
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                RelpFrameReader reader = new RelpFrameReader(socket.getInputStream(), 1 << 20);
                OutputStream out = socket.getOutputStream();
                while (true) {
                    RelpFrame frame = reader.read();
                    seen.add(frame.txnr() + " " + frame.command());
                    String data = frame.command().equals("open")
                            ? "200 OK\nrelp_version=0\ncommands=syslog" : "200 OK";
                    out.write((frame.txnr() + " rsp " + data.length() + " " + data + "\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away: done
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void transactionNumbersStartAgainAtOneAfter999999999() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            echoServer(server, seen);
            Connector connector = new Connector("127.0.0.1", server.getLocalPort(), null, PATIENCE, PATIENCE);
            RelpSession session = new RelpSession(connector.connect(Deadline.after(PATIENCE)));
            session.nextTxnr(999_999_998);
            session.open("logdrain,test", Deadline.after(PATIENCE));
            byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
            int first = session.sendSyslog(message, 0, message.length, Deadline.after(PATIENCE));
            int second = session.sendSyslog(message, 0, message.length, Deadline.after(PATIENCE));
            session.flush(Deadline.after(PATIENCE));

            assertThat(first).isEqualTo(999_999_999);
            assertThat(second).isEqualTo(1);
            assertThat(session.read(Deadline.after(PATIENCE)).txnr()).isEqualTo(999_999_999);
            assertThat(session.read(Deadline.after(PATIENCE)).txnr()).isEqualTo(1);
            session.close(Duration.ofSeconds(5));
            assertThat(seen).containsExactly("999999998 open", "999999999 syslog", "1 syslog", "2 close");
        }
    }

    @Test
    void aReadWaitsNoLongerThanItsDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Connector connector = new Connector("127.0.0.1", silent.getLocalPort(), null, PATIENCE, PATIENCE);
            RelpSession session = new RelpSession(connector.connect(Deadline.after(PATIENCE)));
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.read(Deadline.afterMillis(300)))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250))
                    .isLessThan(PATIENCE);
            session.abort();
        }
    }
}
