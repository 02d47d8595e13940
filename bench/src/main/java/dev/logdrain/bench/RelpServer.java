package dev.logdrain.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslog ({@code rsyslogd -n}) with two {@code imrelp} inputs on loopback, one plain and one TLS with
 * the bench server certificate requiring a client certificate signed by the bench CA ({@code
 * tls.authMode="certvalid"}: imrelp with TLS asks for one in any mode), every message
 * written to a file, as a user installs it (stock window and queue). test-support's {@code Rsyslog} is not
 * used here: it needs JUnit at run time, which bench/run does not put on the class path.
 */
public final class RelpServer implements AutoCloseable {

    private final Process process;
    private final int plainPort;
    private final int tlsPort;
    private final Path output;

    private RelpServer(Process process, int plainPort, int tlsPort, Path output) {
        this.process = process;
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
        this.output = output;
    }

    /** Starts rsyslogd in {@code dir} and returns when both ports accept connections. */
    public static RelpServer start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path work = Files.createDirectories(dir.resolve("work"));
        Path output = dir.resolve("received.log");
        Files.deleteIfExists(output);
        int plain = freePort();
        int tls = freePort();
        Certs certs = Certs.get();
        String config = "global(workDirectory=\"" + work + "\" maxMessageSize=\"512k\")\n"
                + "module(load=\"imrelp\")\n"
                + "ruleset(name=\"bench\") { action(type=\"omfile\" file=\"" + output + "\") }\n"
                + "input(type=\"imrelp\" port=\"" + plain + "\" address=\"127.0.0.1\" ruleset=\"bench\""
                + " maxDataSize=\"600000\")\n"
                + "input(type=\"imrelp\" port=\"" + tls + "\" address=\"127.0.0.1\" ruleset=\"bench\""
                + " maxDataSize=\"600000\" tls=\"on\" tls.caCert=\"" + certs.caCert() + "\" tls.myCert=\""
                + certs.serverCert() + "\" tls.myPrivKey=\"" + certs.serverKey() + "\" tls.authMode=\"certvalid\")\n";
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, config);
        Process p = new ProcessBuilder("rsyslogd", "-n", "-f", conf.toString(), "-i", dir.resolve("pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        RelpServer server = new RelpServer(p, plain, tls, output);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int port : new int[] {plain, tls}) {
            while (!accepts(port)) {
                if (!p.isAlive() || System.nanoTime() > end) {
                    server.close();
                    throw new IllegalStateException("rsyslogd did not open port " + port + ": "
                            + Files.readString(dir.resolve("rsyslogd.out")));
                }
                Thread.sleep(50);
            }
        }
        return server;
    }

    public int plainPort() {
        return plainPort;
    }

    public int tlsPort() {
        return tlsPort;
    }

    /** Messages written so far (lines of the output file). */
    public long messages() throws IOException {
        if (!Files.exists(output)) {
            return 0;
        }
        try (var lines = Files.lines(output)) {
            return lines.count();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
