package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;

/**
 * Writes one header field into a {@link MessageBuffer}, keeping only the characters its syntax allows and
 * stopping at its length limit. A character made of two UTF-16 units (an emoji) counts as one.
 * Reusable: {@link #begin} starts a field, {@link #append} adds pieces, {@link #end} says how many bytes
 * it wrote.
 */
public final class FieldWriter {

    /** What a field may contain. */
    public enum Rule {
        /** RFC 5424 header fields: PRINTUSASCII (33-126); anything else becomes {@code _}. */
        PRINTUSASCII,
        /**
         * RFC 3164 HOSTNAME: letters, digits, {@code . - _}; a leading {@code /} is dropped, anything else
         * becomes {@code _} (rsyslog takes a name with {@code /} for the tag).
         */
        HOSTNAME_3164,
        /** RFC 3164 PROCID: letters, digits, {@code . - _}; anything else is dropped. */
        PROCID_3164,
        /** RFC 3164 TAG: letters and digits only; anything else is dropped. */
        TAG_3164
    }

    private static final byte REPLACEMENT = '_';

    private final Rule rule;
    private final int maxLength;
    private MessageBuffer out;
    private int start;
    private boolean atFieldStart;

    public FieldWriter(Rule rule, int maxLength) {
        this.rule = rule;
        this.maxLength = maxLength;
    }

    public void begin(MessageBuffer buffer) {
        out = buffer;
        start = buffer.length();
        atFieldStart = true;
    }

    public void append(CharSequence s, int from, int to) {
        MessageBuffer buffer = out;
        for (int i = from; i < to; i++) {
            if (buffer.length() - start >= maxLength) {
                return;
            }
            char c = s.charAt(i);
            boolean first = atFieldStart;
            atFieldStart = false;
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // one replacement for the whole character
            }
            switch (rule) {
                case PRINTUSASCII -> buffer.writeByte(c >= 33 && c <= 126 ? c : REPLACEMENT);
                case HOSTNAME_3164 -> {
                    if (isHostChar(c)) {
                        buffer.writeByte(c);
                    } else if (!(first && c == '/')) {
                        buffer.writeByte(REPLACEMENT);
                    }
                }
                case PROCID_3164 -> {
                    if (isHostChar(c)) {
                        buffer.writeByte(c);
                    }
                }
                case TAG_3164 -> {
                    if (isAlphanumeric(c)) {
                        buffer.writeByte(c);
                    }
                }
                default -> throw new IllegalStateException(rule.name());
            }
        }
    }

    /** Ends the field; returns the number of bytes written since {@link #begin}. */
    public int end() {
        int written = out.length() - start;
        out = null;
        return written;
    }

    /** Renders a template as one field, writing {@code nil} instead when the field comes out empty. */
    public void writeField(Template template, LogBatch batch, LogEvent event,
                           MessageBuffer buffer, byte nil) {
        begin(buffer);
        template.render(batch, event, this);
        if (end() == 0) {
            buffer.writeByte(nil);
        }
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isHostChar(char c) {
        return isAlphanumeric(c) || c == '.' || c == '-' || c == '_';
    }
}
