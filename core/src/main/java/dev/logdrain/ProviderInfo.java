package dev.logdrain;

import dev.logdrain.spi.OptionSpec;
import java.util.List;

/**
 * One provider known to a {@link PluginRegistry}, for listings such as {@code logdrain plugins}.
 *
 * @param kind    source, formatter, sink or processor
 * @param names   the source, format or processor name, or the schemes of a sink
 * @param origin  where it came from: {@code built-in (jar)} or {@code plugin ID VERSION (path)}
 * @param options the options it accepts
 */
public record ProviderInfo(Kind kind, List<String> names, String origin, List<OptionSpec> options) {

    public enum Kind { SOURCE, FORMATTER, SINK, PROCESSOR }

    public ProviderInfo {
        names = List.copyOf(names);
        options = List.copyOf(options);
    }
}
