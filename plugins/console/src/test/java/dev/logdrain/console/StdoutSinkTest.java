package dev.logdrain.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.MessageBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdoutSinkTest {

    private static MessageBatch batchOf(String... messages) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] ends = new int[messages.length];
        for (int i = 0; i < messages.length; i++) {
            data.writeBytes(messages[i].getBytes(StandardCharsets.UTF_8));
            ends[i] = data.size();
        }
        return new MessageBatch(LogBatch.of("g", "s", List.of()), data.toByteArray(), ends, messages.length);
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30));
    }

    @Test
    void writesOneMessageALine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DeliveryResult result = new StdoutSink(out).send(batchOf("first", "second é€😀", ""), deadline());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond é€😀\n\n");
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.delivered()).isEqualTo(3);
        assertThat(result.bytesSent()).isEqualTo(out.size());
    }

    @Test
    void lineBreaksInsideAMessageAreEscapedSoThatItStaysOneLineAndNothingElseIs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new StdoutSink(out).send(batchOf("a\nb", "c\r\nd", "back\\slash", "forged\n<13>1 - fake"), deadline());

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).isEqualTo("a\\nb\nc\\r\\nd\nback\\slash\nforged\\n<13>1 - fake\n");
        assertThat(written.split("\n", -1)).hasSize(5); // four lines and the empty rest
    }

    @Test
    void aMessageLargerThanTheBufferIsWrittenWhole() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String big = "\n".repeat(100_000); // doubles to 200,000 bytes when escaped

        DeliveryResult result = new StdoutSink(out).send(batchOf("x", big, "y"), deadline());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x\n" + "\\n".repeat(100_000) + "\ny\n");
        assertThat(result.bytesSent()).isEqualTo(2 + 200_001 + 2);
    }

    @Test
    void manyMessagesAreWrittenInOrderAcrossBufferFlushes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> messages = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            messages.add("message " + i);
            expected.append("message ").append(i).append('\n');
        }
        StdoutSink sink = new StdoutSink(out);

        DeliveryResult result = sink.send(batchOf(messages.toArray(String[]::new)), deadline());
        sink.send(batchOf("again"), deadline());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected + "again\n");
        assertThat(result.delivered()).isEqualTo(20_000);
        assertThat(result.bytesSent()).isEqualTo(expected.length());
    }

    @Test
    void aWriteErrorIsReportedNotThrown() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        DeliveryResult result = new StdoutSink(broken).send(batchOf("a", "b"), deadline());

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.failed()).isEqualTo(2);
        assertThat(result.delivered()).isZero();
        assertThat(result.error()).isEqualTo("cannot write to standard output: Broken pipe");
    }
}
