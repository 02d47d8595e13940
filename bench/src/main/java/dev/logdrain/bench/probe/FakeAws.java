package dev.logdrain.bench.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The AWS services the Lambda handler may call at init, on loopback, for the cold-start probes. */
final class FakeAws {

    private FakeAws() {
    }

    /** Secrets Manager's GetSecretValue (AWS JSON protocol) on loopback, answering one secret. */
    static final class SecretsManager implements AutoCloseable {
        private final HttpServer server;
        volatile String secret = "";
        volatile int requests;

        SecretsManager() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests++;
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = ("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:logdrain/url-AbCdEf\","
                        + "\"Name\":\"logdrain/url\",\"SecretString\":\"" + secret + "\",\"VersionId\":\"v1\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** CloudFormation's query API (DescribeStacks) on loopback, answering as AWS does, in XML. */
    static final class CloudFormation implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, String[]> stacks = new HashMap<>();
        volatile int requests;

        CloudFormation() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests++;
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String stack = Arrays.stream(body.split("&")).filter(p -> p.startsWith("StackName="))
                        .map(p -> URLDecoder.decode(p.substring(10), StandardCharsets.UTF_8)).findFirst()
                        .orElse("");
                String[] parameter = stacks.get(stack);
                String xml;
                int status;
                if (parameter == null) {
                    status = 400;
                    xml = "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error>"
                            + "<Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id " + stack
                            + " does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>";
                } else {
                    status = 200;
                    xml = "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                            + "<DescribeStacksResult><Stacks><member>"
                            + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/" + stack
                            + "/0f5b2c00-0000-11ef-0000-0a1b2c3d4e5f</StackId><StackName>" + stack + "</StackName>"
                            + "<CreationTime>2024-01-01T00:00:00.000Z</CreationTime>"
                            + "<StackStatus>CREATE_COMPLETE</StackStatus><Parameters><member><ParameterKey>"
                            + parameter[0] + "</ParameterKey><ParameterValue>" + parameter[1]
                            + "</ParameterValue></member></Parameters></member></Stacks></DescribeStacksResult>"
                            + "<ResponseMetadata><RequestId>5ccc7dcd-744c-11e5-be70-000000000000</RequestId>"
                            + "</ResponseMetadata></DescribeStacksResponse>";
                }
                byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        void parameter(String stack, String key, String value) {
            stacks.put(stack, new String[] {key, value});
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
