package dev.logdrain.cli.internal;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command's help, in the layout every command shares: what it does, then a footer of examples and what
 * its exit status means.
 */
final class Help {

    private final CommandSpec spec;
    private final List<String> footer = new ArrayList<>(List.of("", "Examples:"));

    private Help(String command) {
        this.spec = Commands.newSpec(command);
    }

    static Help of(String command) {
        return new Help(command);
    }

    /** The description's lines (picocli wraps each one); an empty one separates paragraphs. */
    Help description(String... lines) {
        spec.usageMessage().description(lines);
        return this;
    }

    /** Example command lines, each indented by two blanks under "Examples:". */
    Help examples(String... lines) {
        for (String line : lines) {
            footer.add("  " + line);
        }
        return this;
    }

    /** The spec, its footer ending with {@code Exit status: meaning}; the caller adds the options. */
    CommandSpec exitStatus(String meaning) {
        footer.add("");
        footer.add("Exit status: " + meaning);
        spec.usageMessage().footer(footer.toArray(String[]::new));
        return spec;
    }
}
