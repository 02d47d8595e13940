package dev.logdrain.lambda.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logdrain.spi.ConfigurationException;
import java.io.IOException;

/**
 * The URL in a secret's value: the value itself (URLs separated by whitespace), or, for a secret made of
 * key/value pairs as the Secrets Manager console makes them, its {@code url} key. Errors name the secret and
 * what is wrong, never the value.
 */
final class SecretValues {

    private static final JsonFactory JSON = new JsonFactory();

    private SecretValues() {
    }

    static String url(String value, String origin) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(origin + " is empty: give it the destination URL");
        }
        String text = value.strip();
        if (!text.startsWith("{")) {
            return text;
        }
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            String url = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if (name.equals("url") && token == JsonToken.VALUE_STRING) {
                    url = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (url == null || url.isBlank()) {
                throw new ConfigurationException(origin + " holds JSON without a string \"url\" key");
            }
            return url.strip();
        } catch (IOException e) {
            throw new ConfigurationException(origin + " holds text that starts with { but is not a JSON object");
        }
    }
}
