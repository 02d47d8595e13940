package dev.logdrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.cli.internal.Commands;
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

        assertThat(err.toString().strip()).hasLineCount(1)
                .isEqualTo("logdrain: unknown command 'replya' (see 'logdrain --help' for the commands)");
    }

    @Test
    void unknownCommandWithHelp_isUnknownCommand_notTheMainHelp() {
        assertThat(run("nosuch", "--help")).isEqualTo(2);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo(
                "logdrain: unknown command 'nosuch' (see 'logdrain --help' for the commands)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "send", "check", "plugins"})
    void helpCommand_showsTheCommandsHelp(String command) {
        assertThat(run("help", command)).isZero();

        assertThat(out.toString()).startsWith("Usage: logdrain " + command);
    }

    @Test
    void helpAlone_showsTheMainHelp_andHelpOfAnUnknownCommandIsBadUsage() {
        assertThat(run("help")).isZero();
        assertThat(out.toString()).startsWith("Usage: logdrain ").contains("replay", "plugins");

        assertThat(run("help", "nosuch")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command 'nosuch'");
    }

    /** picocli wraps a footer line longer than the usage width (80 columns off a terminal) mid-word. */
    @ParameterizedTest
    @ValueSource(strings = {"replay", "send", "check", "plugins"})
    void helpExamples_fitTheWidth_soNoUrlIsWrapped(String command) {
        assertThat(run(command, "--help")).isZero();

        String help = out.toString();
        String examples = help.substring(help.indexOf("Examples:\n") + 10, help.indexOf("\n\n", help.indexOf("Examples:")));
        // every example line is indented: a wrapped one would continue at column 0
        assertThat(examples.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("  "));
    }

    /** picocli may break an option's description after a '.' inside a word ("e.\n g."): every word stays whole. */
    @ParameterizedTest
    @ValueSource(strings = {"replay", "send", "check", "plugins"})
    void optionDescriptions_wrapOnlyBetweenWords(String command) {
        assertThat(run(command, "--help")).isZero();

        // the help with its line breaks and indentation as single blanks: a description wrapped between words
        // reads as written, one wrapped inside a word ("e. g.") does not
        String help = out.toString().replaceAll("\\s+", " ");
        for (picocli.CommandLine.Model.OptionSpec option : Commands.spec(command).options()) {
            for (String line : option.description()) {
                String text = line.replaceAll("\\s+", " ").strip();
                if (!text.contains("${")) {
                    assertThat(help).as("%s %s", command, option.longestName()).contains(text);
                }
            }
        }
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
