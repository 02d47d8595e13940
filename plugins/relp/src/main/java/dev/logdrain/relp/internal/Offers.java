package dev.logdrain.relp.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RELP session offers, exchanged by {@code open}: one {@code name[=value[,value...]]} per line, e.g.
 * {@code relp_version=0}, {@code relp_software=logdrain,0.1.0}, {@code commands=syslog}.
 */
public final class Offers {

    /** The only RELP protocol version there is (librelp's current one). */
    public static final int RELP_VERSION = 0;

    private final Map<String, List<String>> offers;

    private Offers(Map<String, List<String>> offers) {
        this.offers = offers;
    }

    /** What a client that sends syslog messages offers. */
    public static String client(String software) {
        return "relp_version=" + RELP_VERSION + "\nrelp_software=" + software + "\ncommands=syslog";
    }

    public static Offers parse(String text) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = (eq < 0 ? line : line.substring(0, eq)).strip();
            List<String> values = new ArrayList<>();
            if (eq >= 0) {
                Arrays.stream(line.substring(eq + 1).split(",")).map(String::strip)
                        .filter(v -> !v.isEmpty()).forEach(values::add);
            }
            result.put(name, Collections.unmodifiableList(values));
        }
        return new Offers(Collections.unmodifiableMap(result));
    }

    public List<String> values(String name) {
        return offers.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return offers.containsKey(name);
    }

    /** The values joined by commas, or empty. */
    public String value(String name) {
        return String.join(",", values(name));
    }

    public Map<String, List<String>> asMap() {
        return offers;
    }

    @Override
    public String toString() {
        return offers.toString();
    }
}
