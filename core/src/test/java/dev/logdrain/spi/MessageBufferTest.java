package dev.logdrain.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageBufferTest {

    private static final char[] SAMPLES = {'a', 'Z', '0', ' ', '\n', '\u0000', '\u007f', '\u0080', 'é', '\u07ff',
            '\u0800', '€', '\uffff', '\ufeff', '\ud83d', '\ude00', '\udbff', '\udfff', '\ud800', '\udc00'};

    /** Strings mixing 1-, 2-, 3- and 4-byte characters with unpaired high and low surrogates. */
    private static String randomString(Random random) {
        int length = random.nextInt(40);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> sb.append((char) random.nextInt(0x80));
                case 1 -> sb.append(SAMPLES[random.nextInt(SAMPLES.length)]);
                case 2 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a valid pair
                default -> sb.append((char) random.nextInt(0x10000)); // anything, lone surrogates too
            }
        }
        return sb.toString();
    }

    private static byte[] contents(MessageBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.length());
    }

    @Test
    void writeMessageOfAnEventMadeFromBytesWritesTheBytesAndOfAStringEventEncodesItAsWriteUtf8() {
        Random random = new Random(99);
        MessageBuffer buffer = new MessageBuffer(16);
        for (int round = 0; round < 20_000; round++) {
            String s = randomString(random);
            s = s.endsWith("\n") ? s + "." : s; // the bytes below must not lose a second line break
            LogEvent fromString = new LogEvent("1", 0, s);
            String message = fromString.message();
            int from = message.isEmpty() ? 0 : random.nextInt(message.length() + 1);
            buffer.reset();
            buffer.writeUtf8(message, from, message.length());
            byte[] expected = contents(buffer);

            buffer.reset();
            assertThat(contents(buffer.writeMessage(fromString, from))).isEqualTo(expected);
            if (message.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                // valid UTF-8 exists only for text without lone surrogates
                byte[] utf8 = ("<" + message + ">").getBytes(StandardCharsets.UTF_8);
                boolean ascii = utf8.length == message.length() + 2;
                LogEvent fromBytes = LogEvent.ofUtf8("1", 0, utf8, 1, utf8.length - 2, ascii);
                buffer.reset();
                assertThat(contents(buffer.writeMessage(fromBytes, from))).as("from %d of %s", from, message)
                        .isEqualTo(expected);
                buffer.reset();
                assertThat(contents(buffer.writeMessage(fromBytes))).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void writeUtf8EncodesLikeTheJdkForRandomStrings() {
        Random random = new Random(20240501);
        MessageBuffer buffer = new MessageBuffer(16);
        for (int round = 0; round < 20_000; round++) {
            String s = randomString(random);
            buffer.reset();
            buffer.writeUtf8(s);
            assertThat(contents(buffer)).as("encoding %s", s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void writeUtf8OfARangeEncodesLikeTheJdkEvenWhenItSplitsAPair() {
        Random random = new Random(7);
        MessageBuffer buffer = new MessageBuffer(16);
        for (int round = 0; round < 20_000; round++) {
            String s = randomString(random);
            int from = s.isEmpty() ? 0 : random.nextInt(s.length());
            int to = from + random.nextInt(s.length() - from + 1);
            buffer.reset();
            buffer.writeAscii("<");
            buffer.writeUtf8(s, from, to);
            assertThat(contents(buffer)).isEqualTo(("<" + s.substring(from, to)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void longStringsTakeTheBulkPathAndEncodeLikeTheJdk() {
        Random random = new Random(11);
        MessageBuffer buffer = new MessageBuffer(16);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 32 + round) {
                sb.append(round % 3 == 0 ? "plain ascii log line " : randomString(random));
            }
            String s = sb.toString();
            int from = random.nextInt(8);
            buffer.reset();
            buffer.writeAscii("<").writeUtf8(s).writeUtf8(s, from, s.length() - from / 2);
            // each part encoded on its own: a lone surrogate at the end of one never pairs with the next
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            expected.writeBytes("<".getBytes(StandardCharsets.UTF_8));
            expected.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            expected.writeBytes(s.substring(from, s.length() - from / 2).getBytes(StandardCharsets.UTF_8));
            assertThat(contents(buffer)).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void unpairedSurrogatesBecomeQuestionMarks() {
        MessageBuffer buffer = new MessageBuffer();
        buffer.writeUtf8("a\ud800b\udc00c\ud83d");

        assertThat(new String(contents(buffer), StandardCharsets.UTF_8)).isEqualTo("a?b?c?");
    }

    @Test
    void theBufferGrowsAndKeepsWhatItHolds() {
        MessageBuffer buffer = new MessageBuffer(1);
        String text = "é€😀x".repeat(1000);
        buffer.writeAscii("head ").writeUtf8(text).writeByte('!');

        assertThat(new String(contents(buffer), StandardCharsets.UTF_8)).isEqualTo("head " + text + "!");
    }

    @Test
    void numbersAndDigits() {
        MessageBuffer buffer = new MessageBuffer();
        buffer.writeDecimal(0).writeByte(' ').writeDecimal(7).writeByte(' ').writeDecimal(10).writeByte(' ')
                .writeDecimal(1234567890123L).writeByte(' ').writeDecimal(Long.MAX_VALUE).writeByte(' ')
                .writeDecimal(-5).writeByte(' ').writeDecimal(Long.MIN_VALUE).writeByte(' ')
                .writeDigits(7, 3).writeByte(' ').writeDigits(2024, 4).writeByte(' ').writeDigits(0, 2);

        assertThat(new String(contents(buffer), StandardCharsets.US_ASCII))
                .isEqualTo("0 7 10 1234567890123 9223372036854775807 -5 -9223372036854775808 007 2024 00");
    }

    @Test
    void setLengthCutsBackOnly() {
        MessageBuffer buffer = new MessageBuffer();
        buffer.writeAscii("abcdef");
        buffer.setLength(3);

        assertThat(new String(contents(buffer), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThatThrownBy(() -> buffer.setLength(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.setLength(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void utf8BoundaryIsTheLongestCutThatSplitsNoCharacter() throws Exception {
        MessageBuffer buffer = new MessageBuffer();
        buffer.writeAscii("prefix|");
        int start = buffer.length();
        String text = "aé€😀b€😀éé";
        buffer.writeUtf8(text);
        int end = buffer.length();

        for (int max = 0; max <= end - start + 2; max++) {
            int cut = buffer.utf8Boundary(start, max);
            assertThat(cut - start).as("max %d", max).isLessThanOrEqualTo(max).isGreaterThanOrEqualTo(Math.max(0, Math.min(max, end - start) - 3));
            String kept = strictDecode(Arrays.copyOfRange(buffer.array(), start, cut));
            assertThat(text).startsWith(kept);
            // no longer cut would also be valid
            for (int longer = cut - start + 1; longer <= Math.min(max, end - start); longer++) {
                byte[] candidate = Arrays.copyOfRange(buffer.array(), start, start + longer);
                assertThat(isValidUtf8(candidate)).as("max %d, longer %d", max, longer).isFalse();
            }
        }
    }

    @Test
    void utf8BoundaryWithAHugeLimitDoesNotOverflow() {
        MessageBuffer buffer = new MessageBuffer();
        buffer.writeAscii("abc").writeUtf8("€€");

        assertThat(buffer.utf8Boundary(2, Integer.MAX_VALUE)).isEqualTo(buffer.length());
        assertThat(buffer.utf8Boundary(0, buffer.length())).isEqualTo(buffer.length());
        assertThat(buffer.utf8Boundary(3, 2)).isEqualTo(3);
        assertThat(buffer.utf8Boundary(3, 3)).isEqualTo(6);
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            strictDecode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String strictDecode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
