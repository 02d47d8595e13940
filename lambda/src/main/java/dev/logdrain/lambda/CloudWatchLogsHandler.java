package dev.logdrain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.logdrain.DestinationReport;
import dev.logdrain.ForwardReport;
import dev.logdrain.lambda.internal.InvocationReport;
import dev.logdrain.lambda.internal.LambdaHost;
import dev.logdrain.lambda.internal.PayloadForwarding;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.SourceResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The function a CloudWatch Logs subscription filter invokes: {@code
 * dev.logdrain.lambda.CloudWatchLogsHandler::handleRequest}. Its source ({@code cloudwatch} from the plugin
 * registry, or the one {@code LOGDRAIN_SOURCE} names) decodes the event ({@code {"awslogs":{"data":...}}});
 * the handler counts control messages, skips and the function's own log group, delivers every
 * event to every destination, prints one summary line and the metrics, and throws
 * {@link DeliveryFailedException} when any destination did not take every event (or
 * {@link InvalidEventException} for an event it cannot decode), so that Lambda retries the event and finally
 * keeps it in the function's on-failure destination.
 *
 * <p>Configuration is read, plugins are loaded and destinations resolved when the handler is created
 * (Lambda's init phase); nothing is dialled then, so the handler is safe under SnapStart. Connections are
 * opened on first use and reused by warm invocations. The event is read by the source, not by the runtime's
 * serializer.
 */
public final class CloudWatchLogsHandler implements RequestStreamHandler {

    private final LambdaHost host;

    /** The constructor Lambda calls: configuration from the environment. */
    public CloudWatchLogsHandler() {
        this(System.getenv(), Clock.systemUTC(), System.out);
    }

    CloudWatchLogsHandler(Map<String, String> env, Clock clock, PrintStream out) {
        this.host = LambdaHost.start(env, clock, out);
    }

    /** For tests: the host, whose SnapStart hooks they call as Lambda does. */
    LambdaHost host() {
        return host;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        Deadline deadline = host.deadline(context);
        InvocationReport report = new InvocationReport();
        RuntimeException failure = null;
        OutOfMemoryError outOfMemory = null;
        try {
            List<DestinationReport> failures = decodeAndForward(input, deadline, report);
            if (!failures.isEmpty()) {
                String message = "delivery failed: " + ForwardReport.failureSummary(failures);
                report.failed(message);
                throw new DeliveryFailedException(message);
            }
        } catch (ConfigurationException e) {
            // a URL from the stack that cannot be read or used: fail so that the event is kept
            report.failed(e.getMessage());
            failure = e;
        } catch (DeliveryFailedException | InvalidInputException e) {
            failure = e; // already in the report
        } catch (RuntimeException e) {
            report.failed(String.valueOf(e));
            failure = e;
        } catch (OutOfMemoryError e) {
            // the limits derived from the heap should make this impossible; if it happens all the same, say so
            // (the payloads are unreachable now that decodeAndForward has returned)
            report.failed(outOfMemory(e));
            outOfMemory = e;
        } finally {
            host.emit(report, (System.nanoTime() - start) / 1_000_000);
        }
        if (outOfMemory != null) {
            throw outOfMemory; // the runtime client then starts a fresh JVM
        }
        if (failure != null) {
            throw failure;
        }
        output.write(("{\"events\":" + report.events() + ",\"controlMessages\":" + report.controlMessages()
                + ",\"skippedEvents\":" + report.skippedEvents() + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes the event and forwards its payloads; in a method of its own so that its data dies with it. */
    private List<DestinationReport> decodeAndForward(InputStream input, Deadline deadline, InvocationReport report)
            throws IOException {
        SourceResult result;
        try {
            result = host.source().read(input);
        } catch (InvalidInputException e) {
            report.invalidInput(e.getMessage());
            throw new InvalidEventException(e.getMessage());
        }
        return PayloadForwarding.forward(host, result, deadline, report);
    }

    /** The summary's words for an OutOfMemoryError: what ran out, and what to do. */
    static String outOfMemory(OutOfMemoryError e) {
        return "out of memory (" + e.getMessage() + ", heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB): give the function more memory";
    }
}
