package dev.logdrain.cli.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The FILE arguments of a command: files, or {@code -} (or nothing) for standard input. */
final class Inputs {

    /** One input: a file, or standard input when {@code path} is null. */
    record Input(String name, Path path) {

        boolean isStandardInput() {
            return path == null;
        }

        /** Opens the input; standard input is not closed when the stream is. */
        InputStream open(InputStream standardInput) throws IOException {
            if (path == null) {
                return new FilterInputStream(standardInput) {
                    @Override
                    public void close() {
                        // standard input stays open
                    }
                };
            }
            return Files.newInputStream(path);
        }
    }

    private Inputs() {
    }

    /**
     * Checks that every file can be read before anything is sent, so that a typo in the fifth name does not
     * stop a run half way.
     *
     * @throws CliException (exit status 2) naming the first file that cannot be read
     */
    static List<Input> of(List<String> arguments) {
        List<Input> inputs = new ArrayList<>();
        boolean standardInput = false;
        for (String argument : arguments.isEmpty() ? List.of("-") : arguments) {
            if (argument.equals("-")) {
                if (standardInput) {
                    throw CliException.usage("standard input (-) is given more than once");
                }
                standardInput = true;
                inputs.add(new Input("stdin", null));
                continue;
            }
            Path path = Path.of(argument);
            if (!Files.exists(path)) {
                throw CliException.usage(argument + ": no such file");
            }
            if (Files.isDirectory(path)) {
                throw CliException.usage(argument + ": is a directory (give the files in it, e.g. " + argument
                        + (argument.endsWith("/") ? "" : "/") + "*.json)");
            }
            if (!Files.isReadable(path)) {
                throw CliException.usage(argument + ": permission denied");
            }
            inputs.add(new Input(argument, path));
        }
        return inputs;
    }
}
