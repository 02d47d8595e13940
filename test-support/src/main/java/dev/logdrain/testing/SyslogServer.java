package dev.logdrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real syslog server process ({@link Rsyslog} or {@link SyslogNg}) listening on free ports of 127.0.0.1
 * and writing every message it parses as one JSON line to {@link #outputFile()}.
 *
 * <p>Life cycle: {@code start()} on the builder returns a running server whose ports all accept;
 * {@link #kill9()} / {@link #stop()} end the process; {@link #restart()} starts it again on the same
 * ports, keeping the messages received so far; {@link #close()} ends it and deletes its folder. A JVM
 * shutdown hook kills any server a test forgot to close. Thread-safe.
 */
public abstract class SyslogServer implements AutoCloseable {
    /** How long start-up may take on a loaded machine before it is considered failed. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";

    private final String name;
    final Path dir;
    final Path config;
    final Path output;
    final Path stderr;
    final Path internalLog;
    final Path pidFile;
    final Map<Input, Integer> ports = new LinkedHashMap<>();

    private Process process;
    private boolean closed;

    private final MessageFile messageFile;
    private final PortWatch portWatch;

    /**
     * A server in a new folder {@code logdrain-NAME-*} (the prefix {@link Processes} looks for orphans by),
     * configured in {@code NAME.conf}, with a free port for each input.
     */
    SyslogServer(String name, Collection<Input> inputs) {
        this.name = name;
        try {
            dir = Files.createTempDirectory("logdrain-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.deleteOnExit(dir);
        config = dir.resolve(name + ".conf");
        output = dir.resolve("messages.jsonl");
        stderr = dir.resolve("stderr.log");
        internalLog = dir.resolve("internal.log");
        pidFile = dir.resolve("server.pid");
        for (Input in : inputs) {
            ports.put(in, FreePorts.find());
        }
        messageFile = new MessageFile(output, name, this::inputNamed);
        portWatch = new PortWatch(HOST, ports, List.of(stderr, internalLog));
    }

    // ---- subclass hooks ----------------------------------------------------------------------------------

    /**
     * Writes {@link #config} for the current ports. The configuration names each input's source
     * {@link #sourceName(Input)}, writes each message to {@link #output} as one JSON line with the keys
     * {@code pri hostname appname procid msgid sd ts msg raw input} ({@code input}: the source name), and the
     * server's own messages to {@link #internalLog}.
     */
    abstract void writeConfig() throws IOException;

    /** The process to start. */
    abstract ProcessBuilder processBuilder();

    /** Server name for messages, e.g. "rsyslog". */
    String name() {
        return name;
    }

    /** Path of the configuration file. */
    public Path configFile() {
        return config;
    }

    /** The name of an input's source in the configuration; the output's {@code input} key carries it. */
    static String sourceName(Input in) {
        return "s_" + in.name();
    }

    // ---- ports ----------------------------------------------------------------------------------------------

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port of an input; throws IllegalArgumentException if the server was built without it. */
    public int port(Input input) {
        Integer p = ports.get(input);
        if (p == null) {
            throw new IllegalArgumentException(name() + " was started without input " + input
                    + "; its inputs: " + ports.keySet());
        }
        return p;
    }

    /** The inputs and their ports, in the order they were added to the builder. */
    public Map<Input, Integer> ports() {
        return Collections.unmodifiableMap(ports);
    }

    /** A destination URL for logdrain, e.g. {@code tcp+tls://127.0.0.1:41234} (no options). */
    public String url(Input input) {
        return input.scheme() + "://" + HOST + ":" + port(input);
    }

    public int udpPort() {
        return port(Input.UDP);
    }

    public int tcpPort() {
        return port(Input.TCP);
    }

    public int tlsPort() {
        return port(Input.TLS);
    }

    public int mutualTlsPort() {
        return port(Input.TLS_MUTUAL);
    }

    public int relpPort() {
        return port(Input.RELP);
    }

    public int relpTlsPort() {
        return port(Input.RELP_TLS);
    }

    public int rfc3164UdpPort() {
        return port(Input.UDP_RFC3164);
    }

    public int rfc3164TcpPort() {
        return port(Input.TCP_RFC3164);
    }

    // ---- results --------------------------------------------------------------------------------------------

    /** The file the server writes, one JSON object per received message. */
    public Path outputFile() {
        return output;
    }

    /** The server's own folder (configuration, output, logs). Deleted by {@link #close()}. */
    public Path directory() {
        return dir;
    }

    /** Every message written so far (since the first start, across restarts), in order. */
    public synchronized List<ReceivedMessage> messages() {
        return messageFile.messages();
    }

    /**
     * Waits until at least {@code count} messages were written and returns all of them (possibly more than
     * {@code count}). Throws AssertionError on timeout, with what arrived and the server's log.
     */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedMessage> now = messages();
            if (now.size() >= count) {
                return now;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(name() + " received " + now.size() + " of " + count
                        + " expected messages within " + timeout + describe(now));
            }
            pause(25);
        }
    }

    /** Waits for the first message that matches; AssertionError on timeout. */
    public ReceivedMessage awaitMessage(Predicate<ReceivedMessage> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedMessage> now = messages();
            for (ReceivedMessage m : now) {
                if (matching.test(m)) {
                    return m;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(name() + ": no matching message within " + timeout + describe(now));
            }
            pause(25);
        }
    }

    /**
     * Waits until {@code timeout} has passed and asserts that no more than {@code count} messages arrived
     * (for "nothing more must arrive" checks). Returns the messages.
     */
    public List<ReceivedMessage> assertNoMoreThan(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedMessage> now;
        do {
            now = messages();
            if (now.size() > count) {
                throw new AssertionError(name() + " received " + now.size() + " messages, expected at most "
                        + count + describe(now));
            }
            pause(25);
        } while (System.nanoTime() - deadline < 0);
        return now;
    }

    private String describe(List<ReceivedMessage> now) {
        StringBuilder b = new StringBuilder("\nreceived:");
        int from = Math.max(0, now.size() - 20);
        if (from > 0) {
            b.append("\n  ... ").append(from).append(" earlier");
        }
        for (int i = from; i < now.size(); i++) {
            b.append("\n  ").append(now.get(i));
        }
        return b.append("\n").append(log()).toString();
    }


    // ---- process control ------------------------------------------------------------------------------------

    /** The server's process id; throws if it is not running. */
    public synchronized long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name() + " is not running");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server at once with SIGKILL (messages it had not written yet are lost), and waits for it. */
    public synchronized void kill9() {
        end(true);
    }

    /** Stops the server with SIGTERM (it flushes what it has) and waits; SIGKILL after 30 s. */
    public synchronized void stop() {
        end(false);
    }

    /**
     * Starts the server again on the same ports with the same configuration (stops it first if it runs).
     * Messages received before stay in {@link #messages()}. Returns when every port accepts again.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(name() + " is closed");
        }
        end(false);
        messageFile.repairOutput();
        launch(false);
    }

    /** Kills the server (if running) and deletes its folder; {@link #messages()} keeps what was read. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        end(false);
        messages();
        closed = true;
        if (!Boolean.getBoolean("logdrain.test.keepDirs")) {
            Processes.deleteTree(dir);
        }
    }

    /** The server's stderr and internal log (for diagnostics). */
    public String log() {
        return "--- " + name + " stderr (" + stderr + "):\n" + Processes.tail(stderr, 6000)
                + "\n--- " + name + " internal.log:\n" + Processes.tail(internalLog, 6000);
    }

    @Override
    public String toString() {
        return name() + ports + " in " + dir;
    }

    private void end(boolean kill) {
        if (process == null) {
            return;
        }
        Process p = process;
        try {
            if (p.isAlive()) {
                if (kill) {
                    p.destroyForcibly();
                } else {
                    p.destroy();
                }
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Processes.unregister(p);
            process = null;
        }
    }


    /**
     * Starts the process and waits until it owns every port. On the first start a port taken by another
     * process is replaced by a new one; on a restart the same ports are retried.
     */
    synchronized void launch(boolean mayChangePorts) {
        int attempts = 5;
        String lastProblem = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long[] logSizes = portWatch.logSizes();
            try {
                Files.deleteIfExists(pidFile);
                writeConfig();
                Files.writeString(stderr, "=== start attempt " + attempt + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                ProcessBuilder pb = processBuilder().directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                process = pb.start();
                Processes.register(process);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + name() + ": " + e + "\n" + log(), e);
            }
            List<Input> unbound = portWatch.awaitPorts(process, System.nanoTime() + START_TIMEOUT.toNanos(), logSizes);
            if (unbound.isEmpty()) {
                return;
            }
            boolean died = !process.isAlive();
            boolean portTaken = portWatch.bindFailed(logSizes);
            lastProblem = died
                    ? name() + " exited with status " + process.exitValue() + " during start-up"
                    : portTaken ? name() + " could not bind " + unbound + " (address already in use)"
                    : name() + " did not bind " + unbound + " within " + START_TIMEOUT;
            end(true);
            if (!portTaken) {
                break; // a configuration problem or a hang: retrying will not help
            }
            if (mayChangePorts) {
                for (Input in : unbound) {
                    ports.put(in, FreePorts.find());
                }
            } else {
                pause(200L * attempt); // same ports: give a lingering socket a moment
            }
        }
        throw new IllegalStateException(lastProblem + "; ports " + ports + ", config " + configFile() + "\n"
                + configText() + "\n" + log());
    }

    private String configText() {
        return "--- config:\n" + Processes.tail(configFile(), 8000);
    }

    /** The input whose source has this name, or null (e.g. an input added by extra configuration). */
    private Input inputNamed(String source) {
        for (Input in : ports.keySet()) {
            if (sourceName(in).equals(source)) {
                return in;
            }
        }
        return null;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
