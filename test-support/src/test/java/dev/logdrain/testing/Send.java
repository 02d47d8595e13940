package dev.logdrain.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Hand-written clients for the tests. */
final class Send {
    private Send() {
    }

    static byte[] octetCounted(String... messages) {
        StringBuilder b = new StringBuilder();
        for (String m : messages) {
            b.append(m.getBytes(StandardCharsets.UTF_8).length).append(' ').append(m);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void tcp(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            s.shutdownOutput();
            // wait for the server to close or time out, so all bytes were taken
            s.setSoTimeout(2000);
            try {
                while (s.getInputStream().read() >= 0) {
                    // drain
                }
            } catch (IOException ignored) {
                // timeout: fine
            }
        }
    }

    static void udp(int port, String message) throws IOException {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), port));
        }
    }

    /** TLS with hostname verification for "localhost"; throws if the handshake fails. */
    static void tls(SSLContext ctx, int port, byte[] bytes) throws IOException {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true)) {
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                s.setSoTimeout(20_000);
                s.startHandshake();
                OutputStream out = s.getOutputStream();
                out.write(bytes);
                out.flush();
                // TLS 1.3: a server that rejects our client certificate says so after the handshake; a read
                // surfaces that alert. A server that accepts stays silent until we close: time out quickly.
                s.setSoTimeout(1000);
                try {
                    InputStream in = s.getInputStream();
                    in.read();
                } catch (java.net.SocketTimeoutException expected) {
                    // the server is happy
                }
            }
        }
    }

    /**
     * Connects with TLS, writes {@code bytes} and reports whether the server then refused the session: a
     * failed handshake, an alert, or a close without answer (librelp's way of rejecting a client) within 20 s.
     */
    static boolean tlsRefused(SSLContext ctx, int port, byte[] bytes) {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true)) {
                s.setSoTimeout(20_000);
                s.startHandshake();
                s.getOutputStream().write(bytes);
                s.getOutputStream().flush();
                return s.getInputStream().read() < 0;
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    /** A minimal RELP client: open, one syslog command per message, close. Returns the server's answers. */
    static String relp(int port, String... messages) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            StringBuilder answers = new StringBuilder();
            int txnr = 1;
            out.write(relpFrame(txnr++, "open", "relp_version=0\nrelp_software=logdrain-test\ncommands=syslog"));
            answers.append(readRelp(in)).append('\n');
            for (String m : messages) {
                out.write(relpFrame(txnr++, "syslog", m));
                answers.append(readRelp(in)).append('\n');
            }
            out.write(relpFrame(txnr, "close", ""));
            answers.append(readRelp(in)).append('\n');
            return answers.toString();
        }
    }

    private static byte[] relpFrame(int txnr, String command, String data) {
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        String head = txnr + " " + command + " " + d.length + (d.length > 0 ? " " : "");
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] f = new byte[h.length + d.length + 1];
        System.arraycopy(h, 0, f, 0, h.length);
        System.arraycopy(d, 0, f, h.length, d.length);
        f[f.length - 1] = '\n';
        return f;
    }

    /** Reads one RELP frame "TXNR CMD LEN [DATA]\n". */
    private static String readRelp(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int spaces = 0;
        while (spaces < 3) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("RELP server closed after " + head);
            }
            if (c == ' ') {
                spaces++;
            }
            if (c == '\n' && spaces == 2) {
                return head.toString(); // LEN 0, no data
            }
            head.append((char) c);
        }
        String[] parts = head.toString().trim().split(" ");
        int len = Integer.parseInt(parts[2]);
        byte[] data = in.readNBytes(len);
        in.read(); // trailing LF
        return head + new String(data, StandardCharsets.UTF_8);
    }
}
