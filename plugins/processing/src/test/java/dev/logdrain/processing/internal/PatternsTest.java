package dev.logdrain.processing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import org.junit.jupiter.api.Test;

class PatternsTest {

    private final Destination destination = Destination.parse("tcp://logs.example.com:514?token=s3cret");

    /**
     * {@code (a+)+$} on a line of a's that ends in another letter takes exponential time in a backtracking
     * engine (java.util.regex does not finish this in any useful time); RE2/J is linear. The test asserts the
     * engine, and that the match finishes with the right answer, not a time.
     */
    @Test
    void catastrophicPattern_runsOnRe2j_andFinishes() {
        com.google.re2j.Pattern pattern = Patterns.compile(destination, "exclude", "(a+)+$");
        String line = "a".repeat(100_000) + "!";

        assertThat(pattern).isInstanceOf(com.google.re2j.Pattern.class);
        assertThat(pattern.matcher(line).find()).isFalse();
        assertThat(pattern.matcher("a".repeat(100_000)).find()).isTrue();
    }

    @Test
    void backreferences_areRefused_withTheSyntaxNamed_andNoSecret() {
        assertThatThrownBy(() -> Patterns.compile(destination, "exclude", "(a)\\1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tcp://logs.example.com:514: option exclude='(a)\\1' is not a valid RE2")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void emptyPattern_isRefused() {
        assertThatThrownBy(() -> Patterns.compile(destination, "include", ""))
                .hasMessageContaining("option include is empty");
    }
}
