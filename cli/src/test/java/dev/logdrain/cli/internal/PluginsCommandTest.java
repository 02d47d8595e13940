package dev.logdrain.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {

    @Test
    void listsSourcesFormatsAndSchemes_withOriginsAndOptions() {
        Cli.Result result = Cli.run("plugins");

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .containsSubsequence("Sources", "  cloudwatch", "from: built-in", "maxpayload",
                        "Formats", "  rfc5424", "from: built-in", "facility",
                        "Schemes", "  stdout", "from: built-in",
                        "Options every destination takes:", "format", "maxsize")
                .contains("  memory\n      from: built-in (").contains("MemorySinkProvider)");
    }

    @Test
    void emptyPluginDirectory_addsNothing() {
        assertThat(Cli.run("plugins", "--plugins", emptyDir.toString()).status()).isZero();
    }

    @Test
    void missingPluginDirectory_exits2() {
        Cli.Result result = Cli.run("plugins", "--plugins", emptyDir.resolve("missing").toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).hasLineCount(1);
    }

    @TempDir
    Path emptyDir;
}
