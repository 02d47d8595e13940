package dev.logdrain.lambda.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * URLs kept in a Secrets Manager secret or an SSM SecureString parameter ({@code LOGDRAIN_URL_SECRET}), read
 * at init and cached in memory (never on disk) for {@code LOGDRAIN_URL_CACHE_TTL}; looked up again once when
 * a delivery fails (the secret may have been rotated), and after a SnapStart restore. When a lookup fails and
 * a value was read before, that value is used with a warning. Messages name the secret, never its value.
 */
public final class SecretUrls implements DestinationUrls {

    /** Reads the secret's value. */
    @FunctionalInterface
    public interface SecretReader {
        /** @throws ConfigurationException when it does not exist or cannot be read */
        String read(Deadline deadline);
    }

    private final String origin;
    private final SecretReader reader;
    private final Duration ttl;
    private final Clock clock;
    private final Consumer<String> warnings;
    private List<String> cached;
    private long fetchedAt;

    public SecretUrls(String origin, SecretReader reader, Duration ttl, Clock clock, Consumer<String> warnings) {
        this.origin = origin;
        this.reader = reader;
        this.ttl = ttl;
        this.clock = clock;
        this.warnings = warnings;
    }

    @Override
    public synchronized Resolved current(Deadline deadline) {
        long now = clock.millis();
        if (cached != null && now >= fetchedAt && now - fetchedAt < ttl.toMillis()) {
            return new Resolved(cached, origin + " (cached)");
        }
        try {
            return fetch(deadline);
        } catch (RuntimeException e) {
            if (cached == null) {
                throw e;
            }
            warnings.accept("cannot read the destination URL again (" + e.getMessage() + "); using the value read "
                    + (now - fetchedAt) / 1000 + " s ago");
            return new Resolved(cached, origin + " (stale)");
        }
    }

    @Override
    public synchronized Optional<Resolved> refresh(Deadline deadline) {
        return Optional.of(fetch(deadline));
    }

    /** Forgets the cached value's age (after a SnapStart restore): the next use reads the secret again. */
    @Override
    public synchronized void expire() {
        fetchedAt = Long.MIN_VALUE / 2;
    }

    private Resolved fetch(Deadline deadline) {
        List<String> urls = LambdaSettings.split(SecretValues.url(reader.read(deadline), origin));
        cached = urls;
        fetchedAt = clock.millis();
        return new Resolved(urls, origin);
    }
}
