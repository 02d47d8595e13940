package dev.logdrain.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Standard input as the commands read it, refused when descriptor 0 was closed when the program started
 * ({@code <&-}, as cron and some supervisors start programs). The JVM then opens one of its own files on
 * descriptor 0 (its {@code lib/modules}), which {@code System.in} would read as if it were the input: a
 * command would forward 183 MB of the JVM. The launcher ({@code ./logdrain}) notices the closed descriptor,
 * puts {@code /dev/null} there and says so ({@code -Dlogdrain.stdin=closed}); run without it, the descriptor is
 * looked up in {@code /proc/self/fd} (Linux). Reading a refused standard input fails with an IOException that
 * says what happened; a command that does not read it (files, {@code --message}) runs as usual.
 */
public final class StandardInput {

    /** Set to {@code closed} by the launcher when descriptor 0 was closed. */
    static final String PROPERTY = "logdrain.stdin";

    private StandardInput() {
    }

    /** {@code System.in}, or a stream that refuses to be read when descriptor 0 was closed at start. */
    public static InputStream get() {
        String closed = closedReason(System.getProperty(PROPERTY), Path.of("/proc/self/fd/0"));
        return closed == null ? System.in : refusing(closed);
    }

    /** Why standard input must not be read, or null when it may. */
    static String closedReason(String property, Path descriptorLink) {
        if ("closed".equals(property)) {
            return "standard input is closed (descriptor 0 was closed when logdrain started)";
        }
        if (!Files.isDirectory(descriptorLink.getParent())) {
            return null; // no /proc: nothing to tell
        }
        Path target;
        try {
            target = Files.readSymbolicLink(descriptorLink);
        } catch (NoSuchFileException e) {
            return "standard input is closed (no descriptor 0)";
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
        return isJvmFile(target) ? "standard input is closed (descriptor 0 was closed when logdrain started, and "
                + "the JVM opened its own " + target.getFileName() + " on it)" : null;
    }

    /** A file of the JVM or of the program itself: what the JVM opens first when descriptor 0 is free. */
    private static boolean isJvmFile(Path target) {
        if (!target.isAbsolute()) {
            return false; // pipe:[123], socket:[456]
        }
        String name = target.toString();
        if (name.startsWith(System.getProperty("java.home") + "/") || name.endsWith(".jsa")) {
            return true;
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && (name.equals(entry) || name.equals(Path.of(entry).toAbsolutePath().normalize().toString()))) {
                return true;
            }
        }
        return false;
    }

    static InputStream refusing(String reason) {
        String message = reason + ": give FILE arguments or --message, or redirect it (< /dev/null for no input)";
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException(message);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException(message);
            }

            @Override
            public int available() throws IOException {
                throw new IOException(message);
            }
        };
    }
}
