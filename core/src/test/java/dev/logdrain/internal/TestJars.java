package dev.logdrain.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds small jars for plugin tests: a manifest, text files, and class files copied from the test class path. */
final class TestJars {

    private final Manifest manifest = new Manifest();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    TestJars() {
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    }

    /** A pf4j plugin jar: Plugin-Id and Plugin-Version. */
    static TestJars plugin(String id, String version) {
        return new TestJars().attribute("Plugin-Id", id).attribute("Plugin-Version", version);
    }

    TestJars attribute(String name, String value) {
        manifest.getMainAttributes().putValue(name, value);
        return this;
    }

    TestJars text(String path, String content) {
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Lists provider classes in META-INF/services/SERVICE. */
    TestJars service(Class<?> service, Class<?>... providers) {
        StringBuilder sb = new StringBuilder();
        for (Class<?> p : providers) {
            sb.append(p.getName()).append('\n');
        }
        return text("META-INF/services/" + service.getName(), sb.toString());
    }

    /** Copies a class file (and its nested and lambda classes share the file) into the jar. */
    TestJars classFile(Class<?> type) throws IOException {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            entries.put(path, in.readAllBytes());
        }
        return this;
    }

    Path writeTo(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}
