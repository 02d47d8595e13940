package dev.logdrain.cli.internal;

import dev.logdrain.cli.Logdrain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * The training run for the class-data sharing archive that {@code ./logdrain} creates once after a build
 * ({@code java -XX:ArchiveClassesAtExit=cli/target/logdrain-cli.jsa -cp logdrain-cli.jar ...CdsTraining}):
 * it runs the common commands against a loopback receiver that discards everything, so that the classes
 * they need are archived and later runs start faster. Not a user command.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        byte[] event = lambdaEvent();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DatagramSocket datagrams = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread sink = new Thread(() -> discard(server), "training-receiver");
            sink.setDaemon(true);
            sink.start();
            String url = "tcp://127.0.0.1:" + server.getLocalPort();
            // short timeouts: a training run must never wait long, whatever goes wrong
            run(event, "replay", "--timeout", "5", "--url", url, "-");
            run(event, "replay", "-");
            run(event, "send", "--timeout", "5", "--url", url, "--severity", "notice", "-m", "training");
            run(event, "replay", "--timeout", "5", "--url", "udp://127.0.0.1:" + datagrams.getLocalPort(),
                    "--url", url + "?format=rfc3164", "-");
            run(event, "replay", "--help");
        }
    }

    private static void run(byte[] input, String... args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Logdrain.run(args, new ByteArrayInputStream(input), nowhere, nowhere);
    }

    private static void discard(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A small CloudWatch Logs Lambda event, as {@code examples/events/ecs-service.json}. */
    private static byte[] lambdaEvent() throws IOException {
        String payload = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/ecs/orders\","
                + "\"logStream\":\"web/web/0123456789abcdef0123456789abcdef\",\"subscriptionFilters\":[\"logdrain\"],"
                + "\"logEvents\":[{\"id\":\"37874264148446391853411476316596539013393435648483229696\","
                + "\"timestamp\":1715679000112,\"message\":\"GET /health 200 2 \\\"ELB-HealthChecker/2.0\\\"\"}]}";
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        return ("{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gzip.toByteArray()) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
