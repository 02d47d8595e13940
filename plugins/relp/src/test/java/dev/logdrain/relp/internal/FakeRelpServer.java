package dev.logdrain.relp.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RELP server in the test JVM whose answers a test scripts, for the faults a real rsyslog does not
 * produce on demand: error answers, silence, a connection dropped with messages on the wire. Its frame
 * parsing is written independently of the code under test, and it checks transaction numbers as strictly
 * as librelp does (open is 1, then each command one more; a wrong one ends the session with serverclose).
 * Serves one connection at a time, on 127.0.0.1.
 */
final class FakeRelpServer implements AutoCloseable {

    /** What to do with one received syslog message. */
    enum Action { ACK, REFUSE, IGNORE, DROP_CONNECTION, SERVERCLOSE }

    /** Decides per message: {@code connection} counts from 1, {@code message} is the payload as text. */
    interface Script {
        Action onSyslog(int connection, int indexInConnection, String message);
    }

    record Received(int connection, int txnr, String message) {
    }

    private final ServerSocket serverSocket;
    private final Thread thread;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Script script = (c, i, m) -> Action.ACK;
    private volatile String openAnswer = "200 OK\nrelp_version=0\nrelp_software=fake,1\ncommands=syslog";
    private volatile boolean readNothing;
    private volatile int ackLazilyMillis;
    private volatile int maxUnanswered;
    private volatile Socket currentSocket;
    private volatile boolean closed;
    /** A byte read ahead to learn whether the client still sends (see {@link #ackLazily}), or -1. */
    private int readAhead = -1;

    FakeRelpServer() throws IOException {
        serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "fake-relp-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    FakeRelpServer script(Script s) {
        this.script = s;
        return this;
    }

    /** The data of the answer to open, e.g. "500 go away". */
    FakeRelpServer openAnswer(String answer) {
        this.openAnswer = answer;
        return this;
    }

    /** Accept connections but never read from them (the client's writes fill the socket buffers). */
    FakeRelpServer readNothing() {
        this.readNothing = true;
        return this;
    }

    /** Collect messages and answer them only when nothing more arrived for this long (to observe the window). */
    FakeRelpServer ackLazily(int millis) {
        this.ackLazilyMillis = millis;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> messages() {
        return received.stream().map(Received::message).toList();
    }

    List<String> messages(int connection) {
        return received.stream().filter(r -> r.connection() == connection).map(Received::message).toList();
    }

    /** Every command received, as "connection:txnr command". */
    List<String> commands() {
        return List.copyOf(commands);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    int connections() {
        return connections.get();
    }

    /** The most messages received and not yet answered at one time (with {@link #ackLazily}). */
    int maxUnanswered() {
        return maxUnanswered;
    }

    /** Closes the current connection from the server side, without any RELP goodbye. */
    void dropCurrentConnection() throws IOException {
        Socket s = currentSocket;
        if (s != null) {
            s.close();
        }
    }

    private void serve() {
        while (!closed) {
            try (Socket socket = serverSocket.accept()) {
                currentSocket = socket;
                int connection = connections.incrementAndGet();
                if (readNothing) {
                    while (!closed && !socket.isClosed()) {
                        Thread.sleep(20);
                    }
                    continue;
                }
                session(socket, connection);
            } catch (IOException | InterruptedException e) {
                if (!closed && !(e instanceof EOFException) && !String.valueOf(e.getMessage()).contains("closed")
                        && !String.valueOf(e.getMessage()).contains("reset")) {
                    errors.add(e.toString());
                }
            }
        }
    }

    private void session(Socket socket, int connection) throws IOException {
        readAhead = -1;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        int expectedTxnr = 1;
        int index = 0;
        List<Integer> unanswered = new ArrayList<>();
        while (true) {
            if (ackLazilyMillis > 0 && !unanswered.isEmpty()) {
                socket.setSoTimeout(ackLazilyMillis);
                try {
                    // a timeout means the client has stopped sending and waits for answers
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    readAhead = b;
                } catch (java.net.SocketTimeoutException e) {
                    maxUnanswered = Math.max(maxUnanswered, unanswered.size());
                    for (int t : unanswered) {
                        answer(out, t, "200 OK");
                    }
                    unanswered.clear();
                    out.flush();
                    continue;
                } finally {
                    socket.setSoTimeout(0);
                }
            }
            Frame frame = readFrame(in);
            commands.add(connection + ":" + frame.txnr + " " + frame.command);
            if (frame.txnr != expectedTxnr) {
                errors.add("connection " + connection + ": txnr " + frame.txnr + " where " + expectedTxnr
                        + " was expected");
                serverClose(out);
                return;
            }
            expectedTxnr++;
            switch (frame.command) {
                case "open" -> {
                    answer(out, frame.txnr, openAnswer);
                    out.flush();
                    if (!openAnswer.startsWith("200")) {
                        return;
                    }
                }
                case "close" -> {
                    answer(out, frame.txnr, "");
                    out.flush();
                    return;
                }
                case "syslog" -> {
                    String message = new String(frame.data, StandardCharsets.UTF_8);
                    Action action = script.onSyslog(connection, index++, message);
                    if (action != Action.REFUSE) {
                        received.add(new Received(connection, frame.txnr, message));
                    }
                    switch (action) {
                        case ACK -> {
                            if (ackLazilyMillis > 0) {
                                unanswered.add(frame.txnr);
                            } else {
                                answer(out, frame.txnr, "200 OK");
                                if (in.available() == 0) {
                                    out.flush();
                                }
                            }
                        }
                        case REFUSE -> {
                            answer(out, frame.txnr, "500 cannot take this one");
                            out.flush();
                        }
                        case IGNORE -> out.flush();
                        case DROP_CONNECTION -> {
                            out.flush();
                            return;
                        }
                        case SERVERCLOSE -> {
                            out.flush();
                            serverClose(out);
                            return;
                        }
                    }
                }
                default -> {
                    errors.add("unknown command " + frame.command);
                    return;
                }
            }
        }
    }

    private record Frame(int txnr, String command, byte[] data) {
    }

    private Frame readFrame(DataInputStream in) throws IOException {
        String txnr = token(in);
        String command = token(in);
        StringBuilder length = new StringBuilder();
        int c;
        while ((c = in.read()) >= '0' && c <= '9') {
            length.append((char) c);
        }
        int n = Integer.parseInt(length.toString());
        byte[] data = new byte[n];
        if (n > 0) {
            if (c != ' ') {
                throw new IOException("no space before data");
            }
            in.readFully(data);
            c = in.read();
        }
        if (c != '\n') {
            throw new IOException("frame " + txnr + " " + command + " not ended by LF but " + c);
        }
        return new Frame(Integer.parseInt(txnr), command, data);
    }

    private String token(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c;
            if (readAhead >= 0) {
                c = readAhead;
                readAhead = -1;
            } else {
                c = in.read();
            }
            if (c < 0) {
                throw new EOFException();
            }
            if (c == ' ') {
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    private static void answer(OutputStream out, int txnr, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes((txnr + " rsp " + bytes.length).getBytes(StandardCharsets.US_ASCII));
        if (bytes.length > 0) {
            frame.write(' ');
            frame.writeBytes(bytes);
        }
        frame.write('\n');
        out.write(frame.toByteArray());
    }

    private static void serverClose(OutputStream out) throws IOException {
        out.write("0 serverclose 0\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        dropCurrentConnection();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> numbered(String prefix, int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(prefix + i);
        }
        return Collections.unmodifiableList(list);
    }
}
