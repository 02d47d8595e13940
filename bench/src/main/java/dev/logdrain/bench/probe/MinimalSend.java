package dev.logdrain.bench.probe;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * The cold-start floor: a minimal Java program that opens the same TCP socket and writes the same bytes as
 * {@code logdrain replay} of one event. Usage: {@code MinimalSend PORT BYTES_FILE}. JDK classes only.
 */
public final class MinimalSend {

    private MinimalSend() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Paths.get(args[1]));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
             OutputStream out = socket.getOutputStream()) {
            out.write(bytes);
            out.flush();
        }
    }
}
