package dev.logdrain.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches a starting {@link SyslogServer} process: whether it owns its ports yet, and whether its logs say
 * since a start attempt that a port was taken by someone else.
 */
final class PortWatch {

    private final String host;
    private final Map<Input, Integer> ports;
    private final List<Path> logs;

    /** {@code ports}: the server's own map (a restart may change it); {@code logs}: its diagnostics files. */
    PortWatch(String host, Map<Input, Integer> ports, List<Path> logs) {
        this.host = host;
        this.ports = ports;
        this.logs = logs;
    }

    /** Sizes of the log files now, to look only at what a start attempt adds. */
    long[] logSizes() {
        long[] sizes = new long[logs.size()];
        for (int i = 0; i < sizes.length; i++) {
            try {
                sizes[i] = Files.exists(logs.get(i)) ? Files.size(logs.get(i)) : 0;
            } catch (IOException e) {
                sizes[i] = 0;
            }
        }
        return sizes;
    }

    /** Whether the logs say, since {@code sizes}, that a port could not be bound. */
    boolean bindFailed(long[] sizes) {
        for (int i = 0; i < sizes.length; i++) {
            try {
                Path f = logs.get(i);
                if (!Files.exists(f) || Files.size(f) <= sizes[i]) {
                    continue;
                }
                byte[] all = Files.readAllBytes(f);
                String added = new String(all, (int) Math.min(sizes[i], all.length),
                        (int) Math.max(0, all.length - sizes[i]), StandardCharsets.UTF_8);
                if (added.contains("ddress already in use")) {
                    return true;
                }
            } catch (IOException ignored) {
                // not readable yet
            }
        }
        return false;
    }

    /** Waits until the process owns every port; returns the inputs not bound (empty on success). */
    List<Input> awaitPorts(Process p, long deadline, long[] logSizes) {
        List<Input> missing = new ArrayList<>(ports.keySet());
        long sinceUnknown = System.nanoTime();
        long nextLogCheck = System.nanoTime();
        while (true) {
            if (!p.isAlive()) {
                return missing;
            }
            if (System.nanoTime() - nextLogCheck > 0) {
                if (bindFailed(logSizes)) {
                    missing.removeIf(in -> isBound(p.pid(), in, sinceUnknown));
                    return missing; // empty: bound after all (the message was about something else)
                }
                nextLogCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            }
            missing.removeIf(in -> isBound(p.pid(), in, sinceUnknown));
            if (missing.isEmpty()) {
                return missing;
            }
            if (System.nanoTime() - deadline > 0) {
                return missing;
            }
            SyslogServer.pause(20);
        }
    }

    private boolean isBound(long pid, Input in, long startedAt) {
        int port = ports.get(in);
        Boolean owned = Processes.ownsPort(pid, port, in.isTcp());
        if (owned != null) {
            return owned;
        }
        // No /proc: TCP by connecting, UDP by a pause.
        if (in.isTcp()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return System.nanoTime() - startedAt > TimeUnit.MILLISECONDS.toNanos(1500);
    }
}
