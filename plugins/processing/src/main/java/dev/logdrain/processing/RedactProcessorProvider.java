package dev.logdrain.processing;

import com.google.re2j.Pattern;
import dev.logdrain.processing.internal.Detector;
import dev.logdrain.processing.internal.Patterns;
import dev.logdrain.processing.internal.Redactor;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Processor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code redact=ip,email,card,aws-key,bearer}, {@code redact.pattern=REGEX}, {@code redact.with=TEXT}. */
public final class RedactProcessorProvider extends FixedOptionsProvider {

    static final String DEFAULT_WITH = "[REDACTED]";

    public RedactProcessorProvider() {
        super("redact",
                OptionSpec.of("redact", "comma-separated detectors to replace: " + choices()
                        + " (IPv4/IPv6, e-mail, Luhn-checked card numbers, AWS access key ids, Bearer tokens and JWTs)"),
                OptionSpec.of("redact.pattern", "also replace what this regular expression matches (RE2 syntax)"),
                OptionSpec.of("redact.with", "the replacement text (default " + DEFAULT_WITH + ")"));
    }

    @Override
    public Processor create(Destination destination) {
        // the order of the detectors is fixed (tokens before addresses), whatever the order in the option
        List<Detector> detectors = new ArrayList<>();
        String names = destination.option("redact").orElse("");
        List<Detector> asked = new ArrayList<>();
        for (String name : names.isBlank() ? new String[0] : names.split(",", -1)) {
            Detector detector = Detector.byName(name);
            if (detector == null) {
                throw Patterns.invalid(destination, "redact", names, choices() + " (comma-separated)");
            }
            asked.add(detector);
        }
        for (Detector d : Detector.values()) {
            if (asked.contains(d)) {
                detectors.add(d);
            }
        }
        Pattern custom = Patterns.optional(destination, "redact.pattern");
        if (detectors.isEmpty() && custom == null) {
            throw new ConfigurationException(Patterns.where(destination) + ": redact needs detectors (redact=ip,email) or redact.pattern=REGEX");
        }
        String with = destination.option("redact.with").orElse(DEFAULT_WITH);
        return new Redactor(detectors, custom, with);
    }

    private static String choices() {
        return Stream.of(Detector.values()).map(Detector::optionValue).sorted().collect(Collectors.joining(", "));
    }
}
