package dev.logdrain.cli.internal;

import dev.logdrain.spi.Destination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --url} (repeatable; {@code stdout://} when none), {@code --process} and {@code --timeout}. */
final class DestinationOptions {

    static final String STDOUT = "stdout://";

    private final List<String> urls;
    private final int timeoutSeconds;
    private final String process;

    DestinationOptions(Args args) {
        this.urls = args.strings("--url");
        this.process = args.string("--process");
        this.timeoutSeconds = args.integer("--timeout");
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(Commands.repeatable(new String[] {"-u", "--url"}, "URL",
                "Deliver to URL, e.g. tcp+tls://logs.example.com:6514 (may be given more than once). "
                        + "Default: stdout://, which prints what would be sent."));
        // picocli may wrap a word after a '.' in it ("e.\n g."): LogdrainTest checks every description at 80 columns
        spec.addOption(Commands.option(new String[] {"--process"}, "OPTIONS",
                "Processing for every destination, as URL options, for example 'exclude=^REPORT&redact=email,ip'. "
                        + "A URL's own option of the same name wins."));
        spec.addOption(Commands.number("--timeout", "SECONDS", 30,
                "Time each batch may take at each destination, retries included (default: ${DEFAULT-VALUE})."));
    }

    /** The URLs given, or {@code stdout://}. */
    List<String> urls() {
        return urls.isEmpty() ? List.of(STDOUT) : urls;
    }

    /** Whether any destination prints to standard output (then no progress line mixes into it). */
    static boolean printsToStdout(List<Destination> destinations) {
        return destinations.stream().anyMatch(d -> d.scheme().equals("stdout"));
    }

    /** Parses every URL (a {@link dev.logdrain.spi.ConfigurationException} for a bad one). */
    List<Destination> parse() {
        List<Destination> destinations = new ArrayList<>();
        for (String url : urls()) {
            destinations.add(Destination.parse(url).withSharedOptions(shared()));
        }
        return destinations;
    }

    /** The {@code --process} options (a usage error when malformed). */
    java.util.Map<String, String> shared() {
        return process == null ? java.util.Map.of() : Destination.parseOptions(process, "--process");
    }

    Duration timeout() {
        if (timeoutSeconds <= 0) {
            throw CliException.usage("--timeout must be at least 1 second");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }
}
