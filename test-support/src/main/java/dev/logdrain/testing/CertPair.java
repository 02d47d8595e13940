package dev.logdrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A certificate and its private key, both PEM files: the certificate as {@code CERTIFICATE}, the key as
 * unencrypted PKCS#8 {@code PRIVATE KEY} (RSA 2048).
 *
 * @param cert the certificate PEM file
 * @param key  the private key PEM file (PKCS#8)
 */
public record CertPair(Path cert, Path key) {

    /** The certificate PEM text. */
    public String certPem() {
        return read(cert);
    }

    /** The private key PEM text. */
    public String keyPem() {
        return read(key);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
