package dev.logdrain.cli.internal;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version from the jar's manifest, and the Java running it. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"logdrain " + (version == null ? "(development build)" : version)
                + " (Java " + System.getProperty("java.version") + ")"};
    }
}
