package dev.logdrain.cli.internal;

import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.OptionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** {@code logdrain send}: plain lines, one event each, like logger(1) but with TLS, octet counting and every format. */
final class SendCommand implements Commands.Command {

    private static final int MAX_BATCH_EVENTS = 1000;
    private static final int MAX_BATCH_CHARS = 1 << 20;
    private static final int MAX_LINE_BYTES = 16 << 20;

    private long nextId = 1;

    static CommandSpec spec() {
        CommandSpec spec = Help.of("send",
                "Deliver plain text lines, one event each: like logger(1), with TLS, octet counting and every format.")
                .details(
                        "Each line of each FILE (or standard input), or each --message, becomes one "
                                + "event stamped with the time it was read. Lines are sent in batches "
                                + "as they arrive, so `tail -F app.log | logdrain send ...` works.",
                        "",
                        "--group and --stream stand for a CloudWatch log group and stream: by default the syslog "
                                + "HOSTNAME is the group, APP-NAME its last segment and PROCID the stream's last "
                                + "segment; URL options such as hostname=, appname= and facility= change that.")
                .examples(
                        "logdrain send -m 'hello from logdrain'",
                        "echo 'disk almost full' | logdrain send --url tcp://127.0.0.1:5514 -p warning",
                        "logdrain send --url 'tcp+tls://logs.example.com:6514?appname=backup' \\",
                        "    --group db-1 /var/log/backup.log",
                        "tail -F app.log | logdrain send --url 'udp://10.0.0.5?format=rfc3164' \\",
                        "    --group web --stream app")
                .exitStatus("0 every line delivered, 1 a delivery failed, 2 bad usage or bad input.");
        spec.addPositional(Commands.files());
        DestinationOptions.addTo(spec);
        spec.addOption(Commands.option(new String[] {"-g", "--group"}, "G",
                "Log group the lines belong to (default: this host's name)."));
        spec.addOption(Commands.option(new String[] {"-s", "--stream"}, "S",
                "Log stream the lines belong to (default: your user name)."));
        spec.addOption(Commands.option(new String[] {"-p", "--severity"}, "LEVEL",
                "Severity of every line: emerg, alert, crit, err, warning, notice, info, debug, 0-7, or auto "
                        + "(detect from the text). Sets the URL option severity= of every destination."));
        spec.addOption(Commands.repeatable(new String[] {"-m", "--message"}, "TEXT",
                "Send TEXT as one event (may be given more than once); then no input is read unless FILEs are given."));
        CommonOptions.addTo(spec);
        return Commands.withHelp(spec);
    }

    @Override
    public int run(Args args, Commands.Io io) throws IOException {
        DestinationOptions destinationOptions = new DestinationOptions(args);
        CommonOptions common = new CommonOptions(args);
        List<String> messages = args.strings("--message");
        List<String> files = args.positionals();
        String severity = args.string("--severity");
        PrintWriter err = io.err();
        List<Inputs.Input> inputs = messages.isEmpty() || !files.isEmpty() ? Inputs.of(files) : List.of();
        String group = args.string("--group");
        String stream = args.string("--stream");
        String logGroup = group != null ? group : localHostName();
        String logStream = stream != null ? stream : System.getProperty("user.name", "");
        Duration timeout = destinationOptions.timeout();
        try (PluginRegistry registry = common.registry()) {
            List<Destination> destinations = withSeverity(registry, severity, destinationOptions);
            try (Tally tally = Tally.to(registry, destinations, timeout, err, common.verbose())) {
                if (!messages.isEmpty()) {
                    List<LogEvent> events = new ArrayList<>();
                    for (String message : messages) {
                        events.add(event(message));
                    }
                    tally.deliver(LogBatch.of(logGroup, logStream, events), "--message");
                }
                for (Inputs.Input input : inputs) {
                    send(input, io.in(), LogBatch.of(logGroup, logStream, List.of()), tally);
                }
                tally.finish();
            }
        }
        return CliException.DELIVERED;
    }

    private void send(Inputs.Input input, InputStream standardInput, LogBatch origin, Tally tally)
            throws IOException {
        try (InputStream in = input.open(standardInput)) {
            LineReader reader = new LineReader(in, MAX_LINE_BYTES);
            List<LogEvent> events = new ArrayList<>();
            long chars = 0;
            long firstLine = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                events.add(event(line));
                chars += line.length();
                // send when the batch is full, or when waiting for more input would hold these lines back
                if (events.size() >= MAX_BATCH_EVENTS || chars >= MAX_BATCH_CHARS || !reader.ready()) {
                    tally.deliver(origin.withEvents(events), where(input, firstLine, reader.lineNumber()));
                    events.clear();
                    chars = 0;
                    firstLine = reader.lineNumber() + 1;
                }
            }
            if (!events.isEmpty()) {
                tally.deliver(origin.withEvents(events), where(input, firstLine, reader.lineNumber()));
            }
        } catch (CliException e) {
            tally.interrupt();
            throw e.exitStatus() == CliException.BAD_USAGE ? CliException.input(input.name() + ": " + e.getMessage(), e) : e;
        } catch (IOException e) {
            tally.interrupt();
            throw CliException.input(input.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String where(Inputs.Input input, long first, long last) {
        return input.name() + (first == last ? " line " + first : " lines " + first + "-" + last);
    }

    private LogEvent event(String message) {
        return new LogEvent(Long.toString(nextId++), System.currentTimeMillis(), message);
    }

    /** Adds severity= to every destination, refusing a URL that sets it already or a format without it. */
    private static List<Destination> withSeverity(PluginRegistry registry, String severity,
                                                  DestinationOptions destinationOptions) {
        List<Destination> destinations = destinationOptions.parse();
        if (severity == null) {
            return destinations;
        }
        String level = severity.strip().toLowerCase(Locale.ROOT);
        if (!level.matches("[a-z0-9]+")) {
            throw CliException.usage("--severity '" + severity + "': expected a name such as warning, a number 0-7, or auto");
        }
        List<Destination> result = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            Destination destination = destinations.get(i);
            if (destination.option("severity").isPresent()) {
                throw CliException.usage("--severity and the URL option severity= both set the severity of "
                        + destination + "; give only one");
            }
            String format = destination.option("format", PluginRegistry.DEFAULT_FORMAT);
            boolean supported = registry.formatter(format).options().stream().map(OptionSpec::name)
                    .anyMatch("severity"::equals);
            if (!supported) {
                throw CliException.usage("--severity: format " + format + " of " + destination + " has no severity");
            }
            result.add(destination.withOption("severity", level));
        }
        return result;
    }

    private static String localHostName() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
