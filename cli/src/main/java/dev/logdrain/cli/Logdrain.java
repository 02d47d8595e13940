package dev.logdrain.cli;

import dev.logdrain.cli.internal.CheckCommand;
import dev.logdrain.cli.internal.CliException;
import dev.logdrain.cli.internal.PluginsCommand;
import dev.logdrain.cli.internal.ReplayCommand;
import dev.logdrain.cli.internal.SendCommand;
import dev.logdrain.cli.internal.Version;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.InvalidInputException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code logdrain} command: {@code replay}, {@code send}, {@code check} and {@code plugins}.
 *
 * <p>Exit status: 0 delivered, 1 delivery failed, 2 bad usage or bad input. Errors are one line on
 * standard error; {@code --verbose} adds the detail (stack traces).
 */
@Command(name = "logdrain", mixinStandardHelpOptions = true, versionProvider = Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Forward AWS CloudWatch Logs to syslog servers and other log services: replay payloads, send lines, "
                    + "check a destination. Without --url, events are printed to standard output as they would be sent."
        },
        synopsisSubcommandLabel = "COMMAND",
        footer = {
            "",
            "Examples:",
            "  logdrain replay examples/events/ecs-service.json",
            "  logdrain replay --url tcp://127.0.0.1:5514 examples/events/ecs-service.json",
            "  echo hello | logdrain send --url 'tcp+tls://logs.example.com:6514'",
            "  logdrain check --url 'tcp+tls://logs.example.com:6514'",
            "  logdrain plugins",
            "",
            "Run 'logdrain COMMAND --help' for a command's options and examples.",
            "Exit status: 0 delivered, 1 delivery failed, 2 bad usage or bad input."
        })
public final class Logdrain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private Logdrain() {
    }

    /** {@code logdrain} alone: the list of commands, on standard error, as for any usage mistake. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("logdrain: a command is required");
        spec.commandLine().usage(err);
        return CliException.BAD_USAGE;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(args, System.in, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs one command, as {@code main} does but without exiting: for tests and for embedding.
     *
     * @return the exit status: 0 delivered, 1 delivery failed, 2 bad usage or bad input
     */
    public static int run(String[] args, InputStream standardInput, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(args, standardInput);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(Logdrain::usageError);
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> failure(e, command));
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * The command tree. Only the subcommand named by the first argument is built (picocli inspects every
     * command it is given, which costs start-up time); {@code logdrain --help} and mistakes get them all.
     */
    private static CommandLine commandLine(String[] args, InputStream standardInput) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("replay", () -> new ReplayCommand(standardInput));
        commands.put("send", () -> new SendCommand(standardInput));
        commands.put("check", CheckCommand::new);
        commands.put("plugins", PluginsCommand::new);
        CommandLine root = new CommandLine(new Logdrain());
        Supplier<Object> only = args.length > 0 ? commands.get(args[0]) : null;
        if (only != null) {
            root.addSubcommand(args[0], only.get());
        } else {
            commands.forEach((name, command) -> root.addSubcommand(name, command.get()));
        }
        return root;
    }

    /** A usage mistake: one line naming it, and where to find help. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (command.getSubcommands().isEmpty() || command.getParent() != null) {
            err.println(name + ": " + firstLine(e.getMessage()) + " (see '" + name + " --help')");
        } else {
            err.println(name + ": " + firstLine(e.getMessage()) + " (see 'logdrain --help' for the commands)");
        }
        err.flush();
        return CliException.BAD_USAGE;
    }

    private static int failure(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        int status;
        String message;
        if (e instanceof CliException cli) {
            status = cli.exitStatus();
            message = cli.getMessage();
        } else if (e instanceof ConfigurationException || e instanceof InvalidInputException) {
            status = CliException.BAD_USAGE;
            message = e.getMessage();
        } else if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            status = CliException.BAD_USAGE;
            message = "cannot read the input: " + e.getMessage();
        } else {
            status = CliException.DELIVERY_FAILED;
            message = "internal error: " + e + (verbose(command) ? "" : " (--verbose shows the stack trace)");
        }
        err.println(name + ": " + firstLine(message));
        if (verbose(command)) {
            e.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    private static boolean verbose(CommandLine command) {
        CommandLine.ParseResult result = command.getParseResult();
        return result != null && result.hasMatchedOption("--verbose");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
