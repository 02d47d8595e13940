package dev.logdrain.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptor 0 as /proc shows it: what counts as closed. (Through the real launcher and JVM: LauncherIT.) */
class StandardInputTest {

    @TempDir
    Path fd;

    @Test
    void theLaunchersWordIsTaken() {
        assertThat(StandardInput.closedReason("closed", fd.resolve("0"))).contains("standard input is closed");
    }

    @Test
    void aJvmFileOnDescriptor0MeansItWasClosed() throws IOException {
        Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
        Files.createSymbolicLink(fd.resolve("0"), modules);
        assertThat(StandardInput.closedReason(null, fd.resolve("0")))
                .isEqualTo("standard input is closed (descriptor 0 was closed when logdrain started, and the JVM "
                        + "opened its own modules on it)");
        Files.delete(fd.resolve("0"));
        Files.createSymbolicLink(fd.resolve("0"), Path.of("/tmp/archive.jsa"));
        assertThat(StandardInput.closedReason(null, fd.resolve("0"))).contains("its own archive.jsa");
    }

    @Test
    void noDescriptor0IsClosed() {
        assertThat(StandardInput.closedReason(null, fd.resolve("0"))).isEqualTo("standard input is closed (no descriptor 0)");
    }

    @Test
    void pipesTerminalsFilesAndDevNullAreInput() throws IOException {
        for (String target : new String[] {"pipe:[53993]", "socket:[12]", "/dev/pts/0", "/dev/null", "/var/log/app.log"}) {
            Path link = fd.resolve("0");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
            assertThat(StandardInput.closedReason(null, link)).as(target).isNull();
        }
        assertThat(StandardInput.closedReason(null, fd.resolve("no-proc").resolve("0"))).isNull();
    }

    @Test
    void readingARefusedStandardInputSaysWhy() {
        assertThatThrownBy(() -> StandardInput.refusing("standard input is closed (no descriptor 0)").read(new byte[8]))
                .isInstanceOf(IOException.class)
                .hasMessage("standard input is closed (no descriptor 0): give FILE arguments or --message, or "
                        + "redirect it (< /dev/null for no input)");
    }
}
