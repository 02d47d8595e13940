package dev.logdrain.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.testing.MemorySinkProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendCommandTest {

    private static final String TO_MEMORY = "memory://got?format=events";

    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        MemorySinkProvider.reset();
    }

    @Test
    void eachLine_isOneEvent_withGroupAndStream() {
        long before = System.currentTimeMillis();

        Cli.Result result = Cli.runWithInput("first\r\nsecond line\n\nlast without newline", "send", "--url", TO_MEMORY,
                "--group", "/ecs/orders", "--stream", "web/web/abc");

        assertThat(result.status()).isZero();
        assertThat(result.err()).isEmpty();
        List<String> got = MemorySinkProvider.received("got");
        assertThat(got).extracting(line -> line.substring(line.lastIndexOf('|') + 1))
                .containsExactly("first", "second line", "", "last without newline");
        assertThat(got).allSatisfy(line -> {
            String[] fields = line.split("\\|", -1);
            assertThat(fields[0]).isEqualTo("/ecs/orders");
            assertThat(fields[1]).isEqualTo("web/web/abc");
            assertThat(Long.parseLong(fields[3])).isBetween(before, System.currentTimeMillis());
        });
        assertThat(got).extracting(line -> line.split("\\|")[2]).containsExactly("1", "2", "3", "4");
    }

    @Test
    void messages_insteadOfInput() {
        Cli.Result result = Cli.runWithInput("not read", "send", "--url", TO_MEMORY, "-m", "one", "--message", "two");

        assertThat(result.status()).isZero();
        assertThat(MemorySinkProvider.received("got")).extracting(line -> line.substring(line.lastIndexOf('|') + 1))
                .containsExactly("one", "two");
    }

    @Test
    void filesInOrder_thenNothingElse() throws IOException {
        Path a = Files.writeString(dir.resolve("a.log"), "a1\na2\n");
        Path b = Files.writeString(dir.resolve("b.log"), "b1\n");

        Cli.Result result = Cli.run("send", "--url", TO_MEMORY, a.toString(), b.toString());

        assertThat(result.status()).isZero();
        assertThat(MemorySinkProvider.received("got")).extracting(line -> line.substring(line.lastIndexOf('|') + 1))
                .containsExactly("a1", "a2", "b1");
    }

    @Test
    void severity_setsTheSeverityOfEveryLine() {
        Cli.Result result = Cli.runWithInput("disk almost full\n", "send", "--url", "memory://got", "--severity", "warning");

        assertThat(result.status()).isZero();
        // user.warning: 1 * 8 + 4
        assertThat(MemorySinkProvider.received("got")).singleElement().asString().startsWith("<12>1 ").endsWith(" disk almost full");
    }

    @Test
    void severity_andTheUrlOption_isAConflict() {
        Cli.Result result = Cli.run("send", "--url", "memory://got?severity=err", "--severity", "warning", "-m", "x");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains("--severity and the URL option severity= both set");
        assertThat(MemorySinkProvider.received("got")).isEmpty();
    }

    @Test
    void severity_withAFormatThatHasNone_isAnError() {
        Cli.Result result = Cli.run("send", "--url", TO_MEMORY, "--severity", "warning", "-m", "x");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).contains("format events").contains("has no severity");
    }

    @Test
    void badSeverity_isAnError() {
        Cli.Result result = Cli.run("send", "--url", "memory://got", "--severity", "loud", "-m", "x");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).hasLineCount(1).contains("severity");
    }

    @Test
    void deliveryFailure_exits1() {
        Cli.Result result = Cli.runWithInput("a\nb\n", "send", "--url", "memory://fail?format=events&fail=true");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).hasLineCount(1);
        assertThat(result.errLine()).startsWith("logdrain send: stdin lines 1-2: not delivered: memory://fail");
    }

    @Test
    void missingFile_exits2() {
        Cli.Result result = Cli.run("send", "--url", TO_MEMORY, dir.resolve("missing.log").toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLine()).endsWith("missing.log: no such file");
    }

    @Test
    void linesAreSentAsTheyArrive_notAtTheEndOfTheInput() throws Exception {
        // a pipe that has given one line and then waits, like `tail -f`
        CountDownLatch release = new CountDownLatch(1);
        InputStream pipe = new InputStream() {
            private final byte[] first = "first\n".getBytes(StandardCharsets.UTF_8);
            private int position;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position < first.length) {
                    int n = Math.min(len, first.length - position);
                    System.arraycopy(first, position, b, off, n);
                    position += n;
                    return n;
                }
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(pipe, "send", "--url", TO_MEMORY));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (MemorySinkProvider.received("got").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(MemorySinkProvider.received("got")).singleElement().asString().endsWith("|first");
        } finally {
            release.countDown();
        }
        assertThat(run.get(30, TimeUnit.SECONDS).status()).isZero();
    }
}
