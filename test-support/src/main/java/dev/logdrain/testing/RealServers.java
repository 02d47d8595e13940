package dev.logdrain.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The skip-or-fail policy for tests that need real programs (rsyslog, syslog-ng, openssl).
 *
 * <p>{@link #assumeAvailable(Program...)} checks that the programs are there. If one is missing and we are
 * root with apt-get, it runs the repository's {@code .ci/install-test-deps} once per JVM (found by walking up
 * from the working directory) and checks again. If still missing:
 * <ul>
 *   <li>with environment {@code CI=true} (or system property {@code logdrain.requireRealServers=true})
 *       the test <b>fails</b> with an AssertionError that says what is missing and how to install it;</li>
 *   <li>otherwise the test is <b>skipped</b> (JUnit {@link Assumptions}) and a notice is printed to stderr.</li>
 * </ul>
 * {@link Rsyslog.Builder#start()}, {@link SyslogNg.Builder#start()} and {@link TestCertificates} call this
 * themselves, so tests rarely need to.
 *
 * <p>Set {@code LOGDRAIN_NO_AUTO_INSTALL=1} to never run the install script.
 */
public final class RealServers {

    /** A program the integration tests may need. */
    public enum Program {
        /** {@code rsyslogd} with the gtls, ossl and relp modules. */
        RSYSLOG,
        /** syslog-ng unpacked in {@link SyslogNg#home()}. */
        SYSLOG_NG,
        /** The {@code openssl} command-line tool. */
        OPENSSL
    }

    private static final Map<Program, String> PROBLEMS = new EnumMap<>(Program.class);
    private static boolean installAttempted;
    private static String installOutcome = "";

    private RealServers() {
    }

    /** Skips (or, on CI, fails) the current test unless every program is available. */
    public static void assumeAvailable(Program... programs) {
        List<String> missing = new ArrayList<>();
        synchronized (RealServers.class) {
            for (Program p : programs) {
                String problem = problem(p);
                if (problem != null) {
                    missing.add(p + ": " + problem);
                }
            }
            if (!missing.isEmpty() && tryInstall()) {
                missing.clear();
                PROBLEMS.clear();
                for (Program p : programs) {
                    String problem = problem(p);
                    if (problem != null) {
                        missing.add(p + ": " + problem);
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "real servers missing: " + String.join("; ", missing)
                + ". Install them with .ci/install-test-deps (as root)."
                + (installOutcome.isEmpty() ? "" : " Automatic install: " + installOutcome);
        if (isCi()) {
            throw new AssertionError(message + " [failing instead of skipping because CI=true]");
        }
        System.err.println("*** SKIPPED (logdrain test-support): " + message);
        Assumptions.abort(message);
    }

    /** Same as {@code assumeAvailable(Program.RSYSLOG)}. */
    public static void assumeRsyslog() {
        assumeAvailable(Program.RSYSLOG);
    }

    /** Same as {@code assumeAvailable(Program.SYSLOG_NG)}. */
    public static void assumeSyslogNg() {
        assumeAvailable(Program.SYSLOG_NG);
    }

    /** Same as {@code assumeAvailable(Program.OPENSSL)}. */
    public static void assumeOpenssl() {
        assumeAvailable(Program.OPENSSL);
    }

    /** Whether the program is available right now (no install attempt, no skipping). */
    public static synchronized boolean isAvailable(Program p) {
        return problem(p) == null;
    }

    /** True when missing programs must fail tests: env {@code CI=true} or {@code -Dlogdrain.requireRealServers=true}. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || Boolean.getBoolean("logdrain.requireRealServers");
    }

    private static String problem(Program p) {
        return PROBLEMS.computeIfAbsent(p, RealServers::check);
    }

    private static String check(Program p) {
        switch (p) {
            case RSYSLOG: {
                Path rsyslogd = Rsyslog.executable();
                if (rsyslogd == null) {
                    return "rsyslogd not found (Debian packages rsyslog rsyslog-gnutls rsyslog-openssl rsyslog-relp)";
                }
                Path modules = Rsyslog.moduleDir();
                if (modules != null) {
                    for (String m : new String[] {"lmnsd_gtls.so", "imrelp.so"}) {
                        if (!Files.exists(modules.resolve(m))) {
                            return m + " missing in " + modules
                                    + " (Debian packages rsyslog-gnutls rsyslog-relp)";
                        }
                    }
                }
                return null;
            }
            case SYSLOG_NG: {
                Path home = SyslogNg.home();
                return SyslogNg.executable() == null
                        ? "syslog-ng not found in " + home + " (set LOGDRAIN_SYSLOG_NG_HOME)"
                        : null;
            }
            case OPENSSL:
                return onPath("openssl") == null ? "openssl not found on PATH" : null;
            default:
                throw new IllegalArgumentException(p.toString());
        }
    }

    static Path onPath(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>();
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(d, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs .ci/install-test-deps once per JVM when that can work; true if it ran and succeeded. */
    private static boolean tryInstall() {
        if (installAttempted) {
            return false;
        }
        installAttempted = true;
        if (System.getenv("LOGDRAIN_NO_AUTO_INSTALL") != null) {
            installOutcome = "disabled by LOGDRAIN_NO_AUTO_INSTALL";
            return false;
        }
        if (!"root".equals(System.getProperty("user.name")) || onPath("apt-get") == null) {
            installOutcome = "not attempted (needs root and apt-get)";
            return false;
        }
        Path script = findInstallScript();
        if (script == null) {
            installOutcome = "not attempted (.ci/install-test-deps not found above "
                    + Paths.get("").toAbsolutePath() + ")";
            return false;
        }
        System.err.println("*** logdrain test-support: real servers missing, running " + script);
        try {
            Process p = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            Processes.register(p);
            try {
                if (!p.waitFor(15, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    installOutcome = script + " timed out";
                    return false;
                }
            } finally {
                Processes.unregister(p);
            }
            installOutcome = script + " exited with " + p.exitValue();
            return p.exitValue() == 0;
        } catch (IOException e) {
            installOutcome = "cannot run " + script + ": " + e;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            installOutcome = "interrupted";
            return false;
        }
    }

    /** {@code .ci/install-test-deps} in the working directory or the nearest parent that has it, or null. */
    public static Path findInstallScript() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve(".ci").resolve("install-test-deps");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        return null;
    }
}
