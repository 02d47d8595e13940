package dev.logdrain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.logdrain.DestinationReport;
import dev.logdrain.ForwardReport;
import dev.logdrain.lambda.internal.ForwarderCache;
import dev.logdrain.lambda.internal.LambdaHost;
import dev.logdrain.lambda.internal.RedriveSettings;
import dev.logdrain.lambda.internal.RedriveSummary;
import dev.logdrain.redrive.AwsAccess;
import dev.logdrain.redrive.FailureStore;
import dev.logdrain.redrive.RecordReader;
import dev.logdrain.redrive.RedriveReport;
import dev.logdrain.redrive.Redriver;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The scheduled drain of the function's own on-failure destination: {@code
 * dev.logdrain.lambda.RedriveHandler::handleRequest}, in the same zip and with the same configuration as the
 * forwarding function, invoked by a schedule (the event's content is ignored). Within the invocation's
 * deadline it delivers the records of {@code LOGDRAIN_REDRIVE_SOURCE} to the function's destinations and
 * deletes each one every destination took; what cannot be delivered stays where it was.
 *
 * <p>It never throws for a record or a destination: it returns the counts, so that a failing redrive cannot
 * make on-failure records of its own (and its function has no on-failure destination). Redriven, still failing
 * and poison records are in its summary line and in EMF metrics ({@code RedrivePoison} is the one to alarm on).
 */
public final class RedriveHandler implements RequestStreamHandler {

    private static final long MAX_EVENT_BYTES = 1 << 20;

    private final LambdaHost host;
    private final RedriveSettings settings;
    private final Clock clock;
    private final PrintStream out;

    public RedriveHandler() {
        this(System.getenv(), Clock.systemUTC(), System.out);
    }

    RedriveHandler(Map<String, String> env, Clock clock, PrintStream out) {
        this.settings = RedriveSettings.from(env);
        this.host = LambdaHost.start(env, clock, out);
        this.clock = clock;
        this.out = out;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readNBytes((int) MAX_EVENT_BYTES); // the schedule's event: nothing in it is needed
        long start = System.nanoTime();
        Deadline deadline = host.deadline(context);
        RedriveReport report = new RedriveReport(0, 0, 0, 0, 0, List.of());
        String error = null;
        ForwarderCache delivery = host.forwarders();
        Redriver.Settings redrive = Redriver.Settings.defaults().withMaxReceives(settings.maxReceives())
                .withBatchTimeout(Duration.ofMillis(Math.max(1_000, deadline.remainingMillis() / 2)));
        try (AwsAccess aws = new AwsAccess(settings.endpoint()); FailureStore store = aws.open(settings.source())) {
            RecordReader reader = new RecordReader(delivery.registry().source("cloudwatch").create(Map.of()),
                    aws.kinesis());
            report = new Redriver(store, reader, this::send, redrive, (r, delivered, events) -> { }).run(deadline);
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage(); // e.g. the queue cannot be read
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        StringBuilder text = new StringBuilder();
        RedriveSummary.lines(settings.source(), report, error, millis).forEach(l -> text.append(l).append('\n'));
        if (host.settings().metrics()) {
            text.append(RedriveSummary.emf(host.settings().metricsNamespace(), clock.millis(), report, error != null))
                    .append('\n');
        }
        out.print(text);
        out.flush();
        output.write(RedriveSummary.response(report).getBytes(StandardCharsets.UTF_8));
    }

    private ForwardReport send(LogBatch batch, Deadline deadline) {
        try {
            ForwarderCache.Outcome outcome = host.forwarders().deliver(batch, deadline);
            return new ForwardReport(batch.size(), outcome.isSuccess() ? List.of() : outcome.failures());
        } catch (ConfigurationException e) {
            return new ForwardReport(batch.size(), List.of(new DestinationReport("(destinations)", "", "", batch.size(),
                    0, batch.size(), 0, 0, 0, 0, 0, e.getMessage())));
        }
    }
}
