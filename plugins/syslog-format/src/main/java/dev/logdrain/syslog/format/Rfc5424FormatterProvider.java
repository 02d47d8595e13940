package dev.logdrain.syslog.format;

import dev.logdrain.syslog.format.internal.FormatOptions;
import dev.logdrain.syslog.format.internal.Priority;
import dev.logdrain.syslog.format.internal.Rfc5424Formatter;

/**
 * {@code format=rfc5424} (the default): {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG}
 * with millisecond UTC timestamps. Options: {@code facility}, {@code severity}, {@code hostname},
 * {@code appname}, {@code procid}, {@code msgid}, {@code sd}, {@code sd.static}, {@code bom}.
 */
public final class Rfc5424FormatterProvider extends SyslogFormatterProvider {

    public static final String NAME = "rfc5424";

    public Rfc5424FormatterProvider() {
        super(NAME, FormatOptions.rfc5424Options(), Priority.USER, Priority.AUTO, Rfc5424Formatter::new);
    }
}
