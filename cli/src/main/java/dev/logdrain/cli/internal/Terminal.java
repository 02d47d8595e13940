package dev.logdrain.cli.internal;

import dev.logdrain.spi.Destination;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal (for the progress line). */
final class Terminal {

    private Terminal() {
    }

    static boolean isStderrTerminal() {
        String forced = System.getenv("LOGDRAIN_PROGRESS");
        if (forced != null) {
            return Destination.booleanValue(forced).orElse(false);
        }
        // Linux: file descriptor 2 links to a terminal device
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall back below
        }
        // elsewhere: a console means standard input and output are terminals; stderr usually is too
        return System.console() != null;
    }
}
