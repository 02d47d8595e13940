package dev.logdrain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Connection#shutdownOutputAndAwaitClose}: only a close that follows ours counts. */
@Timeout(60)
class ConfirmCloseIT {

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(20));
    }

    private static Connection connect(ServerSocket server) throws IOException {
        return Connector.forDestination(Destination.parse("tcp://127.0.0.1:" + server.getLocalPort()), false)
                .connect(deadline());
    }

    private static ByteBuffer batch() {
        return ByteBuffer.wrap("<13>1 - host app - - - one\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The server closed in order before our half-close (before our batch even arrived): not a confirmation. */
    @Test
    void aCloseBeforeOursIsNotAConfirmation() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Connection connection = connect(server)) {
            server.accept().close();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (connection.probe() == Connection.Status.OPEN && System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
            connection.write(batch(), deadline());
            assertThatThrownBy(() -> connection.shutdownOutputAndAwaitClose(deadline()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("closed the connection before logdrain ended the batch with a half-close")
                    .hasMessageContaining("confirm=close");
        }
    }

    /** A server that reads to the end of our output and then closes: the confirmation. */
    @Test
    void aCloseAfterReadingEverythingIsAConfirmation() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Connection connection = connect(server)) {
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = server.accept()) {
                    return accepted.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            connection.write(batch(), deadline());
            connection.shutdownOutputAndAwaitClose(deadline());
            assertThat(new String(read.get(20, TimeUnit.SECONDS), StandardCharsets.US_ASCII)).endsWith("one\n");
        }
    }

    /** A reset instead of a close (the server threw away what it had not read). */
    @Test
    void aResetIsNotAConfirmation() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Connection connection = connect(server)) {
            try (Socket accepted = server.accept()) {
                connection.write(batch(), deadline());
                accepted.getInputStream().read();
                accepted.setSoLinger(true, 0);
            }
            assertThatThrownBy(() -> connection.shutdownOutputAndAwaitClose(deadline()))
                    .isInstanceOf(IOException.class).hasMessageContaining("reset the connection")
                    .hasMessageContaining("confirm=close");
        }
    }
}
