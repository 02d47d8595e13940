package dev.logdrain.cli.internal;

import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.SourceResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code logdrain replay}: CloudWatch Logs payloads in any of their shapes, delivered as the Lambda host would. */
final class ReplayCommand implements Commands.Command {

    static CommandSpec spec() {
        CommandSpec spec = Help.of("replay",
                "Deliver CloudWatch Logs payloads through the same Forwarder as the Lambda function.")
                .details(
                        "Each FILE (or standard input) holds one or more of these, "
                                + "one after another (for example one a line):",
                        "  - a Lambda event: {\"awslogs\":{\"data\":\"<base64 gzip>\"}}",
                        "  - a decoded payload: {\"messageType\":\"DATA_MESSAGE\",...,\"logEvents\":[...]}",
                        "  - a Lambda on-failure destination record (SQS, S3): {\"requestPayload\":{...}}",
                        "  - SQS messages holding those: `aws sqs receive-message` output, {\"Body\":...}",
                        "  - a JSON array of any of these",
                        "A FILE may also be raw gzip of them (a Kinesis record, a Firehose S3 object).",
                        "",
                        "Control messages are skipped. The run stops at the first bad document or failed "
                                + "delivery and says where, and how much was delivered before it.")
                .examples(
                        "logdrain replay examples/events/ecs-service.json",
                        "logdrain replay --url tcp://127.0.0.1:5514 examples/events/*.json",
                        "logdrain replay --url 'tcp+tls://logs.example.com:6514?format=rfc3164' \\",
                        "    failed-batch.json",
                        "aws sqs receive-message --queue-url \"$QUEUE\" --max-number-of-messages 10 \\",
                        "    | logdrain replay --url tls://logs.example.com -",
                        "aws s3 cp s3://my-failures/record.json - \\",
                        "    | logdrain replay --url tls://logs.example.com -")
                .exitStatus("0 every event delivered, 1 a delivery failed, 2 bad usage or bad input.");
        spec.addPositional(Commands.files());
        DestinationOptions.addTo(spec);
        CommonOptions.addTo(spec);
        return Commands.withHelp(spec);
    }

    @Override
    public int run(Args args, Commands.Io io) throws IOException {
        DestinationOptions destinationOptions = new DestinationOptions(args);
        CommonOptions common = new CommonOptions(args);
        PrintWriter err = io.err();
        List<Inputs.Input> inputs = Inputs.of(args.positionals());
        List<Destination> destinations = destinationOptions.parse();
        Duration timeout = destinationOptions.timeout();
        try (PluginRegistry registry = common.registry()) {
            Source source = registry.source("cloudwatch").create(Map.of());
            try (Tally tally = Tally.to(registry, destinations, timeout, err, common.verbose())) {
                int payloads = 0;
                for (int i = 0; i < inputs.size(); i++) {
                    Inputs.Input input = inputs.get(i);
                    tally.at(inputs.size() == 1 ? "" : input.name() + " (" + (i + 1) + " of " + inputs.size() + ")");
                    payloads += replay(input, io.in(), source, tally);
                }
                tally.finish();
                if (tally.events() == 0) {
                    err.println("logdrain replay: nothing to deliver: " + (payloads == 0 ? "no payloads in the input"
                            : "the payloads held no log events (control messages)"));
                    err.flush();
                }
            }
        }
        return CliException.DELIVERED;
    }

    /** Delivers every document of one input, one after another; returns how many payloads they held. */
    private static int replay(Inputs.Input input, InputStream standardInput, Source source, Tally tally)
            throws IOException {
        int payloads = 0;
        try (InputStream in = input.open(standardInput);
             Source.Parts documents = source.parts(in, Source.Envelope.DOCUMENTS)) {
            for (Source.Part document; (document = documents.next()) != null; ) {
                SourceResult result = document.read();
                payloads += result.batches().size() + result.controlMessages();
                for (SourceResult.Located located : result.batches()) {
                    tally.deliver(located.batch(), input.name() + " " + located.origin());
                }
            }
        } catch (InvalidInputException e) {
            tally.interrupt();
            throw CliException.input(input.name() + ": " + e.getMessage() + " (" + tally.deliveredSoFar() + ")", e);
        } catch (IOException e) {
            tally.interrupt();
            throw CliException.input(input.name() + ": cannot read: " + e.getMessage(), e);
        }
        return payloads;
    }
}
