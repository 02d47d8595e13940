package dev.logdrain.cli.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One loopback endpoint for {@code --endpoint-url}: SQS calls (X-Amz-Target AmazonSQS.*) are passed to
 * ElasticMQ, CloudFormation's query calls are answered as AWS does, in XML: function {@code logdrain} belongs to
 * stack {@code logdrain}, whose {@code Url} is set by the test.
 */
final class StackAndQueueEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final URI sqs;
    private final String url;
    final List<String> cloudFormationActions = new CopyOnWriteArrayList<>();

    StackAndQueueEndpoint(URI sqs, String url) throws IOException {
        this.sqs = sqs;
        this.url = url;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.startsWith("AmazonSQS.")) {
            HttpURLConnection c = (HttpURLConnection) sqs.resolve(exchange.getRequestURI().getPath()).toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            for (String h : List.of("Content-Type", "X-Amz-Target", "x-amzn-query-mode")) {
                String v = exchange.getRequestHeaders().getFirst(h);
                if (v != null) {
                    c.setRequestProperty(h, v);
                }
            }
            c.getOutputStream().write(body);
            int status = c.getResponseCode();
            byte[] answer;
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            if (c.getContentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", c.getContentType());
            }
            respond(exchange, status, answer);
            return;
        }
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String action = form.get("Action");
        cloudFormationActions.add(action + " " + form.getOrDefault("PhysicalResourceId", form.get("StackName")));
        String ns = "xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"";
        String meta = "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>";
        String xml;
        if ("DescribeStackResources".equals(action) && "logdrain".equals(form.get("PhysicalResourceId"))) {
            xml = "<DescribeStackResourcesResponse " + ns + "><DescribeStackResourcesResult><StackResources><member>"
                    + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/logdrain/1</StackId>"
                    + "<StackName>logdrain</StackName><LogicalResourceId>Function</LogicalResourceId>"
                    + "<PhysicalResourceId>logdrain</PhysicalResourceId><ResourceType>AWS::Lambda::Function</ResourceType>"
                    + "<Timestamp>2024-01-01T00:00:00Z</Timestamp><ResourceStatus>CREATE_COMPLETE</ResourceStatus>"
                    + "</member></StackResources></DescribeStackResourcesResult>" + meta + "</DescribeStackResourcesResponse>";
        } else if ("DescribeStacks".equals(action) && "logdrain".equals(form.get("StackName"))) {
            xml = "<DescribeStacksResponse " + ns + "><DescribeStacksResult><Stacks><member>"
                    + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/logdrain/1</StackId>"
                    + "<StackName>logdrain</StackName><CreationTime>2024-01-01T00:00:00Z</CreationTime>"
                    + "<StackStatus>CREATE_COMPLETE</StackStatus><Parameters><member><ParameterKey>Url</ParameterKey>"
                    + "<ParameterValue>" + url.replace("&", "&amp;") + "</ParameterValue></member></Parameters>"
                    + "</member></Stacks></DescribeStacksResult>" + meta + "</DescribeStacksResponse>";
        } else {
            xml = "<ErrorResponse " + ns + "><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack for "
                    + form.get("PhysicalResourceId") + " does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>";
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            respond(exchange, 400, xml.getBytes(StandardCharsets.UTF_8));
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        respond(exchange, 200, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
