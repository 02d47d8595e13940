package dev.logdrain.lambda.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback HTTP server speaking the AWS JSON protocol (Secrets Manager, SSM, CloudWatch Logs): a POST with
 * {@code X-Amz-Target: Service.Operation} and a JSON body, answered with JSON or an AWS error
 * ({@code __type}). The test sets an answer per operation; every request is recorded with its signature.
 */
public final class FakeAwsJsonApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a request carried. */
    public record Request(String target, JsonNode body, String authorization, String connection) {
        public String operation() {
            return target.substring(target.indexOf('.') + 1);
        }
    }

    /** An answer: HTTP status and JSON body. */
    public record Answer(int status, Object body) {
        public static Answer ok(Object body) {
            return new Answer(200, body);
        }

        public static Answer error(int status, String type, String message) {
            return new Answer(status, Map.of("__type", type, "message", message));
        }
    }

    private final HttpServer server;
    private final Map<String, Function<JsonNode, Answer>> operations = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeAwsJsonApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code operation} (e.g. GetSecretValue) with what the function returns for the request body. */
    public void on(String operation, Function<JsonNode, Answer> answer) {
        operations.put(operation, answer);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Request request = new Request(target, body, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Connection"));
        requests.add(request);
        Function<JsonNode, Answer> operation = operations.get(request.operation());
        Answer answer = operation == null
                ? Answer.error(400, "UnknownOperationException", "no operation " + target) : operation.apply(body);
        byte[] bytes = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Established TCP connections of this machine to the given port (from /proc/net/tcp and tcp6). */
    public static int establishedTo(int port) throws IOException {
        int count = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            java.nio.file.Path path = java.nio.file.Path.of(file);
            if (!java.nio.file.Files.exists(path)) {
                continue;
            }
            for (String line : java.nio.file.Files.readAllLines(path, StandardCharsets.US_ASCII)) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 3 && f[2].contains(":") && f[3].equals("01")
                        && Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16) == port) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
