package dev.logdrain.lambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers CloudFormation's query API (DescribeStacks) the way AWS does, in XML,
 * for the real AWS SDK client. Stacks and their parameters are set by the test; a missing stack gets AWS's
 * 400 ValidationError.
 */
public final class FakeCloudFormation implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Map<String, String>> stacks = new LinkedHashMap<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    public FakeCloudFormation() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets (or replaces) a stack's parameters. */
    public synchronized void stack(String name, Map<String, String> parameters) {
        stacks.put(name, new LinkedHashMap<>(parameters));
    }

    /** The form fields of every request received. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        form.put("Authorization-present", String.valueOf(exchange.getRequestHeaders().containsKey("Authorization")));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.contains("Credential=")) {
            String credential = authorization.substring(authorization.indexOf("Credential=") + "Credential=".length());
            form.put("Authorization-access-key", credential.substring(0, credential.indexOf('/')));
        }
        exchange.getRequestHeaders().keySet().forEach(name -> form.put("Header-" + name.toLowerCase(Locale.ROOT), ""));
        requests.add(form);
        String stackName = form.get("StackName");
        Map<String, String> parameters;
        synchronized (this) {
            parameters = stacks.get(stackName);
        }
        if (!"DescribeStacks".equals(form.get("Action"))) {
            respond(exchange, 400, error("InvalidAction", "Could not find operation " + form.get("Action")));
        } else if (parameters == null) {
            respond(exchange, 400, error("ValidationError", "Stack with id " + stackName + " does not exist"));
        } else {
            StringBuilder members = new StringBuilder();
            parameters.forEach((k, v) -> members.append("<member><ParameterKey>").append(xml(k))
                    .append("</ParameterKey><ParameterValue>").append(xml(v)).append("</ParameterValue></member>"));
            respond(exchange, 200, "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                    + "<DescribeStacksResult><Stacks><member>"
                    + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/" + xml(stackName)
                    + "/0f5b2c00-0000-11ef-0000-0a1b2c3d4e5f</StackId>"
                    + "<StackName>" + xml(stackName) + "</StackName>"
                    + "<CreationTime>2024-01-01T00:00:00.000Z</CreationTime>"
                    + "<StackStatus>CREATE_COMPLETE</StackStatus>"
                    + "<Parameters>" + members + "</Parameters>"
                    + "</member></Stacks></DescribeStacksResult>"
                    + "<ResponseMetadata><RequestId>5ccc7dcd-744c-11e5-be70-000000000000</RequestId></ResponseMetadata>"
                    + "</DescribeStacksResponse>");
        }
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + xml(message) + "</Message></Error>"
                + "<RequestId>5ccc7dcd-744c-11e5-be70-000000000001</RequestId></ErrorResponse>";
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "5ccc7dcd-744c-11e5-be70-000000000000");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
