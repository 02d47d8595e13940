package dev.logdrain.lambda.internal;

import dev.logdrain.spi.Deadline;
import java.util.List;
import java.util.Optional;

/** Where the destination URLs come from: {@code LOGDRAIN_URL}, or a stack parameter read with DescribeStacks. */
public interface DestinationUrls {

    /** URLs and where they came from (for messages; never the URLs themselves). */
    record Resolved(List<String> urls, String origin) {
        public Resolved {
            urls = List.copyOf(urls);
        }
    }

    /** The URLs to use now (possibly cached). */
    Resolved current(Deadline deadline);

    /** Looks them up again, bypassing any cache, after a delivery failed; empty when they are fixed. */
    Optional<Resolved> refresh(Deadline deadline);

    /** Treats any cached value as expired, so that the next {@link #current} looks it up (after a SnapStart restore). */
    default void expire() {
    }

    /** Fixed URLs ({@code LOGDRAIN_URL}). */
    static DestinationUrls fixed(List<String> urls) {
        Resolved resolved = new Resolved(urls, LambdaSettings.URL);
        return new DestinationUrls() {
            @Override
            public Resolved current(Deadline deadline) {
                return resolved;
            }

            @Override
            public Optional<Resolved> refresh(Deadline deadline) {
                return Optional.empty();
            }
        };
    }
}
