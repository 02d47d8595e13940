package dev.logdrain.cli;

import dev.logdrain.cli.internal.Args;
import dev.logdrain.cli.internal.CliException;
import dev.logdrain.cli.internal.Commands;
import dev.logdrain.cli.internal.StandardInput;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code logdrain} command: {@code replay}, {@code send}, {@code check} and {@code plugins}.
 *
 * <p>Exit status: 0 delivered, 1 delivery failed, 2 bad usage or bad input. Errors are one line on
 * standard error; {@code --verbose} adds the detail (stack traces).
 */
public final class Logdrain {

    private Logdrain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(args, StandardInput.get(), out, err);
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
        try {
            if (args.length > 0 && args[0].equals("help")) {
                return help(args, out, err);
            }
            if (args.length > 0 && !args[0].startsWith("-") && !Commands.names().contains(args[0])) {
                err.println("logdrain: unknown command '" + args[0] + "' (see 'logdrain --help' for the commands)");
                return CliException.BAD_USAGE;
            }
            CommandLine root = commandLine(args);
            root.setOut(out);
            root.setErr(err);
            ParseResult parsed;
            try {
                parsed = root.parseArgs(args);
            } catch (ParameterException e) {
                return usageError(e, err);
            }
            Integer helpShown = CommandLine.executeHelpRequest(parsed);
            if (helpShown != null) {
                return helpShown;
            }
            if (!parsed.hasSubcommand()) {
                err.println("logdrain: a command is required");
                root.usage(err);
                return CliException.BAD_USAGE;
            }
            ParseResult command = parsed.subcommand();
            Args commandArgs = new Args(command);
            String name = command.commandSpec().qualifiedName();
            try {
                return Commands.command(command.commandSpec().name())
                        .run(commandArgs, new Commands.Io(standardInput, out, err));
            } catch (Exception e) {
                return failure(e, name, commandArgs.verbose(), err);
            } catch (OutOfMemoryError e) {
                // the input limits follow the heap, so this should not happen; if it does, one line all the same
                err.println(name + ": out of memory (" + e.getMessage() + ", heap "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB): give the JVM more, e.g. "
                        + "LOGDRAIN_JAVA_OPTS=-Xmx1g");
                return CliException.DELIVERY_FAILED;
            }
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The command tree. Only the subcommand named by the first argument is built, which saves start-up
     * time; {@code logdrain --help} and mistakes get them all.
     */
    private static CommandLine commandLine(String[] args) {
        CommandLine root = new CommandLine(Commands.root());
        if (args.length > 0 && Commands.names().contains(args[0])) {
            root.addSubcommand(args[0], new CommandLine(Commands.spec(args[0])));
        } else {
            for (String name : Commands.names()) {
                root.addSubcommand(name, new CommandLine(Commands.spec(name)));
            }
        }
        return root;
    }

    /** {@code logdrain help [COMMAND]}: the same as {@code logdrain [COMMAND] --help}. */
    private static int help(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 2 || (args.length == 2 && !Commands.names().contains(args[1]))) {
            String what = args.length > 2 ? "help takes at most one command" : "unknown command '" + args[1] + "'";
            err.println("logdrain: " + what + " (see 'logdrain --help' for the commands)");
            return CliException.BAD_USAGE;
        }
        String[] helpArgs = args.length == 2 ? new String[] {args[1], "--help"} : new String[] {"--help"};
        CommandLine root = commandLine(helpArgs);
        root.setOut(out);
        root.setErr(err);
        Integer shown = CommandLine.executeHelpRequest(root.parseArgs(helpArgs));
        return shown == null ? 0 : shown;
    }

    /** A usage mistake: one line naming it, and where to find help. */
    private static int usageError(ParameterException e, PrintWriter err) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String help = command.getParent() == null ? "'logdrain --help' for the commands" : "'" + name + " --help'";
        err.println(name + ": " + firstLine(e.getMessage()) + " (see " + help + ")");
        return CliException.BAD_USAGE;
    }

    private static int failure(Exception e, String name, boolean verbose, PrintWriter err) {
        int status;
        String message;
        if (e instanceof CliException cli) {
            status = cli.exitStatus();
            message = cli.getMessage();
        } else if (e instanceof ConfigurationException || e instanceof InvalidInputException) {
            status = CliException.BAD_USAGE;
            message = e.getMessage();
        } else if (e instanceof UncheckedIOException || e instanceof IOException) {
            status = CliException.BAD_USAGE;
            message = "cannot read the input: " + e.getMessage();
        } else {
            status = CliException.DELIVERY_FAILED;
            message = "internal error: " + e + (verbose ? "" : " (--verbose shows the stack trace)");
        }
        err.println(name + ": " + firstLine(message));
        if (verbose) {
            e.printStackTrace(err);
        }
        return status;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
