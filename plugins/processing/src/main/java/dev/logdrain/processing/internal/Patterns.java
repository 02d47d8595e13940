package dev.logdrain.processing.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;

/**
 * Compiles the regular expressions of a configuration with RE2/J: matching takes time linear in the input
 * whatever the pattern ({@code (a+)+$} included), so a pattern from a URL cannot stall the function. The
 * syntax is RE2's (that of Go's regexp): no backreferences and no lookaround.
 */
public final class Patterns {

    private Patterns() {
    }

    /** The option's pattern, or null when the destination does not give it. */
    public static Pattern optional(Destination destination, String option) {
        String value = destination.option(option).orElse(null);
        return value == null ? null : compile(destination, option, value);
    }

    public static Pattern compile(Destination destination, String option, String value) {
        if (value.isEmpty()) {
            throw new ConfigurationException(where(destination) + ": option " + option + " is empty; give a regular expression");
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException(where(destination) + ": option " + option + "='" + value
                    + "' is not a valid RE2 regular expression (" + e.getDescription()
                    + "); RE2 has no backreferences or lookaround, see https://github.com/google/re2/wiki/Syntax");
        }
    }

    /** The destination for messages: scheme, host and port, never userinfo or other option values. */
    public static String where(Destination destination) {
        return destination.scheme() + "://" + destination.hostAndPort();
    }

    public static ConfigurationException invalid(Destination destination, String option, String value, String allowed) {
        return new ConfigurationException(where(destination) + ": option " + option + "='" + value
                + "' is not valid; allowed: " + allowed);
    }
}
