package dev.logdrain.lambda.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What one invocation printed, returned or threw. */
public record HandlerRun(String response, Throwable error, List<String> lines, long millis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static HandlerRun of(ByteArrayOutputStream response, Throwable error, ByteArrayOutputStream stdout,
                                long millis) {
        String text = stdout.toString(StandardCharsets.UTF_8);
        stdout.reset();
        List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
        return new HandlerRun(response.toString(StandardCharsets.UTF_8), error, lines, millis);
    }

    /**
     * Invokes {@code handler} once, as the runtime would, with {@code budgetMillis} left: what it returned,
     * printed to {@code stdout} (which this empties) or threw.
     */
    public static HandlerRun invoke(RequestStreamHandler handler, byte[] event, long budgetMillis,
                                    ByteArrayOutputStream stdout) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        Throwable error = null;
        long start = System.nanoTime();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), response, new TestContext(budgetMillis));
        } catch (Throwable t) {
            error = t;
        }
        return of(response, error, stdout, (System.nanoTime() - start) / 1_000_000);
    }

    /** The summary line. */
    public String summary() {
        return lines.stream().filter(l -> l.startsWith("logdrain: group=")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line in " + lines));
    }

    /** The EMF documents. */
    public List<JsonNode> emf() {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{\"_aws\"")) {
                try {
                    docs.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return docs;
    }

    /** The EMF document of one destination dimension ({@code scheme://host}). */
    public JsonNode emfFor(String destination) {
        return emf().stream().filter(d -> destination.equals(d.path("Destination").asText(null))).findFirst()
                .orElseThrow(() -> new AssertionError("no EMF document for " + destination + " in " + lines));
    }

    /** The invocation's EMF document (no dimension). */
    public JsonNode emfInvocation() {
        return emf().stream().filter(d -> !d.has("Destination")).findFirst()
                .orElseThrow(() -> new AssertionError("no invocation EMF document in " + lines));
    }
}
