package dev.logdrain.cloudwatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;

import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8#isValid} held to the JDK's decoder with REPORT, on crafted and random byte strings. */
class Utf8Test {

    private static final CharsetDecoder JDK = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    @Test
    void everySequenceOfUpToThreeBytesAfterALeadIsJudgedAsTheJdkJudgesIt() {
        // every lead byte with every second byte, then (after a lead) a few thirds and fourths: overlongs,
        // surrogates, > U+10FFFF, truncated sequences, stray continuation bytes
        int[] tails = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF};
        for (int lead = 0; lead < 256; lead++) {
            assertSameAsJdk(new byte[] {(byte) lead});
            for (int second = 0; second < 256; second++) {
                assertSameAsJdk(new byte[] {(byte) lead, (byte) second});
                for (int third = 0; lead >= 0xC0 && third < tails.length; third++) {
                    assertSameAsJdk(new byte[] {(byte) lead, (byte) second, (byte) tails[third]});
                    for (int fourth = 0; lead >= 0xE0 && fourth < tails.length; fourth++) {
                        assertSameAsJdk(new byte[] {(byte) lead, (byte) second, (byte) tails[third], (byte) tails[fourth]});
                    }
                }
            }
        }
    }

    @Test
    void craftedStringsAreJudgedAsTheJdkJudgesThem() {
        List<byte[]> crafted = new ArrayList<>();
        for (String hex : List.of("", "41", "c3a9", "e29c93", "f09f9880", "efbfbd", "f48fbfbf", "f4908080", "edbfbf",
                "eda080", "ed9fbf", "ee8080", "e0a080", "e09fbf", "f0908080", "f08fbfbf", "c080", "c1bf", "c280", "dfbf",
                "80", "bf", "f5808080", "f8888080", "fe", "ff", "e282", "f09f98", "c3", "4142434445464748c3a9",
                "41424344454647c3", "414243444546474849c3a84a")) {
            crafted.add(HexFormat.of().parseHex(hex));
        }
        for (byte[] bytes : crafted) {
            assertSameAsJdk(bytes);
            // the same after runs of ASCII of every length, which the check skips eight bytes at a time
            for (int pad = 1; pad <= 17; pad++) {
                byte[] padded = new byte[pad + bytes.length + pad % 3];
                java.util.Arrays.fill(padded, (byte) 'a');
                System.arraycopy(bytes, 0, padded, pad, bytes.length);
                assertSameAsJdk(padded);
            }
        }
    }

    @Test
    void randomByteStringsAreJudgedAsTheJdkJudgesThem() {
        Random random = new Random(20261202);
        byte[] valid = "aé✓😀\u0000\uFFFD\u07FF\u0800\uFFFF\uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = switch (random.nextInt(4)) {
                    case 0 -> (byte) random.nextInt(0x80);
                    case 1 -> (byte) (0x80 + random.nextInt(0x40));
                    case 2 -> valid[random.nextInt(valid.length)];
                    default -> (byte) random.nextInt(256);
                };
            }
            assertSameAsJdk(bytes);
        }
    }

    private static void assertSameAsJdk(byte[] bytes) {
        // the decoder's result, not its exception: most of these are malformed, and a stack trace each is slow
        JDK.reset();
        CharBuffer out = CharBuffer.allocate(bytes.length);
        boolean jdk = !JDK.decode(ByteBuffer.wrap(bytes), out, true).isError() && !JDK.flush(out).isError();
        if (Utf8.isValid(bytes, 0, bytes.length) != jdk) {
            assertThat(Utf8.isValid(bytes, 0, bytes.length)).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
        }
        // and within a larger array
        byte[] framed = new byte[bytes.length + 2];
        framed[0] = (byte) 0xC3;
        framed[framed.length - 1] = (byte) 0xA9;
        System.arraycopy(bytes, 0, framed, 1, bytes.length);
        if (Utf8.isValid(framed, 1, 1 + bytes.length) != jdk) {
            assertThat(Utf8.isValid(framed, 1, 1 + bytes.length)).as("framed " + HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdk);
        }
    }
}
