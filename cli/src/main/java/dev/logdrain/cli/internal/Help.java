package dev.logdrain.cli.internal;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command's help, in the layout every command shares: a summary line and what the command does, then a
 * footer of examples and what its exit status means.
 */
final class Help {

    private final String command;
    private final List<String> description = new ArrayList<>();
    private final List<String> footer = new ArrayList<>(List.of("", "Examples:"));

    private Help(String command, String summary) {
        this.command = command;
        description.add(summary);
    }

    /** @param summary the description's first line, which {@code logdrain --help} lists the command with */
    static Help of(String command, String summary) {
        return new Help(command, summary);
    }

    /** The description's lines after the summary (picocli wraps each one); an empty one separates paragraphs. */
    Help details(String... lines) {
        description.add("");
        description.addAll(List.of(lines));
        return this;
    }

    /** Example command lines, each indented by two blanks under "Examples:". */
    Help examples(String... lines) {
        for (String line : lines) {
            footer.add("  " + line);
        }
        return this;
    }

    /** The command's spec, its footer ending with {@code Exit status: meaning}; the caller adds the options. */
    CommandSpec exitStatus(String meaning) {
        footer.add("");
        footer.add("Exit status: " + meaning);
        CommandSpec spec = Commands.newSpec(command);
        spec.usageMessage().description(description.toArray(String[]::new)).footer(footer.toArray(String[]::new));
        return spec;
    }
}
