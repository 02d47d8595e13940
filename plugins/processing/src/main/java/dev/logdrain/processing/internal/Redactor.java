package dev.logdrain.processing.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.util.List;

/** {@code redact=...}: replaces what the named detectors and the custom pattern find. */
public final class Redactor extends FixedKindProcessor {

    private final Detector[] detectors;
    private final Pattern custom;
    private final String with;

    public Redactor(List<Detector> detectors, Pattern custom, String with) {
        super(Kind.REWRITE);
        this.detectors = detectors.toArray(Detector[]::new);
        this.custom = custom;
        this.with = with;
    }

    @Override
    public LogEvent process(LogBatch batch, LogEvent event) {
        String message = event.message();
        String redacted = message;
        for (Detector detector : detectors) {
            redacted = detector.redact(redacted, with);
        }
        if (custom != null) {
            redacted = replaceAll(custom, redacted, with);
        }
        return redacted == message ? event : new LogEvent(event.id(), event.timestamp(), redacted);
    }

    /** Like Matcher.replaceAll with a literal replacement, but the same instance when nothing matched. */
    static String replaceAll(Pattern pattern, String text, String with) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue; // an empty match replaces nothing
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start()).append(with);
            copied = m.end();
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
