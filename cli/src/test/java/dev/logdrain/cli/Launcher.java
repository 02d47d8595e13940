package dev.logdrain.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the {@code ./logdrain} launcher (or any command) as a process in the repository root, for the ITs. */
final class Launcher {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The exit status and everything the process wrote. */
    record Result(int status, String out, String err) {
    }

    private Launcher() {
    }

    /** Runs {@code ./logdrain ARGS} with standard input given (or closed at once when null). */
    static Result logdrain(String standardInput, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("logdrain").toString());
        command.addAll(List.of(args));
        return run(command, standardInput);
    }

    /** Runs the command without LOGDRAIN_PROGRESS; fails the test when it takes more than 5 minutes. */
    static Result run(List<String> command, String standardInput) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("LOGDRAIN_PROGRESS");
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (standardInput != null) {
            process.getOutputStream().write(standardInput.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
