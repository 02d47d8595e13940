package dev.logdrain.spi;

/**
 * Input a Source cannot decode: not base64, not gzip, truncated, not JSON, a required field missing, too
 * large. The message is one line that names what was wrong. Nothing of such an input is forwarded.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
