package dev.logdrain.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Process and file housekeeping shared by the servers: a shutdown hook that leaves no stray processes. */
final class Processes {
    private static final Set<Process> LIVE = new HashSet<>();
    private static final Set<Path> TEMP_DIRS = new HashSet<>();
    private static boolean hookInstalled;

    private Processes() {
    }

    static synchronized void register(Process p) {
        installHook();
        LIVE.add(p);
    }

    static synchronized void unregister(Process p) {
        LIVE.remove(p);
    }

    static synchronized void deleteOnExit(Path dir) {
        installHook();
        TEMP_DIRS.add(dir);
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        reapOrphans();
        Runtime.getRuntime().addShutdownHook(new Thread(Processes::cleanUp, "logdrain-test-support-cleanup"));
    }

    /**
     * Kills servers left behind by an earlier test JVM that died without running its shutdown hook (for
     * example killed with SIGKILL): rsyslogd or syslog-ng processes whose configuration lies in one of our
     * temporary folders and whose parent is no longer a Java process. Runs once per JVM.
     */
    private static void reapOrphans() {
        try {
            ProcessHandle.allProcesses().forEach(ph -> {
                String cmd = ph.info().commandLine().orElse("");
                boolean ours = (cmd.contains("rsyslogd") && cmd.contains("/logdrain-rsyslog-"))
                        || (cmd.contains("syslog-ng") && cmd.contains("/logdrain-syslog-ng-"));
                if (!ours) {
                    return;
                }
                boolean orphan = ph.parent()
                        .map(parent -> parent.pid() == 1
                                || !parent.info().command().orElse("").endsWith("java"))
                        .orElse(true);
                if (orphan) {
                    System.err.println("logdrain test-support: killing server left by an earlier test run: pid "
                            + ph.pid() + " " + cmd);
                    ph.destroyForcibly();
                }
            });
        } catch (RuntimeException ignored) {
            // best effort: process listing may be restricted
        }
    }

    private static void cleanUp() {
        List<Process> ps;
        List<Path> dirs;
        synchronized (Processes.class) {
            ps = new ArrayList<>(LIVE);
            dirs = new ArrayList<>(TEMP_DIRS);
        }
        for (Process p : ps) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : ps) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!Boolean.getBoolean("logdrain.test.keepDirs")) {
            dirs.forEach(Processes::deleteTree);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** The last {@code max} characters of a text file, or a note that it is missing. */
    static String tail(Path file, int max) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")";
            }
            byte[] b = Files.readAllBytes(file);
            String s = new String(b, StandardCharsets.UTF_8);
            return s.length() <= max ? s : "..." + s.substring(s.length() - max);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /**
     * Whether process {@code pid} has a socket bound to {@code port} (TCP: listening; UDP: bound), read from
     * /proc. Returns null when /proc cannot tell (not Linux).
     */
    static Boolean ownsPort(long pid, int port, boolean tcp) {
        Path fdDir = Paths.get("/proc", Long.toString(pid), "fd");
        if (!Files.exists(Paths.get("/proc/net/tcp"))) {
            return null;
        }
        Set<String> inodes = new HashSet<>();
        String[] tables = tcp ? new String[] {"/proc/net/tcp", "/proc/net/tcp6"}
                : new String[] {"/proc/net/udp", "/proc/net/udp6"};
        String wantedState = tcp ? "0A" : "07";
        String hexPort = String.format(":%04X", port);
        for (String table : tables) {
            Path t = Paths.get(table);
            if (!Files.exists(t)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(t, StandardCharsets.US_ASCII)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(wantedState)) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        if (inodes.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")
                            && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException ignored) {
                    // fd closed meanwhile
                }
            }
        } catch (IOException e) {
            return false; // process gone or /proc unreadable
        }
        return false;
    }
}
