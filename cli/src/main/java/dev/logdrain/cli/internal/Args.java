package dev.logdrain.cli.internal;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The parsed arguments of one command: each option's value (or its default) by its long name. */
public final class Args {

    private final CommandSpec spec;

    public Args(ParseResult result) {
        this.spec = result.commandSpec();
    }

    private Object value(String option) {
        OptionSpec found = spec.findOption(option);
        if (found == null) {
            throw new IllegalArgumentException("command " + spec.name() + " has no option " + option);
        }
        return found.getValue();
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String option) {
        Object value = value(option);
        return value == null ? List.of() : (List<String>) value;
    }

    String string(String option) {
        return (String) value(option);
    }

    boolean flag(String option) {
        return Boolean.TRUE.equals(value(option));
    }

    int integer(String option) {
        return (Integer) value(option);
    }

    /** The positional parameters (FILE...). */
    @SuppressWarnings("unchecked")
    List<String> positionals() {
        Object value = spec.positionalParameters().isEmpty() ? null : spec.positionalParameters().get(0).getValue();
        return value == null ? List.of() : (List<String>) value;
    }

    /** Whether {@code --verbose} was given (for the error handler). */
    public boolean verbose() {
        return spec.findOption("--verbose") != null && flag("--verbose");
    }
}
