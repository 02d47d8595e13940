package dev.logdrain.syslog.transport;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds MessageBatches straight from strings (no formatter), and finds event ids in what a server got. */
public final class Batches {

    private static final Pattern ID = Pattern.compile("ev-(\\d+)-(\\d+)");

    private Batches() {
    }

    public static MessageBatch of(List<String> messages) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] ends = new int[messages.size()];
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            data.writeBytes(messages.get(i).getBytes(StandardCharsets.UTF_8));
            ends[i] = data.size();
            events.add(new LogEvent(Integer.toString(i), 0, messages.get(i)));
        }
        return new MessageBatch(LogBatch.of("group", "stream", events), data.toByteArray(), ends, messages.size());
    }

    public static MessageBatch of(String... messages) {
        return of(List.of(messages));
    }

    /** The id of event {@code index} of batch {@code batch}: {@code ev-BATCH-INDEX}. */
    public static String id(int batch, int index) {
        return "ev-" + batch + "-" + index;
    }

    /**
     * RFC 5424 messages whose MSG carries a unique id; every {@code multilineEvery}-th one (if > 0) has
     * three lines.
     */
    public static MessageBatch rfc5424(int batch, int count, int multilineEvery) {
        return rfc5424(batch, count, multilineEvery, 0);
    }

    /** Same, each MSG padded with {@code padding} bytes of text. */
    public static MessageBatch rfc5424(int batch, int count, int multilineEvery, int padding) {
        List<String> messages = new ArrayList<>(count);
        String pad = "x".repeat(padding);
        for (int i = 0; i < count; i++) {
            String text = id(batch, i) + " hello wörld " + pad;
            if (multilineEvery > 0 && i % multilineEvery == 0) {
                text = text + "\n  at line two of " + id(batch, i) + "\r\n  line three";
            }
            messages.add("<14>1 2024-05-01T12:00:00.000Z host app 42 - - " + text);
        }
        return of(messages);
    }

    /** Every distinct id found in the texts (each text counted once per id it contains). */
    public static Set<String> ids(List<String> texts) {
        Set<String> ids = new LinkedHashSet<>();
        for (String text : texts) {
            Matcher m = ID.matcher(text);
            if (m.find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /** How many texts carry each id beyond the first (duplicates). */
    public static int duplicates(List<String> texts) {
        Set<String> seen = new java.util.HashSet<>();
        int duplicates = 0;
        for (String text : texts) {
            Matcher m = ID.matcher(text);
            if (m.find() && !seen.add(m.group())) {
                duplicates++;
            }
        }
        return duplicates;
    }

    /** The ids {@code ev-BATCH-0} to {@code ev-BATCH-(count-1)}. */
    public static Set<String> expectedIds(int batch, int count) {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(id(batch, i));
        }
        return ids;
    }
}
