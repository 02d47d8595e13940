package dev.logdrain.lambda.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function started as AWS starts a Java function: the real Lambda runtime interface client
 * ({@code AWSLambda HANDLER}) in its own JVM, working directory the task root, talking to a
 * {@link FakeRuntimeApi}. Standard output and error go to a file.
 */
public final class RuntimeClientProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private RuntimeClientProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code handler} with the task root (and its {@code lib/}) plus the jars of the test class path
     * whose file names pass {@code extraJars} (the runtime client's own, and any the handler needs).
     */
    public static RuntimeClientProcess start(Path taskRoot, List<Path> extraClassPath, String handler,
                                             FakeRuntimeApi api, Map<String, String> env, Path output)
            throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(taskRoot.toString());
        entries.add(taskRoot.resolve("lib") + File.separator + "*");
        extraClassPath.forEach(p -> entries.add(p.toString()));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, entries),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().putAll(env);
        return new RuntimeClientProcess(builder.start(), output);
    }

    /** The jars of this JVM's class path whose file names pass the filter. */
    public static List<Path> testClassPath(Predicate<String> fileName) {
        List<Path> found = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName() != null && fileName.test(path.getFileName().toString())) {
                found.add(path);
            }
        }
        return found;
    }

    /** Everything the function printed so far. */
    public String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    public static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("bad entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
