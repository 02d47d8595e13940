package dev.logdrain.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.ProcessorProvider;
import dev.logdrain.spi.SinkProvider;
import dev.logdrain.spi.SourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds providers: built-ins with {@link ServiceLoader}, plugin jars with pf4j (only touched when a
 * plugin directory holds a jar, so that a host without plugins does not pay for loading pf4j).
 */
public final class PluginLoader {

    /** A provider and where it came from. */
    public record Registered<T>(T provider, String origin) {
    }

    /** What was found, keyed by scheme or name, in discovery order. */
    public record Loaded(Map<String, Registered<SinkProvider>> sinks,
                         Map<String, Registered<FormatterProvider>> formatters,
                         Map<String, Registered<SourceProvider>> sources,
                         Map<String, Registered<ProcessorProvider>> processors,
                         AutoCloseable pluginManager) {
    }

    private PluginLoader() {
    }

    public static Loaded load(List<Path> pluginDirectories, ClassLoader hostLoader) {
        Map<String, Registered<SinkProvider>> sinks = new LinkedHashMap<>();
        Map<String, Registered<FormatterProvider>> formatters = new LinkedHashMap<>();
        Map<String, Registered<SourceProvider>> sources = new LinkedHashMap<>();
        Map<String, Registered<ProcessorProvider>> processors = new LinkedHashMap<>();
        for (SinkProvider p : ServiceLoader.load(SinkProvider.class, hostLoader)) {
            addSink(sinks, p, builtInOrigin(p));
        }
        for (FormatterProvider p : ServiceLoader.load(FormatterProvider.class, hostLoader)) {
            add(formatters, "format", p.name(), p, builtInOrigin(p));
        }
        for (SourceProvider p : ServiceLoader.load(SourceProvider.class, hostLoader)) {
            add(sources, "source", p.name(), p, builtInOrigin(p));
        }
        for (ProcessorProvider p : ServiceLoader.load(ProcessorProvider.class, hostLoader)) {
            add(processors, "processor", p.name(), p, builtInOrigin(p));
        }
        AutoCloseable manager = null;
        if (!pluginDirectories.isEmpty()) {
            for (Path dir : pluginDirectories) {
                if (!Files.isDirectory(dir)) {
                    throw new ConfigurationException("plugin directory " + dir + " does not exist or is not a directory");
                }
            }
            manager = Pf4jPlugins.load(pluginDirectories, hostLoader, (provider, origin) -> {
                if (provider instanceof SinkProvider p) {
                    addSink(sinks, p, origin);
                } else if (provider instanceof FormatterProvider p) {
                    add(formatters, "format", p.name(), p, origin);
                } else if (provider instanceof SourceProvider p) {
                    add(sources, "source", p.name(), p, origin);
                } else if (provider instanceof ProcessorProvider p) {
                    add(processors, "processor", p.name(), p, origin);
                }
            });
        }
        return new Loaded(sinks, formatters, sources, processors, manager);
    }

    private static void addSink(Map<String, Registered<SinkProvider>> sinks, SinkProvider p, String origin) {
        for (String scheme : p.schemes()) {
            add(sinks, "scheme", scheme, p, origin);
        }
    }

    private static <T> void add(Map<String, Registered<T>> map, String what, String name, T provider, String origin) {
        Registered<T> previous = map.putIfAbsent(name, new Registered<>(provider, origin));
        if (previous != null) {
            throw new ConfigurationException(what + " '" + name + "' is provided twice: by "
                    + previous.origin() + " and by " + origin);
        }
    }

    /** {@code built-in (logdrain-syslog-format-0.1.0.jar)}: the jar or folder the class came from. */
    static String builtInOrigin(Object provider) {
        String location;
        try {
            var source = provider.getClass().getProtectionDomain().getCodeSource();
            location = source == null ? "class path" : Path.of(source.getLocation().toURI()).getFileName().toString();
        } catch (Exception | Error e) {
            location = "class path";
        }
        return "built-in (" + location + ", " + provider.getClass().getName() + ")";
    }
}
