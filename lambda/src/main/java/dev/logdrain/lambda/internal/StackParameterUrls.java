package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * URLs from a CloudFormation stack parameter (convox/syslog's way: the URL stays out of the function's
 * configuration), read with DescribeStacks and cached in a file under /tmp for a time-to-live, so that warm
 * and new execution environments alike rarely call the API. When the API fails and a stale cached value
 * exists, the stale value is used (with a warning) rather than failing the invocation.
 */
public final class StackParameterUrls implements DestinationUrls {

    /** Reads one parameter of a stack. */
    @FunctionalInterface
    public interface ParameterReader {
        /**
         * @return the parameter's value
         * @throws ConfigurationException when the stack or the parameter does not exist or cannot be read
         */
        String read(String stack, String parameter, Deadline deadline);
    }

    private final String stack;
    private final String parameter;
    private final Duration ttl;
    private final Path cacheFile;
    private final ParameterReader reader;
    private final Clock clock;
    private final Consumer<String> warnings;

    public StackParameterUrls(LambdaSettings settings, ParameterReader reader, Clock clock, Consumer<String> warnings) {
        this.stack = settings.stackName();
        this.parameter = settings.urlParameter();
        this.ttl = settings.urlCacheTtl();
        this.cacheFile = settings.cacheDirectory().resolve("logdrain-url-" + safe(stack) + "-" + safe(parameter));
        this.reader = reader;
        this.clock = clock;
        this.warnings = warnings;
    }

    /** The cache file (for tests and the README). */
    public Path cacheFile() {
        return cacheFile;
    }

    @Override
    public Resolved current(Deadline deadline) {
        Optional<Cached> cached = readCache();
        long now = clock.millis();
        if (cached.isPresent() && now - cached.get().fetchedAt() < ttl.toMillis() && now >= cached.get().fetchedAt()) {
            return resolved(cached.get().value(), " (cached)");
        }
        try {
            return fetch(deadline);
        } catch (RuntimeException e) {
            if (cached.isEmpty()) {
                throw e;
            }
            warnings.accept("cannot read the destination URL again (" + e.getMessage() + "); using the value cached "
                    + (now - cached.get().fetchedAt()) / 1000 + " s ago");
            return resolved(cached.get().value(), " (stale cache)");
        }
    }

    /**
     * Marks the cached value as expired (a restored snapshot must not trust a value cached before it), keeping
     * it as the stale fallback should the next lookup fail.
     */
    @Override
    public void expire() {
        readCache().ifPresent(cached -> writeCache(cached.value(), 0));
    }

    @Override
    public Optional<Resolved> refresh(Deadline deadline) {
        return Optional.of(fetch(deadline));
    }

    private Resolved fetch(Deadline deadline) {
        String value = reader.read(stack, parameter, deadline);
        String what = "parameter " + parameter + " of stack " + stack;
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(what + " is empty: give it the destination URL");
        }
        if (value.strip().matches("\\*+")) {
            throw new ConfigurationException(what + " is hidden (NoEcho), and DescribeStacks returns it masked: "
                    + "remove NoEcho from it or set " + LambdaSettings.URL);
        }
        writeCache(value.strip(), clock.millis());
        return resolved(value.strip(), "");
    }

    private Resolved resolved(String value, String note) {
        return new Resolved(LambdaSettings.split(value), "parameter " + parameter + " of stack " + stack + note);
    }

    private record Cached(long fetchedAt, String value) {
    }

    private Optional<Cached> readCache() {
        try {
            String text = Files.readString(cacheFile, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline > 0) {
                return Optional.of(new Cached(Long.parseLong(text.substring(0, newline)), text.substring(newline + 1)));
            }
        } catch (IOException | NumberFormatException e) {
            // no cache, or an unreadable one: look the value up
        }
        return Optional.empty();
    }

    private void writeCache(String value, long fetchedAt) {
        try {
            Files.createDirectories(cacheFile.getParent());
            Path temp = Files.createTempFile(cacheFile.getParent(), ".logdrain-url", ".tmp");
            try {
                // the URL may hold a token: readable by this user only
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(temp, fetchedAt + "\n" + value, StandardCharsets.UTF_8);
            try {
                Files.move(temp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            warnings.accept("cannot cache the destination URL in " + cacheFile + ": " + e.getMessage());
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
