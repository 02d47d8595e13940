package dev.logdrain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import dev.logdrain.spi.RecordRules;
import dev.logdrain.spi.RecordRules.LineBreaks;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RecordShaperTest {

    private static final String HEADER = "<13>1 2026-12-01T00:00:00.000Z host app 7 - -";
    private static final String FORGED = "\n<13>1 - FORGEDHOST FORGEDAPP - - - x";
    private static final RecordRules LF = new RecordRules(LineBreaks.ESCAPE, 0, true);
    private static final RecordRules OCTETS = new RecordRules(LineBreaks.KEEP, 0, true);
    private static final RecordRules LINES = new RecordRules(LineBreaks.SPLIT, 0, true);

    /** What a formatter would write: header marks as the RFC 5424 formatter sets them (when asked to). */
    private record Shaped(int outcome, List<String> records) {
    }

    private static Shaped shape(RecordRules rules, int maxSize, RecordShaper.Oversize oversize, String sd,
                                boolean markHeader, boolean markSd, String id, String text) {
        RecordShaper shaper = new RecordShaper(rules, maxSize, oversize);
        MessageBuffer out = new MessageBuffer(16);
        out.writeAscii("garbage before"); // the message need not start at 0
        int start = out.length();
        out.beginMessage();
        out.writeAscii(HEADER.substring(0, HEADER.length() - 1)).writeAscii(sd);
        if (markSd) {
            out.markStructuredDataEnd();
        }
        out.writeByte(' ');
        if (markHeader) {
            out.markHeaderEnd();
        }
        out.writeUtf8(text);
        shaper.clear();
        int outcome = shaper.shape(out, start, new LogEvent(id, 1, text));
        List<String> records = new ArrayList<>();
        int from = start;
        for (int r = 0; r < shaper.records(); r++) {
            int end = shaper.recordEnds()[r];
            records.add(strictUtf8(out.array(), from, end));
            from = end;
        }
        assertThat(from).as("the records fill the message").isEqualTo(out.length());
        return new Shaped(outcome, records);
    }

    private static Shaped rfc5424(RecordRules rules, int maxSize, RecordShaper.Oversize oversize, String text) {
        return shape(rules, maxSize, oversize, "-", true, true, "e1", text);
    }

    private static String strictUtf8(byte[] b, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("a record is not valid UTF-8: " + e);
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static final Pattern PART = Pattern.compile(
            "^<13>1 2026-12-01T00:00:00\\.000Z host app 7 - \\[part@32473 n=\"(\\d+)\" of=\"(\\d+)\" id=\"e1\"] (.*)$",
            Pattern.DOTALL);

    /** Checks every part's header and marker, and returns the texts joined in order. */
    private static String reassemble(List<String> records) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            Matcher m = PART.matcher(records.get(i));
            assertThat(m.matches()).as("part %d: %s", i, records.get(i)).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(i + 1);
            assertThat(Integer.parseInt(m.group(2))).isEqualTo(records.size());
            text.append(m.group(3));
        }
        return text.toString();
    }

    @Test
    void aShortMessageIsOneRecordAsItIs() {
        Shaped s = rfc5424(LF, 8096, RecordShaper.Oversize.SPLIT, "hello");
        assertThat(s.outcome()).isZero();
        assertThat(s.records()).containsExactly(HEADER + " hello");
    }

    @Test
    void lineBreaksAreEscapedBeforeTheCutSoTheRecordNeverExceedsMaxsize() {
        String text = FORGED.repeat(40); // 1480 bytes that escaping makes 1520
        Shaped s = rfc5424(LF, 1500, RecordShaper.Oversize.TRUNCATE, text);
        assertThat(s.outcome()).isEqualTo(RecordShaper.TRUNCATED);
        assertThat(s.records()).hasSize(1);
        String record = s.records().get(0);
        assertThat(bytes(record)).isLessThanOrEqualTo(1500).isGreaterThan(1490);
        assertThat(record).doesNotContain("\n", "\r").startsWith(HEADER + " \\n<13>1 - FORGEDHOST");
    }

    @Test
    void aMessageThatOnlyEscapingMakesTooLongIsCountedToo() {
        String text = "a\nb".repeat(100); // 300 bytes, 400 escaped
        int fits = bytes(HEADER) + 1 + 300;
        Shaped s = rfc5424(LF, fits, RecordShaper.Oversize.TRUNCATE, text);
        assertThat(s.outcome()).isEqualTo(RecordShaper.TRUNCATED);
        assertThat(bytes(s.records().get(0))).isEqualTo(fits);
    }

    @Test
    void splitGivesCompleteRecordsWithAPartElementThatReassembleTheText() {
        String text = ("line one" + FORGED + " é€😀 ").repeat(300);
        Shaped s = rfc5424(LF, 1000, RecordShaper.Oversize.SPLIT, text);
        assertThat(s.outcome()).isEqualTo(RecordShaper.SPLIT);
        assertThat(s.records().size()).isGreaterThan(10);
        s.records().forEach(r -> assertThat(bytes(r)).isLessThanOrEqualTo(1000));
        s.records().forEach(r -> assertThat(r).doesNotContain("\n", "\r"));
        assertThat(reassemble(s.records())).isEqualTo(text.replace("\n", "\\n"));
    }

    @Test
    void splitWithOctetCountingKeepsLineBreaksAndNeedsNoEscaping() {
        String text = ("x".repeat(50) + FORGED).repeat(100);
        Shaped s = rfc5424(OCTETS, 2000, RecordShaper.Oversize.SPLIT, text);
        assertThat(s.outcome()).isEqualTo(RecordShaper.SPLIT);
        s.records().forEach(r -> assertThat(bytes(r)).isLessThanOrEqualTo(2000));
        assertThat(reassemble(s.records())).isEqualTo(text);
    }

    @Test
    void noPartEndsWithALineBreakWhichReceiversWouldDrop() {
        String text = ("y".repeat(37) + "\n\r\n").repeat(200) + "end";
        for (int maxSize = 150; maxSize < 200; maxSize++) {
            Shaped s = rfc5424(OCTETS, maxSize, RecordShaper.Oversize.SPLIT, text);
            s.records().forEach(r -> assertThat(r).doesNotEndWith("\n").doesNotEndWith("\r"));
            assertThat(reassemble(s.records())).isEqualTo(text);
        }
    }

    @Test
    void thePartElementFollowsExistingStructuredData() {
        Shaped s = shape(OCTETS, 200, RecordShaper.Oversize.SPLIT, "[a@1 x=\"]\"]", true, true, "e1",
                "y".repeat(300));
        assertThat(s.records()).allSatisfy(r -> assertThat(r).startsWith(
                "<13>1 2026-12-01T00:00:00.000Z host app 7 - [a@1 x=\"]\"][part@32473 n=\""));
        assertThat(s.records()).allSatisfy(r -> assertThat(bytes(r)).isLessThanOrEqualTo(200));
    }

    @Test
    void withoutStructuredDataTheMarkerStartsTheText() {
        Shaped s = shape(OCTETS, 200, RecordShaper.Oversize.SPLIT, "-", true, false, "49:x y\"]", "z".repeat(300));
        assertThat(s.records()).hasSize(3);
        assertThat(s.records().get(0)).startsWith(HEADER + " [part 1/3 id=49:xy] zzz");
        assertThat(s.records().get(2)).startsWith(HEADER + " [part 3/3 id=49:xy] zzz");
    }

    @Test
    void aHostileEventIdIsEscapedAndBoundedInThePartElement() {
        Shaped s = shape(OCTETS, 400, RecordShaper.Oversize.SPLIT, "-", true, true, "a\"] [b\\" + "9".repeat(500),
                "z".repeat(900));
        String first = s.records().get(0);
        assertThat(first).contains("id=\"a\\\"\\][b\\\\999"); // spaces dropped, " \\ ] escaped
        String id = first.substring(first.indexOf("id=\"") + 4, first.indexOf("\"] z"));
        assertThat(id.length()).isLessThanOrEqualTo(64 + 4);
    }

    @Test
    void manyPartsGetWiderNumbersAndStillFit() {
        Shaped s = rfc5424(OCTETS, 100, RecordShaper.Oversize.SPLIT, "q".repeat(20_000));
        assertThat(s.records().size()).isGreaterThan(1000);
        s.records().forEach(r -> assertThat(bytes(r)).isLessThanOrEqualTo(100));
        assertThat(reassemble(s.records())).isEqualTo("q".repeat(20_000));
    }

    @Test
    void aMessageWithoutAMarkedHeaderIsTruncatedNotSplit() {
        Shaped s = shape(LF, 200, RecordShaper.Oversize.SPLIT, "-", false, false, "e1", FORGED.repeat(20));
        assertThat(s.outcome()).isEqualTo(RecordShaper.TRUNCATED);
        assertThat(s.records()).hasSize(1);
        assertThat(bytes(s.records().get(0))).isLessThanOrEqualTo(200);
        assertThat(s.records().get(0)).doesNotContain("\n");
    }

    @Test
    void aSinkThatTakesOneRecordPerEventGetsItTruncated() {
        Shaped s = rfc5424(new RecordRules(LineBreaks.KEEP, 0, false), 200, RecordShaper.Oversize.SPLIT,
                "é".repeat(300));
        assertThat(s.outcome()).isEqualTo(RecordShaper.TRUNCATED);
        assertThat(s.records()).hasSize(1);
        assertThat(bytes(s.records().get(0))).isBetween(199, 200); // cut on a character boundary
    }

    @Test
    void countedFramingIsLeftRoomFor() {
        Shaped s = rfc5424(new RecordRules(LineBreaks.ESCAPE, 1, true), 300, RecordShaper.Oversize.SPLIT,
                "w".repeat(1000));
        s.records().forEach(r -> assertThat(bytes(r)).isLessThanOrEqualTo(299));
        assertThat(s.records().get(0).length()).isEqualTo(299);
    }

    @Test
    void multilineSplitMakesOneRecordPerLineUnderTheHeader() {
        Shaped s = rfc5424(LINES, 8096, RecordShaper.Oversize.SPLIT, "first\r\n  second\n\n\rthird\r");
        assertThat(s.outcome()).isZero();
        assertThat(s.records()).containsExactly(HEADER + " first", HEADER + "   second", HEADER + " \\rthird\\r");
    }

    @Test
    void multilineSplitKeepsAMessageOfOnlyLineBreaksAsOneRecord() {
        Shaped s = rfc5424(LINES, 8096, RecordShaper.Oversize.SPLIT, "\n\r\n");
        assertThat(s.records()).containsExactly(HEADER + " ");
    }

    @Test
    void multilineSplitSplitsALineTooLongInParts() {
        Shaped s = rfc5424(LINES, 200, RecordShaper.Oversize.SPLIT, "short\n" + "L".repeat(400));
        assertThat(s.outcome()).isEqualTo(RecordShaper.SPLIT);
        assertThat(s.records().get(0)).isEqualTo(HEADER + " short");
        assertThat(reassemble(s.records().subList(1, s.records().size()))).isEqualTo("L".repeat(400));
    }

    @Test
    void multilineSplitWithoutAMarkedHeaderEscapes() {
        Shaped s = shape(LINES, 8096, RecordShaper.Oversize.SPLIT, "-", false, false, "e1", "a" + FORGED);
        assertThat(s.records()).containsExactly(HEADER + " a\\n<13>1 - FORGEDHOST FORGEDAPP - - - x");
    }

    @Test
    void everyShapeKeepsItsPromisesOnRandomMessages() {
        Random random = new Random(12);
        String[] pieces = {"a", "é", "€", "😀", "\n", "\r", "\r\n", " ", FORGED, "[part@32473 n=\"9\"]"};
        RecordRules[] rules = {LF, OCTETS, LINES, new RecordRules(LineBreaks.ESCAPE, 1, true)};
        for (int round = 0; round < 400; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(600);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            RecordRules rule = rules[random.nextInt(rules.length)];
            int maxSize = 120 + random.nextInt(900);
            RecordShaper.Oversize oversize = random.nextBoolean() ? RecordShaper.Oversize.SPLIT
                    : RecordShaper.Oversize.TRUNCATE;
            Shaped s = rfc5424(rule, maxSize, oversize, text.toString());
            for (String r : s.records()) {
                assertThat(bytes(r)).isLessThanOrEqualTo(maxSize - rule.countedFraming());
                assertThat(r).startsWith("<13>1 2026-12-01T00:00:00.000Z host app 7 - ");
                if (rule.lineBreaks() != LineBreaks.KEEP) {
                    assertThat(r).doesNotContain("\n", "\r");
                }
            }
            if (rule == OCTETS && oversize == RecordShaper.Oversize.SPLIT && s.records().size() > 1) {
                assertThat(reassemble(s.records())).isEqualTo(text.toString());
            }
            if (rule == LF && oversize == RecordShaper.Oversize.SPLIT && s.records().size() > 1) {
                assertThat(reassemble(s.records())).isEqualTo(text.toString().replace("\n", "\\n")
                        .replace("\r", "\\r"));
            }
        }
    }
}
