package dev.logdrain.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsOnLfAndCrLf_keepsLoneCr_andTheLastLineWithoutNewline() throws IOException {
        assertThat(lines("a\r\nb\n\nc\rd\ne", 1024)).containsExactly("a", "b", "", "c\rd", "e");
    }

    @Test
    void noLineAfterAFinalNewline() throws IOException {
        assertThat(lines("a\n", 1024)).containsExactly("a");
        assertThat(lines("", 1024)).isEmpty();
    }

    @Test
    void badUtf8_becomesReplacementCharacters() throws IOException {
        byte[] bytes = {'o', 'k', (byte) 0xC3, '\n', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, '\n'};
        assertThat(lines(new ByteArrayInputStream(bytes), 1024)).containsExactly("ok\uFFFD", "€");
    }

    @Test
    void linesLongerThanTheBuffer_andReadOneByteAtATime() throws IOException {
        String longLine = "x".repeat(200_000);
        assertThat(lines(oneByteAtATime(longLine + "\nshort\n"), 1 << 20)).containsExactly(longLine, "short");
    }

    @Test
    void aLineOverTheLimit_isRefused() {
        assertThatThrownBy(() -> lines("y".repeat(3 << 20) + "\n", 1 << 20))
                .isInstanceOf(CliException.class).hasMessage("line 1 is longer than 1 MiB");
    }

    private static List<String> lines(String text, int max) throws IOException {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static List<String> lines(InputStream in, int max) throws IOException {
        LineReader reader = new LineReader(in, max);
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
        }
        return lines;
    }

    static InputStream oneByteAtATime(String text) {
        return oneByteAtATime(text.getBytes(StandardCharsets.UTF_8));
    }

    static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
