package dev.logdrain.relp.internal;

import dev.logdrain.spi.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Plain TCP: tries each address of the host in turn, each attempt bounded by the deadline. */
public final class PlainConnector implements Connector {

    /** One connect attempt never takes longer, so that a black-holed address leaves time for retries. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;

    public PlainConnector(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public Socket connect(Deadline deadline) throws IOException {
        return connectTcp(host, port, deadline);
    }

    static Socket connectTcp(String host, int port, Deadline deadline) throws IOException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve host '" + host + "'");
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            if (deadline.isExpired()) {
                break;
            }
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(address, port),
                        deadline.atMost(CONNECT_TIMEOUT).socketTimeoutMillis());
                return socket;
            } catch (SocketTimeoutException e) {
                last = new SocketTimeoutException("timed out connecting to " + hostPort(address.getHostAddress(), port));
                socket.close();
            } catch (IOException e) {
                last = new IOException("cannot connect to " + hostPort(address.getHostAddress(), port) + ": "
                        + e.getMessage(), e);
                socket.close();
            }
        }
        throw last != null ? last : new SocketTimeoutException("no time left to connect to " + hostPort(host, port));
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
