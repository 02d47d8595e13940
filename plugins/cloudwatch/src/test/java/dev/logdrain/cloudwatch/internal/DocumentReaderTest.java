package dev.logdrain.cloudwatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    @Test
    void documentsOneALine_orBackToBack_orPrettyPrinted_withTheirLines() throws IOException {
        String text = "{\"a\":1}\n\n[1,\n 2]{\"b\":\n\"x\"}\r\n  \"s\"\nH4sIAAAA\n";

        assertThat(read(text)).containsExactly("1:{\"a\":1}", "3:[1,\n 2]", "4:{\"b\":\n\"x\"}", "6:\"s\"", "7:H4sIAAAA");
    }

    @Test
    void readingOneByteAtATime_givesTheSameDocuments() throws IOException {
        String big = "{\"k\":\"" + "v".repeat(300_000) + "\"}";
        String text = "{\"a\":[true,false,null,-1.5]}\n" + big + "\n{\"c\":{}}";

        List<String> whole = read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<String> trickled = read(oneByteAtATime(text));

        assertThat(trickled).isEqualTo(whole).hasSize(3);
        assertThat(whole.get(1)).isEqualTo("2:" + big);
    }

    @Test
    void byteOrderMark_isSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
        assertThat(read(new ByteArrayInputStream(bom))).containsExactly("1:[]");
    }

    @Test
    void emptyInput_hasNoDocuments() throws IOException {
        assertThat(read(" \n\t\r\n")).isEmpty();
        assertThat(read("")).isEmpty();
    }

    @Test
    void malformedJson_namesTheLineOfTheError() {
        assertThatThrownBy(() -> read("{\"a\":1}\n{\"b\":\n  2,,}\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("line 3: not JSON: Unexpected character (',' (code 44)): was expecting double-quote to start field name");
    }

    @Test
    void truncatedDocument() {
        assertThatThrownBy(() -> read("{\"a\":1}\n{\"b\":[1,2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("line 2: not JSON: Unexpected end-of-input: expected close marker for Array");
    }

    @Test
    void garbageAfterADocument() {
        assertThatThrownBy(() -> read("{\"a\":1}x\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("line 1: not JSON: unexpected 'x' after a complete document");
    }

    @Test
    void documentOverTheLimit_isRefused() {
        String text = "[\"" + "z".repeat(3 << 20) + "\"]";
        assertThatThrownBy(() -> read(new DocumentReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1 << 20, "")))
                .isInstanceOf(InvalidInputException.class).hasMessage("line 1: a document larger than 1 MiB");
    }

    private static List<String> read(String text) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> read(InputStream in) throws IOException {
        return read(new DocumentReader(in, 64 << 20, ""));
    }

    private static List<String> read(DocumentReader reader) throws IOException {
        List<String> documents = new ArrayList<>();
        DocumentReader.Document document;
        while ((document = reader.next()) != null) {
            JsonSpans.Range r = document.range();
            documents.add(document.line() + ":" + new String(r.data(), r.start(), r.end() - r.start(), StandardCharsets.UTF_8));
        }
        return documents;
    }

    private static InputStream oneByteAtATime(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
