package dev.logdrain.syslog.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for random events (random Unicode, control characters, SD specials, random lengths), the RFC 5424
 * output parses back with a strict parser to the same fields.
 */
class Rfc5424RoundTripTest {

    private static final long SEED = Long.getLong("roundtrip.seed", 20261123L);
    private static final int RUNS = 2000;
    private static final long MAX_TIME = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    @Test
    void everyFieldParsesBack() {
        Random random = new Random(SEED);
        String[] severities = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
        for (int run = 0; run < RUNS; run++) {
            int facility = random.nextInt(24);
            int severity = random.nextInt(8);
            boolean bom = random.nextBoolean();
            String url = "memory://rt?facility=" + facility + "&severity=" + severities[severity]
                    + "&hostname={group}&appname={stream}&procid={owner}&msgid={id}&sd=meta&bom=" + bom;
            Formatter formatter = Formatting.formatter(url);
            String owner = randomText(random, 20);
            String group = randomText(random, 300);
            String stream = randomText(random, 60);
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                long time = random.nextInt(10) == 0 ? random.nextLong(-10_000, 10_000) : random.nextLong(0, MAX_TIME);
                int length = random.nextInt(20) == 0 ? random.nextInt(20_000) : random.nextInt(300);
                events.add(new LogEvent(randomText(random, 40), time, randomText(random, length)));
            }
            LogBatch batch = new LogBatch(owner, group, stream, events);
            MessageBuffer out = new MessageBuffer(64);
            for (LogEvent event : events) {
                out.reset();
                formatter.format(batch, event, out);
                byte[] bytes = java.util.Arrays.copyOf(out.array(), out.length());
                Rfc5424Parser.Parsed parsed;
                try {
                    parsed = Rfc5424Parser.parse(bytes);
                } catch (IllegalArgumentException e) {
                    throw new AssertionError("run " + run + " (seed " + SEED + "): " + e.getMessage(), e);
                }
                String context = "run " + run + " seed " + SEED;
                assertThat(parsed.pri()).as(context).isEqualTo(facility * 8 + severity);
                Instant expectedTime = Instant.ofEpochMilli(event.timestamp());
                if (event.timestamp() < Instant.parse("0000-01-01T00:00:00Z").toEpochMilli()) {
                    assertThat(parsed.timestamp()).as(context).isNull();
                } else {
                    assertThat(parsed.timestamp()).as(context).isEqualTo(expectedTime);
                }
                assertThat(parsed.hostname()).as(context).isEqualTo(headerField(group, 255));
                assertThat(parsed.appName()).as(context).isEqualTo(headerField(stream, 48));
                assertThat(parsed.procid()).as(context).isEqualTo(headerField(owner, 128));
                assertThat(parsed.msgid()).as(context).isEqualTo(headerField(event.id(), 32));
                assertThat(parsed.structuredData()).as(context).hasSize(1);
                assertThat(parsed.structuredData().get(0).id()).isEqualTo("logdrain@32473");
                Map<String, String> expectedParams = new LinkedHashMap<>();
                putIfNotEmpty(expectedParams, "id", event.id());
                putIfNotEmpty(expectedParams, "group", group);
                putIfNotEmpty(expectedParams, "stream", stream);
                putIfNotEmpty(expectedParams, "owner", owner);
                assertThat(Rfc5424Parser.params(parsed.structuredData().get(0))).as(context)
                        .containsExactlyEntriesOf(expectedParams);
                assertThat(parsed.bom()).as(context).isEqualTo(bom);
                assertThat(parsed.msg()).as(context).isEqualTo(wellFormed(event.message()));
            }
        }
    }

    @Test
    void defaultOptionsParseToo() {
        Random random = new Random(SEED + 1);
        Formatter formatter = Formatting.formatter("memory://rt");
        for (int run = 0; run < RUNS; run++) {
            LogEvent event = new LogEvent(randomText(random, 10), random.nextLong(0, MAX_TIME), randomText(random, 200));
            LogBatch batch = new LogBatch(randomText(random, 5), randomText(random, 40), randomText(random, 40), List.of(event));
            MessageBuffer out = new MessageBuffer(64);
            formatter.format(batch, event, out);
            Rfc5424Parser.Parsed parsed = Rfc5424Parser.parse(java.util.Arrays.copyOf(out.array(), out.length()));
            assertThat(parsed.pri()).isEqualTo(14);
            assertThat(parsed.msgid()).isEqualTo("-");
            assertThat(parsed.structuredData()).isEmpty();
            assertThat(parsed.msg()).isEqualTo(wellFormed(event.message()));
        }
    }

    private static void putIfNotEmpty(Map<String, String> map, String key, String value) {
        if (!value.isEmpty()) {
            map.put(key, wellFormed(value));
        }
    }

    /** The reference cleaning of a header field: PRINTUSASCII kept, any other character one '_', cut, '-' if empty. */
    static String headerField(String value, int max) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().forEach(cp -> sb.append(cp >= 33 && cp <= 126 ? (char) cp : '_'));
        String cut = sb.length() > max ? sb.substring(0, max) : sb.toString();
        return cut.isEmpty() ? "-" : cut;
    }

    /** What UTF-8 can carry: an unpaired surrogate becomes '?'. */
    static String wellFormed(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('?');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Random text of up to {@code maxLength} chars from a mix meant to hit every escaping and encoding path. */
    static String randomText(Random random, int maxLength) {
        int length = maxLength == 0 ? 0 : random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            switch (random.nextInt(10)) {
                case 0 -> sb.append("]\"\\= [-".charAt(random.nextInt(7)));
                case 1 -> sb.append((char) random.nextInt(32)); // controls, NUL, CR, LF
                case 2 -> sb.appendCodePoint(0x80 + random.nextInt(0x780)); // 2-byte UTF-8
                case 3 -> sb.appendCodePoint(0x4E00 + random.nextInt(0x5000)); // CJK
                case 4 -> sb.appendCodePoint(0x1F600 + random.nextInt(0x50)); // emoji, surrogate pairs
                case 5 -> sb.appendCodePoint(0xE000 + random.nextInt(0x1000)); // private use, 3-byte
                case 6 -> sb.append(random.nextInt(50) == 0 ? (char) (0xD800 + random.nextInt(0x800)) : '\u007f');
                case 7 -> sb.appendCodePoint(0x10000 + random.nextInt(0xFFFFF)); // any supplementary
                default -> sb.append((char) (33 + random.nextInt(94)));
            }
        }
        return sb.toString();
    }
}
