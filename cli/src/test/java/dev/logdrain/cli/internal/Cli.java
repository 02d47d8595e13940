package dev.logdrain.cli.internal;

import dev.logdrain.cli.Logdrain;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the logdrain command in this JVM, capturing what it prints (the stdout sink aside). */
final class Cli {

    record Result(int status, String out, String err) {

        /** Standard error, which must be one line for any error without --verbose. */
        String errLine() {
            return err.strip();
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    static Result runWithInput(String standardInput, String... args) {
        return run(new ByteArrayInputStream(standardInput.getBytes(StandardCharsets.UTF_8)), args);
    }

    static Result runWithInput(byte[] standardInput, String... args) {
        return run(new ByteArrayInputStream(standardInput), args);
    }

    static Result run(InputStream standardInput, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Logdrain.run(args, standardInput, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }
}
