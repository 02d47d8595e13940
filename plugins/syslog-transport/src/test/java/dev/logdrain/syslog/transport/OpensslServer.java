package dev.logdrain.syslog.transport;

import dev.logdrain.testing.CertPair;
import dev.logdrain.testing.FreePorts;
import dev.logdrain.testing.RealServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code openssl s_server} on a free loopback port: a real TLS peer for handshake tests. */
public final class OpensslServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path output;

    private OpensslServer(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * @param host  {@code 127.0.0.1} or {@code ::1}
     * @param extra more s_server arguments, e.g. {@code -tls1_2}, {@code -Verify 1 -CAfile CA}
     */
    public static OpensslServer start(String host, CertPair certificate, String... extra) {
        RealServers.assumeOpenssl();
        int port = FreePorts.find();
        try {
            Path output = Files.createTempFile("s_server", ".log");
            output.toFile().deleteOnExit();
            List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-quiet", "-naccept", "1000",
                    "-accept", (host.contains(":") ? "[" + host + "]" : host) + ":" + port,
                    "-cert", certificate.cert().toString(), "-key", certificate.key().toString()));
            command.addAll(List.of(extra));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            OpensslServer server = new OpensslServer(process, port, output);
            server.awaitListening(host);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** What s_server printed (diagnostics, and what it received in -quiet mode). */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitListening(String host) {
        boolean listening;
        try {
            listening = FreePorts.awaitListening(host, port, Duration.ofSeconds(30), process::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!listening) {
            boolean exited = !process.isAlive();
            close();
            throw new AssertionError(exited ? "openssl s_server exited: " + output()
                    : "openssl s_server did not listen on port " + port + ": " + output());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
