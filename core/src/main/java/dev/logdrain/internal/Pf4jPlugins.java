package dev.logdrain.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.ProcessorProvider;
import dev.logdrain.spi.SinkProvider;
import dev.logdrain.spi.SourceProvider;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginManager;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * Loads third-party plugin jars with pf4j: each jar gets its own class loader (plugin classes first,
 * then the host's for the logdrain SPI). Providers are found both by pf4j's {@code @Extension} index
 * and by {@code META-INF/services} files inside the plugin jar. Jars are read in place and nothing is
 * written to the directories (no enabled.txt/disabled.txt, no unpacking), so a read-only directory
 * (Lambda's /opt) works.
 *
 * <p>pf4j's own {@code loadPlugins()}, {@code startPlugins()} and {@code getExtensions()} log a failing
 * jar and carry on without it; here every jar is loaded, started and instantiated one by one so that a
 * broken or duplicate plugin is a one-line {@link ConfigurationException} at start-up instead of a stack
 * trace in the log and a silently missing provider.
 */
final class Pf4jPlugins {

    private static final List<Class<?>> EXTENSION_POINTS =
            List.of(SourceProvider.class, FormatterProvider.class, SinkProvider.class, ProcessorProvider.class);

    private Pf4jPlugins() {
    }

    /**
     * Loads every {@code *.jar} in the directories and hands each provider with its origin to
     * {@code sink}, which may throw (a duplicate name) to abort.
     *
     * @return what unloads the plugins, or null when the directories hold no jar (pf4j is not started)
     */
    static AutoCloseable load(List<Path> directories, ClassLoader hostLoader, BiConsumer<Object, String> sink) {
        List<Path> jars = listJars(directories);
        if (jars.isEmpty()) {
            return null;
        }
        Map<String, Path> jarsById = new LinkedHashMap<>();
        for (Path jar : jars) {
            String id = checkManifest(jar);
            Path other = jarsById.putIfAbsent(id, jar);
            if (other != null) {
                throw new ConfigurationException("plugin '" + id + "' is there twice: " + other + " and " + jar
                        + "; remove one of them");
            }
        }
        Manager manager = new Manager(directories, hostLoader);
        try {
            List<PluginWrapper> plugins = new ArrayList<>();
            for (Path jar : jars) {
                try {
                    plugins.add(manager.loadOne(jar));
                } catch (PluginRuntimeException | IllegalArgumentException e) {
                    throw new ConfigurationException("cannot load plugin " + jar + ": " + oneLine(e));
                }
            }
            try {
                manager.resolve();
            } catch (PluginRuntimeException e) {
                throw new ConfigurationException("cannot resolve the plugins in " + directories + ": " + oneLine(e));
            }
            for (PluginWrapper plugin : plugins) {
                String origin = origin(plugin);
                PluginState state;
                try {
                    state = manager.startPlugin(plugin.getPluginId());
                } catch (RuntimeException | LinkageError e) {
                    throw new ConfigurationException(origin + " did not start: " + oneLine(e));
                }
                if (state != PluginState.STARTED) {
                    throw new ConfigurationException(origin + " did not start: it is " + state);
                }
            }
            for (PluginWrapper plugin : plugins) {
                collectProviders(manager, plugin, sink);
            }
        } catch (RuntimeException | Error e) {
            shutdown(manager);
            throw e;
        }
        return () -> shutdown(manager);
    }

    /** {@code plugin ID VERSION (path)}: how a plugin's providers are named in listings and errors. */
    static String origin(PluginWrapper plugin) {
        return "plugin " + plugin.getPluginId() + " " + plugin.getDescriptor().getVersion()
                + " (" + plugin.getPluginPath() + ")";
    }

    private static List<Path> listJars(List<Path> directories) {
        List<Path> jars = new ArrayList<>();
        // one directory named twice (a default and a setting) is read once
        Set<Path> distinct = new LinkedHashSet<>();
        for (Path dir : directories) {
            distinct.add(dir.toAbsolutePath().normalize());
        }
        for (Path dir : distinct) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                        .filter(Files::isRegularFile)
                        .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                        .forEach(jars::add);
            } catch (IOException e) {
                throw new ConfigurationException("cannot list plugin directory " + dir + ": " + oneLine(e));
            }
        }
        return jars;
    }

    /** Reads the manifest ourselves to say clearly what is wrong with a jar that is not a plugin. */
    private static String checkManifest(Path jar) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new ConfigurationException("plugin directory entry " + jar + " is not a readable jar: " + oneLine(e));
        }
        Attributes attributes = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String id = attributes.getValue(ManifestPluginDescriptorFinder.PLUGIN_ID);
        String version = attributes.getValue(ManifestPluginDescriptorFinder.PLUGIN_VERSION);
        if (id == null || id.isBlank() || version == null || version.isBlank()) {
            throw new ConfigurationException(jar + " is not a logdrain plugin: its manifest lacks "
                    + (id == null || id.isBlank() ? "Plugin-Id" : "Plugin-Version")
                    + " (a plugin jar names itself with Plugin-Id and Plugin-Version; see examples/plugin-jsonl)");
        }
        return id.strip();
    }

    private static void collectProviders(Manager manager, PluginWrapper plugin, BiConsumer<Object, String> sink) {
        String origin = origin(plugin);
        PluginClassLoader loader = (PluginClassLoader) plugin.getPluginClassLoader();
        if (loader.findResource(FormatterProvider.class.getName().replace('.', '/') + ".class") != null) {
            // its copies of the SPI types would make its providers other types than the host's
            throw new ConfigurationException(origin + " bundles its own copy of logdrain-core;"
                    + " depend on logdrain-core with provided scope");
        }
        // pf4j reads the index with getResource, which falls back to the host's (every module compiled with
        // pf4j on its class path gets one from pf4j's annotation processor): ask only when the jar has its own
        boolean hasOwnIndex = loader.findResource("META-INF/extensions.idx") != null;
        int found = 0;
        for (Class<?> type : EXTENSION_POINTS) {
            // pf4j's @Extension index, and META-INF/services; a class listed in both is taken once
            Set<Class<?>> classes = new LinkedHashSet<>();
            if (hasOwnIndex) {
                classes.addAll(manager.getExtensionClasses(type, plugin.getPluginId()));
            }
            classes.addAll(serviceClasses(loader, type, origin));
            for (Class<?> extension : classes) {
                Object provider;
                try {
                    provider = extension.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new ConfigurationException("cannot create " + extension.getName() + " of " + origin + ": "
                            + cause.getClass().getName() + ": " + oneLine(cause));
                }
                sink.accept(provider, origin);
                found++;
            }
        }
        if (found == 0) {
            throw new ConfigurationException(origin + " provides no source, formatter, sink or processor: list its providers"
                    + " in META-INF/services/dev.logdrain.spi.* or annotate them with @Extension");
        }
    }

    /**
     * The classes a plugin jar lists in {@code META-INF/services/TYPE}, read from the jar itself. (pf4j's
     * ServiceProviderExtensionFinder looks the folder META-INF/services up as a resource, which finds
     * nothing in a jar built without directory entries, and also scans the whole host class path.)
     */
    private static List<Class<?>> serviceClasses(PluginClassLoader loader, Class<?> type, String origin) {
        String file = "META-INF/services/" + type.getName();
        List<Class<?>> classes = new ArrayList<>();
        try {
            for (java.net.URL url : java.util.Collections.list(loader.findResources(file))) {
                String content;
                try (var in = url.openStream()) {
                    content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                for (String line : content.split("\\R")) {
                    int hash = line.indexOf('#');
                    String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                    if (name.isEmpty()) {
                        continue;
                    }
                    Class<?> listed;
                    try {
                        listed = loader.loadClass(name);
                    } catch (ClassNotFoundException | LinkageError e) {
                        throw new ConfigurationException(origin + " lists " + name + " in " + file
                                + ", but it cannot be loaded: " + oneLine(e));
                    }
                    if (!type.isAssignableFrom(listed)) {
                        throw new ConfigurationException(origin + " lists " + name + " in " + file
                                + ", but it does not implement " + type.getName());
                    }
                    classes.add(listed);
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + file + " of " + origin + ": " + oneLine(e));
        }
        return classes;
    }

    private static void shutdown(Manager manager) {
        List<PluginWrapper> plugins = new ArrayList<>(manager.getPlugins());
        try {
            manager.stopPlugins();
        } catch (RuntimeException ignored) {
            // best effort: the class loaders are closed below
        }
        for (PluginWrapper plugin : plugins) {
            try {
                manager.unloadPlugin(plugin.getPluginId());
            } catch (RuntimeException ignored) {
                // an unresolved plugin cannot be unloaded by pf4j; its class loader is closed below
            }
            if (plugin.getPluginClassLoader() instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
        }
    }

    /** An exception as one line: pf4j's messages sometimes span several. */
    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** A JarPluginManager that reports instead of logging, and never reads or writes status files. */
    private static final class Manager extends JarPluginManager {

        private final ClassLoader hostLoader;

        Manager(List<Path> roots, ClassLoader hostLoader) {
            super(roots.toArray(Path[]::new));
            this.hostLoader = hostLoader;
        }

        PluginWrapper loadOne(Path jar) {
            return loadPluginFromPath(jar);
        }

        void resolve() {
            resolvePlugins();
        }

        @Override
        protected ExtensionFinder createExtensionFinder() {
            // pf4j's @Extension index (META-INF/extensions.idx) only; services files are read by serviceClasses
            return new LegacyExtensionFinder(this);
        }

        @Override
        protected PluginStatusProvider createPluginStatusProvider() {
            // every plugin in the directory is enabled; pf4j's default reads and writes enabled.txt/disabled.txt
            return new PluginStatusProvider() {
                @Override
                public boolean isPluginDisabled(String pluginId) {
                    return false;
                }

                @Override
                public void disablePlugin(String pluginId) {
                    throw new UnsupportedOperationException("plugins are enabled by being in the plugin directory");
                }

                @Override
                public void enablePlugin(String pluginId) {
                    // already enabled
                }
            };
        }

        @Override
        protected PluginLoader createPluginLoader() {
            // called from the super constructor, before hostLoader is set: read the field when loading
            return new PluginLoader() {
                @Override
                public boolean isApplicable(Path pluginPath) {
                    return Files.isRegularFile(pluginPath);
                }

                @Override
                public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                    ClassLoader parent = hostLoader != null ? hostLoader : Pf4jPlugins.class.getClassLoader();
                    PluginClassLoader loader = new PluginClassLoader(Manager.this, descriptor, parent);
                    loader.addFile(pluginPath.toFile());
                    return loader;
                }
            };
        }

        @Override
        protected PluginFactory createPluginFactory() {
            return Manager::createPlugin;
        }

        /** pf4j's DefaultPluginFactory logs a bad Plugin-Class and returns null; this one says why. */
        private static Plugin createPlugin(PluginWrapper wrapper) {
            String className = wrapper.getDescriptor().getPluginClass();
            if (className == null || className.isBlank() || className.equals(Plugin.class.getName())) {
                return new Plugin();
            }
            Class<?> type;
            try {
                type = wrapper.getPluginClassLoader().loadClass(className);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PluginRuntimeException("its Plugin-Class {} cannot be loaded: {}", className, e.toString());
            }
            if (!Plugin.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                throw new PluginRuntimeException("its Plugin-Class {} is not a concrete org.pf4j.Plugin", className);
            }
            try {
                return (Plugin) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new PluginRuntimeException("its Plugin-Class {} cannot be created: {}", className, cause.toString());
            }
        }
    }
}
