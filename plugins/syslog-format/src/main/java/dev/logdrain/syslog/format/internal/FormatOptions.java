package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The options of the syslog formats, read and checked from a destination URL once, at start-up. Messages
 * name the destination by scheme, host and port only: option values such as {@code sd.static} may hold a
 * token.
 *
 * @param facility the facility number, 0-23
 * @param severity the severity number, 0-7, or {@link Priority#AUTO}
 * @param hostname HOSTNAME template
 * @param appname  APP-NAME (RFC 3164: TAG) template
 * @param procid   PROCID template
 * @param msgid    MSGID template
 * @param sdMeta   whether to add the {@link StructuredData#META_ID} element
 * @param sdStatic literal SD-ELEMENTs in canonical form (UTF-8), or an empty array
 * @param bom      whether to write a byte order mark before MSG
 * @param fields   top-level fields of JSON messages copied into the {@link StructuredData#FIELDS_ID} element
 */
public record FormatOptions(int facility, int severity, Template hostname, Template appname, Template procid,
                            Template msgid, boolean sdMeta, byte[] sdStatic, boolean bom,
                            List<String> fields) {

    public static final OptionSpec FACILITY = OptionSpec.of("facility",
            "syslog facility: kern ... local7 or 0-23 (default user; convox: mail)");
    public static final OptionSpec SEVERITY = OptionSpec.of("severity",
            "syslog severity: emerg ... debug, 0-7, or auto to detect it from each message (default auto; convox: info)");
    public static final OptionSpec HOSTNAME = OptionSpec.of("hostname",
            "HOSTNAME template with {group} {stream} {owner} {id} {group.last} {stream.last} {stream.N} "
                    + "(default {group})");
    public static final OptionSpec APPNAME = OptionSpec.of("appname",
            "APP-NAME template (default: Lambda function, ECS container, or last segment of the group)");
    public static final OptionSpec TAG = OptionSpec.of("appname",
            "TAG template, letters and digits only (default: Lambda function, ECS container, or last segment of the group)");
    public static final OptionSpec PROCID = OptionSpec.of("procid",
            "PROCID template (default {stream.last})");
    public static final OptionSpec MSGID = OptionSpec.of("msgid", "MSGID template (default: none, '-')");
    public static final OptionSpec SD = OptionSpec.of("sd",
            "structured data: none, or meta to add [" + StructuredData.META_ID + " id group stream owner]");
    // Secret: hosted services put their customer token in it (Loggly's [TOKEN@41058 ...]).
    public static final OptionSpec SD_STATIC = OptionSpec.secret("sd.static",
            "literal SD elements added to every message, e.g. [TOKEN@41058 tag=\"x\"]");
    public static final OptionSpec BOM = OptionSpec.of("bom",
            "true to write a UTF-8 byte order mark before MSG (default false)");

    public static final OptionSpec FIELDS = OptionSpec.of("fields",
            "comma-separated top-level fields of JSON messages to copy into [" + StructuredData.FIELDS_ID
                    + " NAME=\"value\" ...], e.g. level,request_id");

    /** The options each format declares. */
    public static List<OptionSpec> rfc5424Options() {
        return List.of(FACILITY, SEVERITY, HOSTNAME, APPNAME, PROCID, MSGID, SD, SD_STATIC, BOM, FIELDS);
    }

    public static List<OptionSpec> rfc3164Options() {
        return List.of(FACILITY, SEVERITY, HOSTNAME, TAG, PROCID);
    }

    public static List<OptionSpec> convoxOptions() {
        return List.of(FACILITY, SEVERITY);
    }

    /**
     * Reads the options a format declares from a destination; options of other formats are ignored here
     * (the plugin registry has already refused those the format does not declare).
     *
     * @param declared        the format's options
     * @param defaultFacility the facility when the URL gives none
     * @param defaultSeverity the severity when the URL gives none ({@link Priority#AUTO} to detect it)
     * @throws ConfigurationException naming the option and its allowed values
     */
    public static FormatOptions read(Destination destination, List<OptionSpec> declared, int defaultFacility,
                                     int defaultSeverity) {
        String where = where(destination);
        List<String> names = new ArrayList<>();
        declared.forEach(o -> names.add(o.name()));

        int facility = defaultFacility;
        Optional<String> facilityText = option(destination, names, "facility");
        if (facilityText.isPresent()) {
            facility = Priority.parseFacility(facilityText.get());
            if (facility < 0) {
                throw invalid(where, "facility", destination.shownOption("facility"), Priority.facilityChoices());
            }
        }
        int severity = defaultSeverity;
        Optional<String> severityText = option(destination, names, "severity");
        if (severityText.isPresent()) {
            severity = Priority.parseSeverity(severityText.get());
            if (severity < Priority.AUTO) {
                throw invalid(where, "severity", destination.shownOption("severity"), Priority.severityChoices());
            }
        }
        Template hostname = template(destination, names, "hostname", where, Template.group());
        Template appname = template(destination, names, "appname", where, Template.defaultAppName());
        Template procid = template(destination, names, "procid", where, Template.streamLast());
        Template msgid = template(destination, names, "msgid", where, Template.empty());

        boolean sdMeta = false;
        Optional<String> sdText = option(destination, names, "sd");
        if (sdText.isPresent()) {
            String sd = sdText.get().strip().toLowerCase(Locale.ROOT);
            if (!sd.equals("none") && !sd.equals("meta")) {
                throw invalid(where, "sd", destination.shownOption("sd"), "none, meta");
            }
            sdMeta = sd.equals("meta");
        }
        byte[] sdStatic = new byte[0];
        Optional<String> staticText = option(destination, names, "sd.static");
        if (staticText.isPresent()) {
            sdStatic = StructuredData.parseStatic(staticText.get(), where,
                    sdMeta ? Set.of(StructuredData.META_ID) : Set.of());
        }
        boolean bom = false;
        Optional<String> bomText = option(destination, names, "bom");
        if (bomText.isPresent()) {
            switch (bomText.get().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> bom = true;
                case "false", "no", "off", "0" -> bom = false;
                default -> throw invalid(where, "bom", destination.shownOption("bom"), "true, false");
            }
        }
        List<String> fields = List.of();
        Optional<String> fieldsText = option(destination, names, "fields");
        if (fieldsText.isPresent()) {
            fields = StructuredData.paramNames(fieldsText.get(), where);
        }
        return new FormatOptions(facility, severity, hostname, appname, procid, msgid, sdMeta, sdStatic, bom, fields);
    }

    private static Optional<String> option(Destination destination, List<String> declared, String name) {
        return declared.contains(name) ? destination.option(name) : Optional.empty();
    }

    private static Template template(Destination destination, List<String> declared, String name, String where,
                                     Template defaultTemplate) {
        Optional<String> text = option(destination, declared, name);
        return text.isPresent() ? Template.parse(name, text.get(), where) : defaultTemplate;
    }

    private static ConfigurationException invalid(String where, String option, String value, String allowed) {
        return new ConfigurationException(where + ": option " + option + "='" + value + "' is not valid; allowed: "
                + allowed);
    }

    /** The destination for messages: scheme, host and port, never userinfo or option values. */
    static String where(Destination destination) {
        return destination.endpoint();
    }
}
