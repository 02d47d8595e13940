package dev.logdrain.relp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelpFrameCodecTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(int txnr, String command, String data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = ascii(data);
        int n = new RelpFrameWriter().write(out, txnr, command, bytes, 0, bytes.length);
        assertThat(n).isEqualTo(out.size());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RelpFrameReader reader(String text) {
        return new RelpFrameReader(new ByteArrayInputStream(ascii(text)), 1024);
    }

    @Test
    void encodesHeaderDataAndTrailer() throws IOException {
        assertThat(encode(2, "syslog", "<14>1 - h a - - - hi")).isEqualTo("2 syslog 20 <14>1 - h a - - - hi\n");
        assertThat(encode(999_999_999, "syslog", "x")).isEqualTo("999999999 syslog 1 x\n");
    }

    @Test
    void encodesEmptyDataWithoutTheSpace() throws IOException {
        assertThat(encode(7, "close", "")).isEqualTo("7 close 0\n");
    }

    @Test
    void countsBytesNotCharactersAndKeepsLineBreaksInside() throws IOException {
        assertThat(encode(3, "syslog", "a\nb ✓")).isEqualTo("3 syslog 7 a\nb ✓\n");
    }

    @Test
    void writesASliceOfASharedArray() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RelpFrameWriter().write(out, 10, "syslog", ascii("xxhelloyy"), 2, 5);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("10 syslog 5 hello\n");
    }

    @Test
    void decodesConsecutiveFramesWhateverTheirData() throws IOException {
        RelpFrameReader reader = reader("2 rsp 6 200 OK\n3 rsp 12 200 OK\nx\ny z\n0 serverclose 0\n4 rsp 0 \n");
        RelpFrame first = reader.read();
        assertThat(first.txnr()).isEqualTo(2);
        assertThat(first.command()).isEqualTo("rsp");
        assertThat(first.dataText()).isEqualTo("200 OK");
        assertThat(reader.read().dataText()).isEqualTo("200 OK\nx\ny z");
        RelpFrame close = reader.read();
        assertThat(close.txnr()).isZero();
        assertThat(close.command()).isEqualTo("serverclose");
        assertThat(close.data()).isEmpty();
        assertThat(reader.read().data()).isEmpty(); // "0 " before the LF is tolerated
        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class).hasMessage("connection closed by the server");
    }

    @Test
    void decodesAFrameThatArrivesOneByteAtATime() throws IOException {
        byte[] bytes = ascii("12 rsp 6 200 OK\n");
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        RelpFrame frame = new RelpFrameReader(trickle, 100).read();
        assertThat(frame.txnr()).isEqualTo(12);
        assertThat(frame.dataText()).isEqualTo("200 OK");
    }

    @Test
    void anEndInsideAFrameIsAnEofWithItsOwnMessage() {
        assertThatThrownBy(() -> reader("2 rsp 6 200").read()).isInstanceOf(EOFException.class)
                .hasMessageContaining("in the middle of a RELP frame");
    }

    @Test
    void rejectsWhatIsNotRelp() {
        assertThatThrownBy(() -> reader("HTTP/1.1 400 Bad Request\r\n").read())
                .isInstanceOf(RelpProtocolException.class).hasMessageContaining("not a RELP peer")
                .hasMessageContaining("HTTP/1.1");
        assertThatThrownBy(() -> reader("<14>1 2024-01-01T00:00:00Z h a - - - x\n").read())
                .isInstanceOf(RelpProtocolException.class).hasMessageContaining("not a RELP peer");
    }

    @Test
    void rejectsOverlongNumbersCommandsAndData() {
        assertThatThrownBy(() -> reader("1234567890 rsp 0\n").read()).hasMessageContaining("more than 9 digits");
        assertThatThrownBy(() -> reader("1 rsp 1234567890 x\n").read()).hasMessageContaining("more than 9 digits");
        assertThatThrownBy(() -> reader("1 " + "r".repeat(33) + " 0\n").read()).hasMessageContaining("32 letters");
        assertThatThrownBy(() -> reader("1 rsp 2000 x\n").read()).hasMessageContaining("2000 bytes")
                .hasMessageContaining("1024");
    }

    @Test
    void rejectsAMissingTrailerOrSeparator() {
        assertThatThrownBy(() -> reader("1 rsp 2 OKX\n").read()).isInstanceOf(RelpProtocolException.class)
                .hasMessageContaining("does not end with a line feed");
        assertThatThrownBy(() -> reader("1 rsp 2\nOK\n").read()).isInstanceOf(RelpProtocolException.class)
                .hasMessageContaining("expected a space after DATALEN");
        assertThatThrownBy(() -> reader("1  rsp 0\n").read()).isInstanceOf(RelpProtocolException.class);
    }

    @Test
    void parsesResponses() throws IOException {
        RelpResponse ok = RelpResponse.parse(ascii("200 OK"));
        assertThat(ok.isOk()).isTrue();
        assertThat(ok.text()).isEqualTo("OK");
        RelpResponse open = RelpResponse.parse(ascii("200 OK\nrelp_version=0\ncommands=syslog\n"));
        assertThat(open.data()).isEqualTo("relp_version=0\ncommands=syslog\n");
        RelpResponse error = RelpResponse.parse(ascii("500 error 1 on connect"));
        assertThat(error.isOk()).isFalse();
        assertThat(error.code()).isEqualTo(500);
        assertThat(error.statusLine()).isEqualTo("500 error 1 on connect");
        assertThat(RelpResponse.parse(ascii("200")).isOk()).isTrue();
        assertThat(RelpResponse.parse(new byte[0]).isEmpty()).isTrue();
        assertThatThrownBy(() -> RelpResponse.parse(ascii("OK 200"))).isInstanceOf(RelpProtocolException.class);
        assertThatThrownBy(() -> RelpResponse.parse(ascii("2000 OK"))).isInstanceOf(RelpProtocolException.class);
    }

    @Test
    void parsesAndWritesOffers() {
        assertThat(Offers.client("logdrain,1.0")).isEqualTo("relp_version=0\nrelp_software=logdrain,1.0\ncommands=syslog");
        Offers offers = Offers.parse("relp_version=0\nrelp_software=librelp,1.11.0,http://librelp.adiscon.com\n"
                + "commands=syslog,foo\n");
        assertThat(offers.value("relp_version")).isEqualTo("0");
        assertThat(offers.values("relp_software")).containsExactly("librelp", "1.11.0", "http://librelp.adiscon.com");
        assertThat(offers.values("commands")).containsExactly("syslog", "foo");
        assertThat(offers.has("missing")).isFalse();
        assertThat(Offers.parse("commands=").values("commands")).isEmpty();
    }
}
