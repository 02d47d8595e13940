package dev.logdrain.lambda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
 *
 * <p>The runtime client copies its JNI library to the fixed path {@code /tmp/.libaws-lambda-jni.so} on start
 * (one per sandbox in Lambda). Two clients starting at once on one machine overwrite the file under each other
 * and one of them dies in {@code System.load}, so each process here gets its own copy through the client's
 * {@code NativeClient.JNI} property.
 */
public final class RuntimeClientProcess implements AutoCloseable {

    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final Process process;
    private final FakeRuntimeApi api;
    private final Path output;

    private RuntimeClientProcess(Process process, FakeRuntimeApi api, Path output) {
        this.process = process;
        this.api = api;
        this.output = output;
    }

    /**
     * Starts {@code handler} with the task root (and its {@code lib/}) plus the jars of the test class path
     * whose file names pass {@code extraJars} (the runtime client's own, and any the handler needs).
     */
    public static RuntimeClientProcess start(Path taskRoot, List<Path> extraClassPath, String handler,
                                             FakeRuntimeApi api, Map<String, String> env, Path output)
            throws IOException {
        return start(Path.of(System.getProperty("java.home")), taskRoot, extraClassPath, handler, api, env, output,
                List.of());
    }

    /** As {@link #start(Path, List, String, FakeRuntimeApi, Map, Path)} with JVM options, e.g. {@code -Xmx96m}. */
    public static RuntimeClientProcess start(Path taskRoot, List<Path> extraClassPath, String handler,
                                             FakeRuntimeApi api, Map<String, String> env, Path output,
                                             List<String> jvmOptions) throws IOException {
        return start(Path.of(System.getProperty("java.home")), taskRoot, extraClassPath, handler, api, env, output,
                jvmOptions);
    }

    /** As {@link #start(Path, List, String, FakeRuntimeApi, Map, Path)}, on the JVM under {@code javaHome}. */
    public static RuntimeClientProcess start(Path javaHome, Path taskRoot, List<Path> extraClassPath, String handler,
                                             FakeRuntimeApi api, Map<String, String> env, Path output)
            throws IOException {
        return start(javaHome, taskRoot, extraClassPath, handler, api, env, output, List.of());
    }

    private static RuntimeClientProcess start(Path javaHome, Path taskRoot, List<Path> extraClassPath, String handler,
                                              FakeRuntimeApi api, Map<String, String> env, Path output,
                                              List<String> jvmOptions) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(taskRoot.toString());
        entries.add(taskRoot.resolve("lib") + File.separator + "*");
        extraClassPath.forEach(p -> entries.add(p.toString()));
        Path jni = ownJniLibrary(output.resolveSibling(output.getFileName() + ".jni.so"));
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-D" + JNI_PROPERTY + "=" + jni, "-cp", String.join(File.pathSeparator, entries),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().putAll(env);
        return new RuntimeClientProcess(builder.start(), api, output);
    }

    /**
     * Waits for the function's answer to an invocation; fails at once, with what the function printed, when
     * its process has exited.
     */
    public FakeRuntimeApi.Outcome await(String requestId, Duration timeout) throws InterruptedException, IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            FakeRuntimeApi.Outcome outcome = api.poll(requestId, Duration.ofMillis(200));
            if (outcome != null) {
                return outcome;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the function exited (status " + process.exitValue() + ") before answering "
                        + requestId + ":\n" + output());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no response to " + requestId + " within " + timeout + ":\n" + output());
            }
        }
    }

    /** Copies the runtime client's JNI library for this machine's architecture to {@code target}. */
    private static Path ownJniLibrary(Path target) throws IOException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        boolean musl = Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")) || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
        String name = "/jni/libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so";
        try (InputStream in = Class.forName("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")
                .getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the runtime client jar has no " + name);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (ClassNotFoundException e) {
            throw new IOException("the runtime client is not on the test class path", e);
        }
        return target;
    }

    /** The packaged function, {@code target/logdrain-lambda.zip} (built by {@code mvn package}), unzipped into it. */
    public static void unzipPackage(Path taskRoot) throws IOException {
        Path zip = Path.of("target/logdrain-lambda.zip").toAbsolutePath();
        assertThat(zip).as("run mvn package first").exists();
        unzip(zip, taskRoot);
    }

    /** The runtime client's own jars, from the test class path. */
    public static List<Path> runtimeClientJars() {
        List<Path> jars = testClassPath(n -> n.startsWith("aws-lambda-java-runtime-interface-client")
                || n.startsWith("aws-lambda-java-serialization"));
        assertThat(jars).as("runtime client jars on the test class path").hasSizeGreaterThanOrEqualTo(2);
        return jars;
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
