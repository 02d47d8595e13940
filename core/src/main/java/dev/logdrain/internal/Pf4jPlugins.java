package dev.logdrain.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.FormatterProvider;
import dev.logdrain.spi.SinkProvider;
import dev.logdrain.spi.SourceProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.pf4j.DefaultExtensionFinder;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads third-party plugin jars with pf4j: each jar gets its own class loader (plugin classes first,
 * then the host's for the logdrain SPI). Extensions are found both by pf4j's {@code @Extension} index
 * and by {@code META-INF/services} files inside the plugin jar. Plain jars are read in place, so a
 * read-only directory (Lambda's /opt) works.
 */
final class Pf4jPlugins {

    private Pf4jPlugins() {
    }

    static AutoCloseable load(List<Path> directories, BiConsumer<Object, String> sink) {
        JarPluginManager manager = new JarPluginManager(directories.toArray(Path[]::new)) {
            @Override
            protected ExtensionFinder createExtensionFinder() {
                DefaultExtensionFinder finder = (DefaultExtensionFinder) super.createExtensionFinder();
                finder.addServiceProviderExtensionFinder();
                return finder;
            }
        };
        try {
            manager.loadPlugins();
            manager.startPlugins();
        } catch (RuntimeException e) {
            manager.stopPlugins();
            throw new ConfigurationException("cannot load plugins from " + directories + ": " + e.getMessage(), e);
        }
        for (PluginWrapper plugin : manager.getPlugins()) {
            String origin = "plugin " + plugin.getPluginId() + " " + plugin.getDescriptor().getVersion()
                    + " (" + plugin.getPluginPath() + ")";
            if (plugin.getPluginState() != PluginState.STARTED) {
                String why = plugin.getFailedException() == null ? plugin.getPluginState().toString()
                        : plugin.getFailedException().getMessage();
                manager.stopPlugins();
                throw new ConfigurationException("plugin " + origin + " did not start: " + why);
            }
            String id = plugin.getPluginId();
            for (Class<?> type : List.of(SourceProvider.class, FormatterProvider.class, SinkProvider.class)) {
                for (Object provider : manager.getExtensions(type, id)) {
                    sink.accept(provider, origin);
                }
            }
        }
        return () -> {
            manager.stopPlugins();
            manager.unloadPlugins();
        };
    }
}
