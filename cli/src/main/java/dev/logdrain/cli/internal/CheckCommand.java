package dev.logdrain.cli.internal;

import dev.logdrain.DestinationReport;
import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.Sink;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code logdrain check}: resolve, connect, handshake, send one test message, with timings and a diagnosis. */
final class CheckCommand implements Commands.Command {

    static CommandSpec spec() {
        CommandSpec spec = Help.of("check", "Try a destination: connect, handshake, send one test message.")
                .details(
                        "Resolves the host name, connects, does the TLS handshake (showing protocol, "
                                + "cipher and the server's certificate), then sends one test message "
                                + "through the same Forwarder as the Lambda function, with the time "
                                + "each step took. A failure is explained in one line: DNS, refused, "
                                + "timeout, certificate (expired, untrusted CA, wrong name) or TLS.")
                .examples(
                        "logdrain check --url tcp://127.0.0.1:5514",
                        "logdrain check --url 'tcp+tls://logs.example.com:6514?ca=/etc/ssl/my-ca.pem'",
                        "logdrain check --url tls://logs.papertrailapp.com:12345 --url udp://10.0.0.5")
                .exitStatus("0 every destination took the test message, 1 one did not, 2 bad usage.");
        spec.addOption(OptionSpec.builder("-u", "--url").paramLabel("URL").type(List.class).auxiliaryTypes(String.class)
                .required(true).description("The destination to check (may be given more than once).").build());
        spec.addOption(Commands.number("--timeout", "SECONDS", 10, "Time allowed for each step (default: ${DEFAULT-VALUE})."));
        CommonOptions.addTo(spec);
        return Commands.withHelp(spec);
    }

    private int timeoutSeconds;
    private CommonOptions common;
    private PrintWriter err;

    @Override
    public int run(Args args, Commands.Io io) {
        timeoutSeconds = args.integer("--timeout");
        common = new CommonOptions(args);
        if (timeoutSeconds <= 0) {
            throw CliException.usage("--timeout must be at least 1 second");
        }
        PrintWriter out = io.out();
        err = io.err();
        try (PluginRegistry registry = common.registry()) {
            // Everything that can be checked without the network is, for every destination, before the
            // first connect: a bad option is a usage error (exit 2), not a "connection refused".
            List<Forwarder> forwarders = new ArrayList<>();
            try {
                for (String url : args.strings("--url")) {
                    forwarders.add(Forwarder.create(registry, List.of(registry.validate(Destination.parse(url)))));
                }
                int failures = 0;
                for (Forwarder forwarder : forwarders) {
                    Destination destination = forwarder.destinations().get(0);
                    String problem = check(registry, destination, forwarder, out);
                    out.flush();
                    if (problem != null) {
                        err.println("logdrain check: " + destination + ": " + problem);
                        err.flush();
                        failures++;
                    }
                }
                return failures == 0 ? CliException.DELIVERED : CliException.DELIVERY_FAILED;
            } finally {
                forwarders.forEach(Forwarder::close);
            }
        }
    }

    /** Checks one destination, printing each step; returns the diagnosis of a failure, or null. */
    private String check(PluginRegistry registry, Destination destination, Forwarder forwarder, PrintWriter out) {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        long start = System.nanoTime();
        out.println("checking " + destination);
        ServiceCheck.print(destination, out);

        // a destination without a port (stdout://) is not a network address: nothing to resolve
        if (!destination.host().isEmpty() && destination.port() > 0) {
            long t = System.nanoTime();
            try {
                InetAddress[] addresses = InetAddress.getAllByName(destination.host());
                out.printf(Locale.ROOT, "  %-9s %s -> %s (%d ms)%n", "resolve", destination.host(),
                        Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(", ")),
                        millisSince(t));
            } catch (UnknownHostException e) {
                out.printf(Locale.ROOT, "  %-9s %s: failed (%d ms)%n", "resolve", destination.host(), millisSince(t));
                return Diagnosis.of(e, destination);
            }
        }

        long t = System.nanoTime();
        Map<String, String> facts;
        Sink sink = registry.sink(destination.scheme()).create(destination);
        try {
            facts = sink.connect(Deadline.after(timeout));
        } catch (IOException | RuntimeException e) {
            out.printf(Locale.ROOT, "  %-9s failed (%d ms)%n", "connect", millisSince(t));
            if (common.verbose()) {
                out.flush();
                e.printStackTrace(err);
            }
            return Diagnosis.of(e, destination);
        } finally {
            sink.close();
        }
        out.printf(Locale.ROOT, "  %-9s %s (%d ms)%n", "connect",
                facts.isEmpty() ? "nothing to connect for " + destination.scheme() + "://" : "ok", millisSince(t));
        int width = facts.keySet().stream().mapToInt(String::length).max().orElse(0);
        facts.forEach((name, value) -> out.printf(Locale.ROOT, "    %-" + width + "s  %s%s%n", name, value,
                expiry(name, value)));

        String token = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String host = localHostName();
        String text = "logdrain check: test message " + token + " from " + host + " at " + Instant.now();
        LogBatch batch = LogBatch.of(host, "logdrain-check", List.of(new LogEvent(token, System.currentTimeMillis(), text)));
        t = System.nanoTime();
        ForwardReport report = forwarder.forward(batch, Deadline.after(timeout));
        DestinationReport d = report.destinations().get(0);
        if (!report.isSuccess()) {
            out.printf(Locale.ROOT, "  %-9s failed (%d ms)%n", "send", millisSince(t));
            return "the test message was not delivered: " + d.error();
        }
        out.printf(Locale.ROOT, "  %-9s 1 test message, %d bytes, %s (%d ms)%n", "send", d.bytes(),
                confirmation(destination.scheme()), millisSince(t));
        out.printf(Locale.ROOT, "    %s%n", text);
        out.printf(Locale.ROOT, "ok: %s took a test message (%d ms in all)%n", destination, millisSince(start));
        return null;
    }

    /** {@code  (in 42 days)} after a certificate's expiry date, so that a soon-expiring one stands out. */
    static String expiry(String name, String value) {
        if (!name.contains("not_after") && !name.contains("expires")) {
            return "";
        }
        try {
            Duration left = Duration.between(Instant.now(), Instant.parse(value));
            if (left.isNegative()) {
                return " (EXPIRED " + left.negated().toDays() + " days ago)";
            }
            return left.toDays() < 1 ? " (in " + left.toHours() + " hours)" : " (in " + left.toDays() + " days)";
        } catch (java.time.format.DateTimeParseException e) {
            return "";
        }
    }

    /** What "sent" means for a transport, so that nobody mistakes a TCP write for an acknowledgement. */
    private static String confirmation(String scheme) {
        if (scheme.startsWith("relp")) {
            return "acknowledged by the server";
        }
        if (scheme.equals("stdout")) {
            return "printed";
        }
        if (scheme.equals("udp")) {
            return "sent, unconfirmed (UDP): look for it on the server";
        }
        return "written, unconfirmed (syslog over TCP): look for it on the server";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
