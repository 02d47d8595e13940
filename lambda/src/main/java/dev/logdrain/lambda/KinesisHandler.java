package dev.logdrain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.logdrain.DestinationReport;
import dev.logdrain.ForwardReport;
import dev.logdrain.lambda.internal.BatchItemFailures;
import dev.logdrain.lambda.internal.InvocationReport;
import dev.logdrain.lambda.internal.KinesisSettings;
import dev.logdrain.lambda.internal.LambdaHost;
import dev.logdrain.lambda.internal.PayloadForwarding;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.SourceResult;
import java.util.ArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The function a Kinesis event source mapping invokes when CloudWatch Logs subscriptions write to a Kinesis
 * data stream: {@code dev.logdrain.lambda.KinesisHandler::handleRequest}. The mapping must have
 * {@code ReportBatchItemFailures} on.
 *
 * <p>Records are decoded (base64, then the CloudWatch Logs payload: gzip JSON) and forwarded one after the
 * other, in the shard's order. The answer is a partial batch response, the JSON of the Lambda events
 * library's {@code StreamsEventResponse}: {@code {"batchItemFailures":[]}} when every record was handled, or
 * {@code {"batchItemFailures":[{"itemIdentifier":"SEQ"}]}} naming the first record that was not, so that
 * Lambda checkpoints just before it and retries from it. Once a record fails, no later record of the batch
 * is sent: that would put them ahead of it. The same holds when the invocation's time runs short: no record
 * is started when the remaining time is less than the longest record of this invocation took, and the first
 * record not started is reported.
 *
 * <p>A record whose data cannot be decoded never becomes decodable by retrying it: by default
 * ({@code LOGDRAIN_KINESIS_CORRUPT=skip}) it is reported on a log line of its own (shard, sequence number,
 * error), counted in the metric {@code RecordsCorrupt}, and skipped, so that it does not hold up its shard;
 * with {@code LOGDRAIN_KINESIS_CORRUPT=fail} it is reported as the batch item failure instead, and Lambda's
 * retry limits decide its fate. An event that is not a Kinesis event at all fails the invocation with
 * {@link InvalidEventException} (one line), as there is no record to name.
 *
 * <p>Configuration, plugins, destinations, deadlines, the summary line and the metrics are those of
 * {@link CloudWatchLogsHandler} (the same {@link LambdaHost}), plus the invocation metrics
 * {@code RecordsReceived}, {@code RecordsCorrupt}, {@code RecordsFailed} and {@code RecordsRetried}. The
 * event is read by the source ({@code cloudwatch}, or the one {@code LOGDRAIN_SOURCE} names), record by record,
 * not by the runtime's serializer.
 */
public final class KinesisHandler implements RequestStreamHandler {

    private final KinesisSettings kinesis;
    private final LambdaHost host;
    private final PrintStream out;

    /** The constructor Lambda calls: configuration from the environment. */
    public KinesisHandler() {
        this(System.getenv(), Clock.systemUTC(), System.out);
    }

    KinesisHandler(Map<String, String> env, Clock clock, PrintStream out) {
        this.kinesis = KinesisSettings.from(env);
        this.host = LambdaHost.start(env, clock, out);
        this.out = out;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        Deadline deadline = host.deadline(context);
        InvocationReport report = new InvocationReport();
        String retryFrom;
        try {
            List<Source.Part> records;
            try {
                records = records(host.source().parts(input, Source.Envelope.KINESIS_EVENT));
            } catch (InvalidInputException e) {
                // Not a Kinesis event at all (a wrong event source): nothing to checkpoint, fail the invocation.
                report.invalidInput(e.getMessage());
                throw new InvalidEventException(e.getMessage());
            }
            retryFrom = forward(records, deadline, report);
        } catch (OutOfMemoryError e) {
            report.failed(CloudWatchLogsHandler.outOfMemory(e)); // a failed invocation in the summary and metrics
            throw e;
        } finally {
            host.emit(report, (System.nanoTime() - start) / 1_000_000);
        }
        output.write(BatchItemFailures.json(retryFrom));
    }

    /** Every record of the event (their data stays undecoded until their turn). */
    private static List<Source.Part> records(Source.Parts parts) throws IOException {
        try (parts) {
            List<Source.Part> records = new ArrayList<>(Math.max(0, parts.count()));
            for (Source.Part part; (part = parts.next()) != null; ) {
                records.add(part);
            }
            return records;
        }
    }

    /** Forwards the records in order; returns the sequence number to retry from, or null when all were handled. */
    private String forward(List<Source.Part> records, Deadline deadline, InvocationReport report) throws IOException {
        int count = records.size();
        int corrupt = 0;
        int failed = 0;
        int retried = 0;
        long longestMillis = 0;
        String retryFrom = null;
        for (int i = 0; i < count; i++) {
            Source.Part record = records.get(i);
            String position = "record " + (i + 1) + " of " + count + " (sequence number " + record.itemIdentifier() + ")";
            long remaining = deadline.remainingMillis();
            if (remaining <= 0 || remaining < longestMillis) {
                report.note("stopped before " + position + ": " + Math.max(0, remaining) + " ms left, and a record took up to "
                        + longestMillis + " ms; Lambda retries from it");
                retryFrom = record.itemIdentifier();
                retried = count - i;
                break;
            }
            long recordStart = System.nanoTime();
            SourceResult payloads;
            String corruption;
            try {
                payloads = record.read();
                corruption = null;
            } catch (InvalidInputException e) {
                payloads = null;
                corruption = e.getMessage();
            } catch (OutOfMemoryError e) {
                // past the limits derived from the heap all the same: its data is more than this function can
                // hold, now and on every retry, so it is corrupt for this function; the summary says so
                payloads = null;
                corruption = CloudWatchLogsHandler.outOfMemory(e);
                report.failed(position + ": " + corruption);
            }
            if (corruption != null) {
                corrupt++;
                if (!kinesis.failOnCorrupt()) {
                    out.println("logdrain: corrupt record skipped: " + record.origin() + " error=" + quote(corruption));
                    continue;
                }
                out.println("logdrain: corrupt record, not skipped (" + KinesisSettings.CORRUPT + "=fail): "
                        + record.origin() + " error=" + quote(corruption));
                report.failed(position + " is corrupt: " + corruption);
                failed++;
                retryFrom = record.itemIdentifier();
                retried = count - i;
                break;
            }
            String failure;
            try {
                List<DestinationReport> failures = PayloadForwarding.forward(host, payloads, deadline, report);
                failure = failures.isEmpty() ? null : ForwardReport.failureSummary(failures);
            } catch (ConfigurationException e) {
                // the URL from the stack cannot be read or used: the record waits in the stream, as a failed one
                failure = e.getMessage();
            }
            if (failure != null) {
                report.failed("delivery failed at " + position + ": " + failure);
                failed++;
                retryFrom = record.itemIdentifier();
                retried = count - i;
                break;
            }
            longestMillis = Math.max(longestMillis, (System.nanoTime() - recordStart) / 1_000_000);
        }
        report.count("records", "RecordsReceived", count);
        report.count("corrupt", "RecordsCorrupt", corrupt);
        report.count(null, "RecordsFailed", failed);
        report.count("retried", "RecordsRetried", retried);
        if (retryFrom != null) {
            report.field("retryFrom", retryFrom);
        }
        return retryFrom;
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace('\n', ' ').replace('\r', ' ') + '"';
    }
}
