package dev.logdrain.cli.internal;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The commands and their picocli models. The models are built with picocli's programmatic API rather than
 * annotations: reading annotations by reflection (and making a proxy class for each annotation type)
 * took about a third of the tool's start-up time.
 */
public final class Commands {

    /** What a command runs with: standard input, and where its output and messages go. */
    public record Io(InputStream in, PrintWriter out, PrintWriter err) {
    }

    /** One command. */
    public interface Command {
        /** @return the exit status */
        int run(Args args, Io io) throws Exception;
    }

    private record Entry(Supplier<CommandSpec> spec, Supplier<Command> command) {
    }

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("replay", new Entry(ReplayCommand::spec, ReplayCommand::new));
        COMMANDS.put("redrive", new Entry(RedriveCommand::spec, RedriveCommand::new));
        COMMANDS.put("send", new Entry(SendCommand::spec, SendCommand::new));
        COMMANDS.put("check", new Entry(CheckCommand::spec, CheckCommand::new));
        COMMANDS.put("plugins", new Entry(PluginsCommand::spec, PluginsCommand::new));
    }

    private Commands() {
    }

    public static Set<String> names() {
        return COMMANDS.keySet();
    }

    public static CommandSpec spec(String name) {
        return COMMANDS.get(name).spec().get();
    }

    public static Command command(String name) {
        return COMMANDS.get(name).command().get();
    }

    /** {@code logdrain} itself: help, version, and the commands (added by the caller). */
    public static CommandSpec root() {
        CommandSpec spec = newSpec("logdrain");
        spec.usageMessage()
                .synopsisSubcommandLabel("COMMAND")
                .description("Forward AWS CloudWatch Logs to syslog servers and other log services: replay payloads, "
                        + "send lines, check a destination. Without --url, events are printed to standard output "
                        + "as they would be sent.")
                .footer("",
                        "Examples:",
                        "  logdrain replay examples/events/ecs-service.json",
                        "  logdrain replay --url tcp://127.0.0.1:5514 examples/events/ecs-service.json",
                        "  echo hello | logdrain send --url 'tcp+tls://logs.example.com:6514'",
                        "  logdrain check --url 'tcp+tls://logs.example.com:6514'",
                        "  logdrain redrive s3://my-failures/",
                        "  logdrain plugins",
                        "",
                        "Run 'logdrain COMMAND --help' for a command's options and examples.",
                        "Exit status: 0 delivered, 1 delivery failed, 2 bad usage or bad input.");
        return withHelp(spec);
    }

    /** A command whose options are listed in the order they are added; see {@link #withHelp}. */
    static CommandSpec newSpec(String name) {
        CommandSpec spec = CommandSpec.create().name(name).versionProvider(new Version());
        spec.usageMessage().sortOptions(false).autoWidth(true);
        return spec;
    }

    /**
     * Adds --help and --version, after the command's own options. (Declared here rather than with picocli's
     * mixinStandardHelpOptions, which reads its annotated mixin class by reflection: 50 ms at every start.)
     */
    static CommandSpec withHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).arity("0").type(boolean.class)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).arity("0").type(boolean.class)
                .description("Print version information and exit.").build());
        return spec;
    }

    static OptionSpec option(String[] names, String label, String description) {
        return OptionSpec.builder(names).paramLabel(label).type(String.class).description(description).build();
    }

    static OptionSpec repeatable(String[] names, String label, String description) {
        return OptionSpec.builder(names).paramLabel(label).type(List.class).auxiliaryTypes(String.class)
                .description(description).build();
    }

    static OptionSpec number(String name, String label, int defaultValue, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(int.class).defaultValue(Integer.toString(defaultValue))
                .description(description).build();
    }

    static OptionSpec flag(String[] names, String description) {
        return OptionSpec.builder(names).arity("0").type(boolean.class).description(description).build();
    }

    /** {@code [FILE...]}: files, {@code -} or none for standard input. */
    static PositionalParamSpec files() {
        return PositionalParamSpec.builder().paramLabel("FILE").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).description("Files to read; - or none: standard input.").build();
    }
}
