package dev.logdrain.cli.internal;

import dev.logdrain.PluginRegistry;
import dev.logdrain.ProviderInfo;
import dev.logdrain.spi.OptionSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** {@code logdrain plugins}: every source, format, scheme and processor, where it came from, and its options. */
final class PluginsCommand implements Commands.Command {

    static CommandSpec spec() {
        CommandSpec spec = Help.of("plugins",
                "List sources, formats, schemes and processors, where each came from, and their options.")
                .details(
                        "Built-in providers come from the jars of logdrain itself; --plugins "
                                + "DIR adds the plugin jars in DIR. Two providers claiming "
                                + "one format name or scheme is an error that names both.")
                .examples(
                        "logdrain plugins",
                        "logdrain plugins --plugins examples/plugin-jsonl/target/plugins")
                .exitStatus("0 listed, 2 bad usage or a plugin that cannot load.");
        CommonOptions.addTo(spec);
        return Commands.withHelp(spec);
    }

    @Override
    public int run(Args args, Commands.Io io) {
        PrintWriter out = io.out();
        try (PluginRegistry registry = new CommonOptions(args).registry()) {
            List<ProviderInfo> providers = registry.providers();
            section(out, "Sources (input decoders)", providers, ProviderInfo.Kind.SOURCE);
            section(out, "Formats (URL option format=)", providers, ProviderInfo.Kind.FORMATTER);
            section(out, "Schemes (URL scheme://)", providers, ProviderInfo.Kind.SINK);
            section(out, "Processors (URL options, in the order given)", providers, ProviderInfo.Kind.PROCESSOR);
            out.println("Options every destination takes:");
            options(out, PluginRegistry.COMMON_OPTIONS);
            out.flush();
        }
        return CliException.DELIVERED;
    }

    private static void section(PrintWriter out, String title, List<ProviderInfo> providers, ProviderInfo.Kind kind) {
        out.println(title + ":");
        boolean any = false;
        for (ProviderInfo provider : providers) {
            if (provider.kind() != kind) {
                continue;
            }
            any = true;
            out.println("  " + String.join(", ", provider.names()));
            out.println("      from: " + provider.origin());
            options(out, provider.options());
        }
        if (!any) {
            out.println("  (none)");
        }
        out.println();
    }

    private static void options(PrintWriter out, List<OptionSpec> options) {
        for (OptionSpec option : options) {
            out.printf(Locale.ROOT, "      %-14s %s%s%n", option.name(), option.description(),
                    option.secret() ? " (secret: never shown)" : "");
        }
    }
}
