package dev.logdrain.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server socket on loopback with a daemon thread accepting connections for a subclass; closing it closes the
 * server and every socket kept in {@link #sockets}. The bench's receiver and delaying proxy are both one.
 */
abstract class LoopbackServer implements AutoCloseable {

    final ServerSocket server;
    final List<Socket> sockets = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    /** {@code server} not bound yet (a subclass may set its options first). */
    LoopbackServer(ServerSocket server) {
        this.server = server;
    }

    /** Binds to an ephemeral loopback port and starts accepting; called once the subclass's fields are set. */
    final void start(String threadName) throws IOException {
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        daemon(threadName, () -> {
            while (!closed) {
                try {
                    accepted(server.accept());
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                }
            }
        });
    }

    /** One accepted connection, on the accepting thread: long work goes to a {@link #daemon} thread. */
    abstract void accepted(Socket socket) throws IOException;

    static Thread daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
