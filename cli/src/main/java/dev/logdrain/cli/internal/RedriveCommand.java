package dev.logdrain.cli.internal;

import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.redrive.AwsAccess;
import dev.logdrain.redrive.FailureStore;
import dev.logdrain.redrive.FunctionDestinations;
import dev.logdrain.redrive.RecordReader;
import dev.logdrain.redrive.RedriveReport;
import dev.logdrain.redrive.Redriver;
import dev.logdrain.redrive.StoredRecord;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code logdrain redrive}: the function's on-failure queue or bucket, delivered and emptied in one command. */
final class RedriveCommand implements Commands.Command {

    static CommandSpec spec() {
        CommandSpec spec = Help.of("redrive",
                "Deliver what waits in a function's on-failure destination, then delete it.")
                .details(
                        "SOURCE is the SQS queue (its URL or ARN) or the S3 bucket (s3://BUCKET[/PREFIX] or "
                                + "its ARN). Each record (a Lambda on-failure record holding the original "
                                + "event, or a Kinesis batch's record, whose events are read back from the "
                                + "stream while it holds them) goes to every destination; it is deleted "
                                + "only once every destination took every event. What is not delivered "
                                + "stays where it was. Batches of one log stream go oldest first.",
                        "",
                        "Without --url, the destinations are the Url parameter of the stack that made the records' "
                                + "function. A record delivered to one destination and not another is sent again to "
                                + "every destination on the next run (use sd=meta's event id to drop repeats).",
                        "AWS credentials and region come from the SDK's default chain (profile, environment, role).")
                .examples(
                        "logdrain redrive https://sqs.eu-west-1.amazonaws.com/123456789012/logdrain-failures",
                        "logdrain redrive --url tcp+tls://logs.example.com:6514 s3://my-failures/",
                        "logdrain redrive --dry-run --max 10 arn:aws:sqs:eu-west-1:123456789012:logdrain-failures")
                .exitStatus("0 every record delivered, 1 some not delivered (still failing or poison), "
                        + "2 bad usage or bad input.");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("SOURCE").arity("1").type(List.class).auxiliaryTypes(String.class)
                .description("The on-failure SQS queue (URL or ARN) or S3 location (s3://BUCKET[/PREFIX]).").build());
        spec.addOption(Commands.repeatable(new String[] {"-u", "--url"}, "URL",
                "Deliver to URL (may be given more than once). Default: the Url of the function's stack."));
        spec.addOption(Commands.number("--timeout", "SECONDS", 30,
                "Time each batch may take at each destination, retries included (default: ${DEFAULT-VALUE})."));
        spec.addOption(Commands.flag(new String[] {"--dry-run"},
                "Print what would be sent (stdout://) and delete nothing."));
        spec.addOption(Commands.number("--max", "N", Integer.MAX_VALUE, "Take at most N records."));
        spec.addOption(Commands.number("--max-receives", "N", Redriver.Settings.DEFAULT_MAX_RECEIVES,
                "A record not delivered after more than N receives is reported as poison (default: ${DEFAULT-VALUE})."));
        spec.addOption(Commands.option(new String[] {"--endpoint-url"}, "URL",
                "Call SQS, S3, Kinesis and CloudFormation at URL (LocalStack, a test server) instead of AWS."));
        CommonOptions.addTo(spec);
        return Commands.withHelp(spec);
    }

    @Override
    public int run(Args args, Commands.Io io) {
        String location = args.positionals().get(0);
        List<String> urls = args.strings("--url");
        boolean dryRun = args.flag("--dry-run");
        int max = args.integer("--max");
        int maxReceives = args.integer("--max-receives");
        int timeout = args.integer("--timeout");
        if (max < 1 || maxReceives < 1 || timeout < 1) {
            throw CliException.usage("--max, --max-receives and --timeout must be at least 1");
        }
        String endpointText = args.string("--endpoint-url");
        URI endpoint;
        try {
            endpoint = endpointText == null ? null : URI.create(endpointText);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--endpoint-url is not a URL: " + e.getMessage());
        }
        CommonOptions common = new CommonOptions(args);
        PrintWriter err = io.err();
        try (AwsAccess aws = new AwsAccess(endpoint); PluginRegistry registry = common.registry()) {
            List<String> destinations = dryRun ? List.of(DestinationOptions.STDOUT)
                    : urls.isEmpty() ? functionUrls(aws, location, endpoint) : urls;
            if (destinations == null) {
                err.println("logdrain redrive: " + location + ": nothing to redrive");
                err.flush();
                return CliException.DELIVERED;
            }
            List<Destination> parsed = destinations.stream().map(Destination::parse).toList();
            Redriver.Settings settings = Redriver.Settings.defaults().withMaxRecords(max).withMaxReceives(maxReceives)
                    .withDryRun(dryRun).withBatchTimeout(Duration.ofSeconds(timeout));
            Progress progress = new Progress(err, !dryRun && Terminal.isStderrTerminal());
            RedriveReport report;
            try (FailureStore store = aws.open(location); Forwarder forwarder = Forwarder.create(registry, parsed)) {
                RecordReader reader = new RecordReader(registry.source("cloudwatch").create(Map.of()), aws.kinesis());
                Redriver redriver = new Redriver(store, reader, forwarder::forward, settings,
                        (record, delivered, events) -> progress.update(events, record.id()));
                report = redriver.run(Deadline.after(Duration.ofDays(1)));
            }
            progress.finish(report.events());
            if (!report.problems().isEmpty()) {
                report.problems().forEach(p -> err.println("logdrain redrive: " + p));
            }
            err.println("logdrain redrive: " + location + ": " + (dryRun ? "dry run, nothing deleted: " : "")
                    + report.counts());
            err.flush();
            return report.isSuccess() ? CliException.DELIVERED : CliException.DELIVERY_FAILED;
        } catch (SdkException e) {
            throw CliException.deliveryFailed(location + ": " + e.getMessage(), e);
        }
    }

    /** The Url of the stack of the function that wrote the first record; null when there is no record. */
    private static List<String> functionUrls(AwsAccess aws, String location, URI endpoint) {
        StoredRecord first;
        try (FailureStore store = aws.open(location)) {
            List<StoredRecord> records = store.next(1, Duration.ofSeconds(30));
            if (records.isEmpty()) {
                return null;
            }
            first = records.get(0);
            store.release(first);
        }
        Optional<String> arn = FunctionDestinations.functionArn(first.body());
        if (arn.isEmpty()) {
            throw CliException.usage(first.id() + " does not name its function (requestContext.functionArn): give --url");
        }
        return FunctionDestinations.urls(arn.get(), endpoint);
    }
}
