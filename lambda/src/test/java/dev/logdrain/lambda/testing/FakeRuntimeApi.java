package dev.logdrain.lambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server speaking the Lambda Runtime API (2018-06-01) as Lambda does to a runtime: it hands out
 * queued events on {@code GET /runtime/invocation/next} (holding the request while there is none) and
 * records what the function posts to {@code /response}, {@code /error} and {@code /init/error}.
 */
public final class FakeRuntimeApi implements AutoCloseable {

    /** What the runtime posted for one invocation (or for init, with request id {@code init}). */
    public record Outcome(String requestId, boolean error, String errorType, String body) {
    }

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<String[]> pending = new LinkedBlockingQueue<>();
    private final Map<String, BlockingQueue<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final BlockingQueue<Outcome> initErrors = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    public FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code host:port} for {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event and returns its request id. */
    public String invoke(byte[] event) {
        String id = UUID.randomUUID().toString();
        outcomes.put(id, new LinkedBlockingQueue<>());
        pending.add(new String[] {id, new String(event, StandardCharsets.UTF_8)});
        return id;
    }

    /**
     * The function's answer to an invocation if it comes within {@code timeout}, else null; an init error
     * fails at once.
     */
    public Outcome poll(String requestId, Duration timeout) throws InterruptedException {
        Outcome init = initErrors.peek();
        if (init != null) {
            throw new AssertionError("the function failed its init: " + init.body());
        }
        return outcomes.get(requestId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An init error, if the runtime posted one within the timeout. */
    public Outcome awaitInitError(Duration timeout) throws InterruptedException {
        return initErrors.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        try {
            if (path.equals(PREFIX + "invocation/next") && exchange.getRequestMethod().equals("GET")) {
                String[] next = null;
                while (next == null && !closed) {
                    next = pending.poll(200, TimeUnit.MILLISECONDS);
                }
                if (next == null) {
                    respond(exchange, 500, "{}");
                    return;
                }
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next[0]);
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        String.valueOf(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:logdrain-Function");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
                respond(exchange, 200, next[1]);
            } else if (path.startsWith(PREFIX + "invocation/") && path.endsWith("/response")) {
                String id = path.substring((PREFIX + "invocation/").length(), path.length() - "/response".length());
                outcomes.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).add(new Outcome(id, false, null, text));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.startsWith(PREFIX + "invocation/") && path.endsWith("/error")) {
                String id = path.substring((PREFIX + "invocation/").length(), path.length() - "/error".length());
                outcomes.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).add(new Outcome(id, true, errorType, text));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.equals(PREFIX + "init/error")) {
                initErrors.add(new Outcome("init", true, errorType, text));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                respond(exchange, 404, "{\"errorMessage\":\"unknown path " + path + "\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
