package dev.logdrain.spi;

/**
 * Configuration that cannot work: a malformed URL, an unknown scheme or option, a bad option value, a
 * certificate file that cannot be read. The message is one line that says what and where, and never
 * contains a secret. Hosts report it at start-up (CLI exit status 2).
 */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
