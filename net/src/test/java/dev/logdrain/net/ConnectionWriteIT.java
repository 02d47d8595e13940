package dev.logdrain.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Connection#write}: heap buffers go through the connection's buffer, direct ones straight to the socket. */
@Timeout(60)
class ConnectionWriteIT {

    @Test
    void heapAndDirectWritesArriveInOrderAndWhole() throws Exception {
        byte[] heapPart = new byte[100_000];
        byte[] directPart = new byte[3 << 20]; // more than the socket buffers hold: partial writes and waits
        byte[] tail = new byte[777];
        Random random = new Random(18);
        random.nextBytes(heapPart);
        random.nextBytes(directPart);
        random.nextBytes(tail);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Connection connection = Connector.forDestination(Destination.parse("tcp://127.0.0.1:"
                     + server.getLocalPort()), false).connect(Deadline.after(Duration.ofSeconds(20)))) {
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = server.accept()) {
                    return accepted.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Deadline deadline = Deadline.after(Duration.ofSeconds(20));
            ByteBuffer direct = ByteBuffer.allocateDirect(directPart.length + 10);
            direct.put(new byte[10]).put(directPart).flip().position(10); // from a position, as the journal's views
            connection.write(ByteBuffer.wrap(heapPart), deadline);
            connection.write(direct, deadline);
            connection.write(ByteBuffer.wrap(tail), deadline);
            assertThat(direct.hasRemaining()).isFalse();
            connection.shutdownOutputAndAwaitClose(deadline);
            byte[] expected = new byte[heapPart.length + directPart.length + tail.length];
            System.arraycopy(heapPart, 0, expected, 0, heapPart.length);
            System.arraycopy(directPart, 0, expected, heapPart.length, directPart.length);
            System.arraycopy(tail, 0, expected, heapPart.length + directPart.length, tail.length);
            assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(expected);
        }
    }
}
