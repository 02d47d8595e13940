package dev.logdrain.syslog.format;

import dev.logdrain.syslog.format.internal.FormatOptions;
import dev.logdrain.syslog.format.internal.Priority;
import dev.logdrain.syslog.format.internal.Rfc3164Formatter;

/**
 * {@code format=rfc3164}, BSD syslog: {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PROCID]: MSG} in UTC, with the
 * header cleaned for legacy parsers. Options: {@code facility}, {@code severity}, {@code hostname},
 * {@code appname} (the TAG), {@code procid}.
 */
public final class Rfc3164FormatterProvider extends SyslogFormatterProvider {

    public static final String NAME = "rfc3164";

    public Rfc3164FormatterProvider() {
        super(NAME, FormatOptions.rfc3164Options(), Priority.USER, Priority.AUTO, Rfc3164Formatter::new);
    }
}
