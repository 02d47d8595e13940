package dev.logdrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LogdrainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Logdrain.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "send", "check", "plugins"})
    void everyCommandsHelp_showsExamplesAndExitStatus(String command) {
        assertThat(run(command, "--help")).isZero();

        assertThat(out.toString()).startsWith("Usage: logdrain " + command).contains("Examples:\n  logdrain " + command)
                .contains("Exit status: 0 ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void help_listsTheCommands() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("replay", "send", "check", "plugins", "Examples:");
    }

    @Test
    void noCommand_isBadUsage() {
        assertThat(run()).isEqualTo(2);

        assertThat(err.toString()).startsWith("logdrain: a command is required");
    }

    @Test
    void unknownCommand_isOneLine_exit2() {
        assertThat(run("replya", "x.json")).isEqualTo(2);

        assertThat(err.toString().strip()).hasLineCount(1).startsWith("logdrain: Unmatched arguments")
                .endsWith("(see 'logdrain --help' for the commands)");
    }

    @Test
    void unknownOption_isOneLine_exit2() {
        assertThat(run("replay", "--urll", "tcp://x")).isEqualTo(2);

        assertThat(err.toString().strip()).hasLineCount(1)
                .isEqualTo("logdrain replay: Unknown option: '--urll' (see 'logdrain replay --help')");
    }

    @Test
    void version() {
        assertThat(run("--version")).isZero();

        assertThat(out.toString()).startsWith("logdrain ");
    }
}
