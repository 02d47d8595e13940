package dev.logdrain.spi;

import java.util.Objects;

/**
 * An option a provider accepts in a destination URL's query.
 *
 * @param name        the option name, e.g. {@code facility}
 * @param description one line for {@code logdrain plugins} and error messages
 * @param secret      whether its value must never appear in a log line ({@code token=...})
 */
public record OptionSpec(String name, String description, boolean secret) {

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        description = Objects.requireNonNullElse(description, "");
    }

    public static OptionSpec of(String name, String description) {
        return new OptionSpec(name, description, false);
    }

    public static OptionSpec secret(String name, String description) {
        return new OptionSpec(name, description, true);
    }
}
