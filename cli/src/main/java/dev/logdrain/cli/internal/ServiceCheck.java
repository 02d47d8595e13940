package dev.logdrain.cli.internal;

import dev.logdrain.internal.ServicePresets;
import dev.logdrain.spi.Destination;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of {@code check} about hosted log services: which service a destination is for (its
 * {@code service=} preset, or its host), what the preset put in force, and what no check from here can see.
 * Never prints an option value that may hold the token.
 */
final class ServiceCheck {

    private ServiceCheck() {
    }

    /** Prints the service lines for a validated (preset-expanded) destination; nothing for an unknown host. */
    static void print(Destination destination, PrintWriter out) {
        Optional<ServicePresets.Preset> preset = ServicePresets.of(destination);
        Optional<ServicePresets.Preset> byHost = ServicePresets.forHost(destination.host());
        if (preset.isEmpty()) {
            byHost.ifPresent(p -> line(out, "service", destination.host() + " is " + p.title() + "'s; without"
                    + " service=" + p.name() + " nothing checks that the URL has what " + p.title()
                    + " needs (docs/services.md)"));
            return;
        }
        ServicePresets.Preset p = preset.get();
        line(out, "service", p.title() + " (service=" + p.name() + "): " + String.join(", ", inForce(destination)));
        if (!destination.host().isEmpty() && (byHost.isEmpty() || !byHost.get().equals(p))) {
            line(out, "", destination.host() + " is not one of " + p.title() + "'s documented hosts (a relay or"
                    + " a test server?)");
        }
        if (!p.warning().isEmpty()) {
            line(out, "warning", p.warning());
        }
        line(out, "checked", "the preset's options and the token's form; below: connection, TLS chain and name");
        line(out, "unchecked", "whether " + p.title() + " accepted the token: a service that drops records with a"
                + " wrong token does so silently; look for the test message in " + p.title() + "'s live view");
    }

    /** The options the preset fixes, secrets by name only. */
    private static List<String> inForce(Destination d) {
        List<String> facts = new ArrayList<>();
        for (String option : List.of("format", "framing", "maxsize")) {
            d.option(option).ifPresent(v -> facts.add(option + "=" + v));
        }
        d.option("sd.static").ifPresent(v -> facts.add("token in STRUCTURED-DATA"
                + (v.contains("@41123") ? " as SD-ID ***@41123" : v.contains("@41058") ? " as SD-ID ***@41058"
                : v.startsWith("[logtail@11993") ? " [logtail@11993 source_token=\"***\"]"
                : v.startsWith("[coralogix@1") ? " [coralogix@1 ... private_key=\"***\" ...]" : "")));
        d.option("prefix").ifPresent(v -> facts.add("token as record prefix"
                + (v.startsWith("[") ? " [***]" : " ***") + " before <PRI>"));
        return facts;
    }

    private static void line(PrintWriter out, String step, String text) {
        out.printf(Locale.ROOT, "  %-9s %s%n", step, text);
    }
}
