package dev.logdrain.cli.internal;

import dev.logdrain.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --plugins DIR} and {@code --verbose}, which every command takes. */
final class CommonOptions {

    private final List<Path> pluginDirectories;
    private final boolean verbose;

    CommonOptions(Args args) {
        this.pluginDirectories = args.strings("--plugins").stream().map(Path::of).toList();
        this.verbose = args.flag("--verbose");
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(Commands.repeatable(new String[] {"--plugins"}, "DIR",
                "Also load the plugin jars in DIR (may be given more than once)."));
        spec.addOption(Commands.flag(new String[] {"-v", "--verbose"},
                "Print details on standard error: what each step did, stack traces of errors."));
    }

    boolean verbose() {
        return verbose;
    }

    /**
     * The built-in providers, plus the plugin jars when {@code --plugins} is given (only then is pf4j loaded,
     * which keeps the start fast).
     */
    PluginRegistry registry() {
        // pf4j logs through slf4j: silent unless --verbose, so that errors stay one line
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
        }
        return pluginDirectories.isEmpty() ? PluginRegistry.builtIns() : PluginRegistry.load(pluginDirectories);
    }
}
