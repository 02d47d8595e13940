package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.MessageBuffer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an event's time in UTC in one of the syslog styles. The part down to the second is formatted once
 * per second and reused, since the events of a batch mostly share their second; what changes per event
 * (milliseconds) is written digit by digit.
 */
public final class TimestampWriter {

    /** The timestamp styles. */
    public enum Style {
        /** RFC 5424 with milliseconds: {@code 2026-11-23T20:00:00.123Z}. */
        RFC3339_MILLIS,
        /** convox/syslog's: whole seconds, {@code 2016-04-19T01:53:22Z}. */
        RFC3339_SECONDS,
        /** RFC 3164: {@code Nov  3 20:00:00} (day padded with a space, no year). */
        RFC3164
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private final Style style;
    private long cachedSecond = Long.MIN_VALUE;
    /** Formatted up to and including the seconds; null when the year has no 4-digit form. */
    private byte[] cached;

    public TimestampWriter(Style style) {
        this.style = style;
    }

    /** Writes the time of {@code epochMillis}; for the RFC 3339 styles a year outside 0-9999 writes {@code -}. */
    public void write(long epochMillis, MessageBuffer out) {
        long second = Math.floorDiv(epochMillis, 1000L);
        if (second != cachedSecond) {
            cached = format(second);
            cachedSecond = second;
        }
        if (cached == null) {
            out.writeByte('-');
            return;
        }
        out.write(cached);
        switch (style) {
            case RFC3339_MILLIS -> {
                out.writeByte('.');
                out.writeDigits((int) Math.floorMod(epochMillis, 1000L), 3);
                out.writeByte('Z');
            }
            case RFC3339_SECONDS -> out.writeByte('Z');
            case RFC3164 -> {
                // nothing after the seconds
            }
            default -> throw new IllegalStateException(style.name());
        }
    }

    private byte[] format(long epochSecond) {
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
        MessageBuffer b = new MessageBuffer(32);
        if (style == Style.RFC3164) {
            b.writeAscii(MONTHS[t.getMonthValue() - 1]).writeByte(' ');
            int day = t.getDayOfMonth();
            if (day < 10) {
                b.writeByte(' ');
            }
            b.writeDecimal(day).writeByte(' ');
        } else {
            if (t.getYear() < 0 || t.getYear() > 9999) {
                return null;
            }
            b.writeDigits(t.getYear(), 4).writeByte('-').writeDigits(t.getMonthValue(), 2).writeByte('-')
                    .writeDigits(t.getDayOfMonth(), 2).writeByte('T');
        }
        b.writeDigits(t.getHour(), 2).writeByte(':').writeDigits(t.getMinute(), 2).writeByte(':')
                .writeDigits(t.getSecond(), 2);
        return Bytes.copy(b, 0);
    }
}
