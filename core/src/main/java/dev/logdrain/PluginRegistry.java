package dev.logdrain;

import dev.logdrain.internal.PluginLoader;
import dev.logdrain.internal.PluginLoader.Registered;
import dev.logdrain.internal.ServicePresets;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Processor;
import dev.logdrain.spi.ProcessorProvider;
import dev.logdrain.spi.SinkProvider;
import dev.logdrain.spi.SourceProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every source, formatter, sink and processor provider available: the built-ins found with
 * {@link java.util.ServiceLoader} on the class path, and third-party plugin jars found with pf4j in
 * plugin directories, each with its own class loader. Sinks are looked up by exact scheme, formatters
 * and sources by exact name. Two providers for one scheme or name are refused at load time.
 */
public final class PluginRegistry implements AutoCloseable {

    /** Options every destination takes, whatever its scheme and format. */
    public static final List<OptionSpec> COMMON_OPTIONS = List.of(
            OptionSpec.of("format", "message format: rfc5424 (default), rfc3164, convox, or a plugin's"),
            OptionSpec.of("maxsize", "largest record in bytes, line breaks escaped, framing prefix aside"),
            OptionSpec.of("oversize", "a message longer than maxsize: split (default; several records, each with"
                    + " the header and a part marker) or truncate (cut on a UTF-8 boundary)"),
            OptionSpec.of("service", "a hosted log service's preset: " + String.join(", ", ServicePresets.presets()
                    .stream().map(ServicePresets.Preset::name).toList()) + " (docs/services.md); its credential goes"
                    + " in token="),
            OptionSpec.secret("prefix", "text written, followed by one space, at the start of every record (inside the"
                    + " octet count and maxsize), e.g. an API key; printable ASCII without spaces"));

    public static final String DEFAULT_FORMAT = "rfc5424";

    private final Map<String, Registered<SinkProvider>> sinks;
    private final Map<String, Registered<FormatterProvider>> formatters;
    private final Map<String, Registered<SourceProvider>> sources;
    private final Map<String, Registered<ProcessorProvider>> processors;
    /** Which processor each processor option selects. */
    private final Map<String, ProcessorProvider> processorsByOption = new LinkedHashMap<>();
    private final AutoCloseable pluginManager;

    private PluginRegistry(PluginLoader.Loaded loaded) {
        this.sinks = loaded.sinks();
        this.formatters = loaded.formatters();
        this.sources = loaded.sources();
        this.processors = loaded.processors();
        this.pluginManager = loaded.pluginManager();
        Set<String> common = new LinkedHashSet<>();
        COMMON_OPTIONS.forEach(o -> common.add(o.name()));
        processors.forEach((name, r) -> {
            for (OptionSpec option : r.provider().options()) {
                ProcessorProvider other = processorsByOption.putIfAbsent(option.name(), r.provider());
                if (other != null || common.contains(option.name())) {
                    close();
                    throw new ConfigurationException("processor option '" + option.name() + "' of " + r.origin()
                            + " is already " + (other != null ? "an option of processor '" + other.name() + "'"
                            : "a common option"));
                }
            }
        });
    }

    /** The built-in providers on the class path only. */
    public static PluginRegistry builtIns() {
        return load(List.of());
    }

    /**
     * The built-ins plus the plugin jars in each directory (which may be read-only; nothing is written
     * there). A directory that does not exist is an error.
     *
     * @throws ConfigurationException when two providers claim one scheme or name, or a plugin cannot load
     */
    public static PluginRegistry load(List<Path> pluginDirectories) {
        return new PluginRegistry(PluginLoader.load(pluginDirectories, PluginRegistry.class.getClassLoader()));
    }

    /** @throws ConfigurationException for an unknown scheme, listing the schemes available */
    public SinkProvider sink(String scheme) {
        return provider(sinks, scheme, "scheme", "schemes");
    }

    /** @throws ConfigurationException for an unknown format, listing the formats available */
    public FormatterProvider formatter(String name) {
        return provider(formatters, name, "format", "formats");
    }

    /** @throws ConfigurationException for an unknown source, listing the sources available */
    public SourceProvider source(String name) {
        return provider(sources, name, "source", "sources");
    }

    /** @throws ConfigurationException for an unknown processor, listing the processors available */
    public ProcessorProvider processor(String name) {
        return provider(processors, name, "processor", "processors");
    }

    private static <P> P provider(Map<String, Registered<P>> registered, String name, String kind, String kinds) {
        Registered<P> found = registered.get(name);
        if (found == null) {
            throw new ConfigurationException("unknown " + kind + " '" + name + "'; available " + kinds + ": "
                    + String.join(", ", new TreeSet<>(registered.keySet())));
        }
        return found.provider();
    }

    /**
     * The processors a validated destination uses, created from its options, in the order of each
     * processor's first option in the URL.
     *
     * @throws ConfigurationException for a bad processor option value
     */
    public List<Processor> processors(Destination destination) {
        Set<ProcessorProvider> used = new LinkedHashSet<>();
        for (String option : destination.options().keySet()) {
            ProcessorProvider provider = processorsByOption.get(option);
            if (provider != null) {
                used.add(provider);
            }
        }
        List<Processor> created = new ArrayList<>();
        for (ProcessorProvider provider : used) {
            created.add(provider.create(destination));
        }
        return created;
    }

    public Set<String> schemes() {
        return new TreeSet<>(sinks.keySet());
    }

    public Set<String> formats() {
        return new TreeSet<>(formatters.keySet());
    }

    /**
     * Expands a {@code service=} preset ({@link ServicePresets}), then checks the destination against its
     * sink and format: the scheme is known, the format is known, and every option is one that the sink, the
     * format, a processor or {@link #COMMON_OPTIONS} declares. Fills in the
     * scheme's default port.
     *
     * @throws ConfigurationException naming the unknown option and listing the known ones
     */
    public Destination validate(Destination given) {
        Destination destination = ServicePresets.expand(given);
        Registered<SinkProvider> registeredSink = sinks.get(destination.scheme());
        if (registeredSink == null) {
            throw new ConfigurationException("unknown scheme '" + destination.scheme() + "' in " + destination
                    + "; available schemes: " + String.join(", ", new TreeSet<>(sinks.keySet())));
        }
        SinkProvider sink = registeredSink.provider();
        String formatName = destination.option("format", DEFAULT_FORMAT);
        Registered<FormatterProvider> format = formatters.get(formatName);
        if (format == null) {
            String shown = destination.option("format").isPresent() ? destination.shownOption("format") : formatName;
            throw new ConfigurationException("unknown format '" + shown + "' in " + destination
                    + "; available formats: " + String.join(", ", new TreeSet<>(formatters.keySet())));
        }
        Set<String> known = new LinkedHashSet<>();
        Set<String> secret = new LinkedHashSet<>();
        List<OptionSpec> specs = new ArrayList<>(COMMON_OPTIONS);
        specs.addAll(sink.options());
        specs.addAll(format.provider().options());
        for (OptionSpec spec : specs) {
            ProcessorProvider processor = processorsByOption.get(spec.name());
            if (processor != null) {
                throw new ConfigurationException("option '" + spec.name() + "' is declared both by processor '"
                        + processor.name() + "' and by the sink or format of " + destination.scheme() + "://"
                        + destination.hostAndPort() + "; rename one of them");
            }
        }
        processors.values().forEach(r -> specs.addAll(r.provider().options()));
        for (OptionSpec spec : specs) {
            known.add(spec.name());
            if (spec.secret()) {
                secret.add(spec.name());
            }
        }
        if (destination.option("service").isPresent()) {
            known.addAll(ServicePresets.PRESET_INPUTS);
            secret.add("token");
        }
        Destination checked = destination.withSecretOptions(secret);
        for (String name : checked.options().keySet()) {
            if (!known.contains(name)) {
                throw new ConfigurationException("unknown option '" + name + "' in " + checked
                        + "; known options: " + String.join(", ", new TreeSet<>(known))
                        + (ServicePresets.PRESET_INPUTS.contains(name) ? "; " + name + " is read by a service= preset"
                        + " (docs/services.md)" : ""));
            }
        }
        return checked.withDefaultPort(sink.defaultPort(checked.scheme()));
    }

    /** Every provider with its origin: sources, formatters, sinks, then processors. */
    public List<ProviderInfo> providers() {
        List<ProviderInfo> result = new ArrayList<>();
        sources.forEach((name, r) -> result.add(new ProviderInfo(ProviderInfo.Kind.SOURCE, List.of(name),
                r.origin(), r.provider().options())));
        formatters.forEach((name, r) -> result.add(new ProviderInfo(ProviderInfo.Kind.FORMATTER, List.of(name),
                r.origin(), r.provider().options())));
        Map<SinkProvider, List<String>> schemesBySink = new LinkedHashMap<>();
        Map<SinkProvider, String> origins = new LinkedHashMap<>();
        sinks.forEach((scheme, r) -> {
            schemesBySink.computeIfAbsent(r.provider(), p -> new ArrayList<>()).add(scheme);
            origins.put(r.provider(), r.origin());
        });
        schemesBySink.forEach((provider, schemes) -> result.add(new ProviderInfo(ProviderInfo.Kind.SINK, schemes,
                origins.get(provider), provider.options())));
        processors.forEach((name, r) -> result.add(new ProviderInfo(ProviderInfo.Kind.PROCESSOR, List.of(name),
                r.origin(), r.provider().options())));
        return result;
    }

    /** Stops the plugins (their class loaders are released). */
    @Override
    public void close() {
        if (pluginManager != null) {
            try {
                pluginManager.close();
            } catch (Exception ignored) {
                // nothing useful to do when unloading fails at shutdown
            }
        }
    }
}
