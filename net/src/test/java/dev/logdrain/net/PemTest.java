package dev.logdrain.net;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed PEM files, among them those the fuzzer found (also replayed from PemFuzzTestInputs). */
class PemTest {

    private static final Path FILE = Path.of("x.pem");

    @Test
    void anEndlessFileIsRefusedWithoutFillingTheHeap() {
        // ca=/dev/zero: read up to the cap, then refused in one line
        assertThatThrownBy(() -> Pem.certificates(Path.of("/dev/zero"), "ca"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("option ca: /dev/zero is larger than 4 MiB; it is not a PEM file");
    }

    @Test
    void aFileJustUnderTheCapIsRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.pem");
        Files.write(big, new byte[Pem.MAX_FILE_BYTES]);
        assertThatThrownBy(() -> Pem.certificates(big, "ca")).hasMessageContaining("contains no PEM certificate");
    }

    @Test
    void anEndMarkerOverlappingTheBeginLineIsNoBlock() {
        // "-----BEGIN CERTIFICATE-----END CERTIFICATE-----" made the reader cut a body of negative length
        assertThatThrownBy(() -> Pem.parse("-----BEGIN CERTIFICATE-----END CERTIFICATE-----\n", FILE, "cert"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("lacks '-----END CERTIFICATE-----'");
    }

    @Test
    void aBeginLineWithoutItsClosingDashesIsNotRepeated() {
        // the "type" ran on to the next "-----", through key material that the message then showed
        String key = "-----BEGIN EC PRIVATE KEY----\nMHcCAQEEIHq9NJCTLGiTNtTWPlKzgSelFGyaaMw9\n-----END EC PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Pem.parse(key, FILE, "key"))
                .hasMessage("option key: the file given as key has a malformed PEM BEGIN line");
    }
}
