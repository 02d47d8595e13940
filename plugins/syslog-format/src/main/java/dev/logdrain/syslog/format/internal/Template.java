package dev.logdrain.syslog.format.internal;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A header field template such as {@code {group.last}-{stream.1}}, compiled once at start-up. Rendering
 * hands the pieces (literals and slices of the batch's names) to a {@link FieldWriter}, which cleans
 * them; nothing is allocated while rendering.
 *
 * <p>Placeholders: {@code {group}}, {@code {stream}}, {@code {owner}}, {@code {id}} (the event id),
 * {@code {group.last}} and {@code {stream.last}} (the last non-empty {@code /}-separated segment),
 * {@code {stream.N}} (segment N of the stream, counted from 0; empty when there is none), {@code {json.NAME}}
 * (the top-level field NAME of a JSON message, see {@link JsonField}; empty when there is none).
 */
public final class Template {

    /** Every placeholder a user may write, for messages. */
    public static final String PLACEHOLDERS =
            "{group}, {stream}, {owner}, {id}, {group.last}, {stream.last}, {stream.N}, {json.NAME}";

    private static final int LITERAL = 0;
    private static final int GROUP = 1;
    private static final int STREAM = 2;
    private static final int OWNER = 3;
    private static final int ID = 4;
    private static final int GROUP_LAST = 5;
    private static final int STREAM_LAST = 6;
    private static final int STREAM_SEGMENT = 7;
    private static final int DEFAULT_APP_NAME = 8;
    private static final int JSON = 9;

    private static final String LAMBDA_GROUP_PREFIX = "/aws/lambda/";

    private final int[] kinds;
    private final String[] literals;
    private final int[] segments;
    private final boolean usesEventId;
    private final String text;

    private Template(List<int[]> parts, List<String> literalParts, String text) {
        int n = parts.size();
        kinds = new int[n];
        segments = new int[n];
        literals = new String[n];
        boolean id = false;
        for (int i = 0; i < n; i++) {
            kinds[i] = parts.get(i)[0];
            segments[i] = parts.get(i)[1];
            literals[i] = literalParts.get(i);
            id |= kinds[i] == ID || kinds[i] == JSON;
        }
        usesEventId = id;
        this.text = text;
    }

    /** The default HOSTNAME: the log group. */
    public static Template group() {
        return parse("hostname", "{group}", "");
    }

    /** The default PROCID: the last segment of the log stream. */
    public static Template streamLast() {
        return parse("procid", "{stream.last}", "");
    }

    /** A template that renders nothing (a NILVALUE field). */
    public static Template empty() {
        return parse("msgid", "", "");
    }

    /**
     * The default APP-NAME: the function name of a {@code /aws/lambda/NAME} group, the container name of an
     * ECS awslogs stream ({@code prefix/container/task-id}), otherwise the last segment of the group.
     */
    public static Template defaultAppName() {
        List<int[]> parts = new ArrayList<>();
        parts.add(new int[] {DEFAULT_APP_NAME, 0});
        List<String> literalParts = new ArrayList<>();
        literalParts.add(null);
        return new Template(parts, literalParts, "(default)");
    }

    /**
     * Compiles a template.
     *
     * @param option the option it came from, for messages
     * @param where  the destination, for messages (never containing a secret)
     * @throws ConfigurationException naming the option and the placeholders allowed
     */
    public static Template parse(String option, String text, String where) {
        List<int[]> parts = new ArrayList<>();
        List<String> literalParts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '{') {
                if (c == '}') {
                    throw bad(option, text, where, "'}' without '{'");
                }
                literal.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i);
            if (close < 0) {
                throw bad(option, text, where, "'{' without '}'");
            }
            String name = text.substring(i + 1, close);
            int[] part = placeholder(name);
            if (part == null) {
                throw bad(option, text, where, "unknown placeholder {" + name + "}");
            }
            if (literal.length() > 0) {
                parts.add(new int[] {LITERAL, 0});
                literalParts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(part);
            literalParts.add(part[0] == JSON ? name.substring(5) : null);
            i = close + 1;
        }
        if (literal.length() > 0) {
            parts.add(new int[] {LITERAL, 0});
            literalParts.add(literal.toString());
        }
        return new Template(parts, literalParts, text);
    }

    private static int[] placeholder(String name) {
        switch (name) {
            case "group": return new int[] {GROUP, 0};
            case "stream": return new int[] {STREAM, 0};
            case "owner": return new int[] {OWNER, 0};
            case "id": return new int[] {ID, 0};
            case "group.last": return new int[] {GROUP_LAST, 0};
            case "stream.last": return new int[] {STREAM_LAST, 0};
            default:
                if (name.startsWith("json.") && name.length() > 5 && name.length() <= 5 + 64
                        && name.substring(5).chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\\')) {
                    return new int[] {JSON, 0};
                }
                if (name.startsWith("stream.") && name.length() > 7 && name.length() <= 10) {
                    int n = 0;
                    for (int i = 7; i < name.length(); i++) {
                        char c = name.charAt(i);
                        if (c < '0' || c > '9') {
                            return null;
                        }
                        n = n * 10 + (c - '0');
                    }
                    return new int[] {STREAM_SEGMENT, n};
                }
                return null;
        }
    }

    private static ConfigurationException bad(String option, String text, String where, String problem) {
        return new ConfigurationException((where.isEmpty() ? "" : where + ": ") + "option " + option + "='"
                + oneLine(text) + "': " + oneLine(problem) + "; placeholders are " + PLACEHOLDERS);
    }

    /** Whether the template reads the event, its id or message (and so cannot be rendered once per batch). */
    public boolean usesEventId() {
        return usesEventId;
    }

    /** Renders the template for one event of a batch into {@code out} (which must have begun a field). */
    public void render(LogBatch batch, LogEvent event, FieldWriter out) {
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case LITERAL -> out.append(literals[i], 0, literals[i].length());
                case GROUP -> out.append(batch.logGroup(), 0, batch.logGroup().length());
                case STREAM -> out.append(batch.logStream(), 0, batch.logStream().length());
                case OWNER -> out.append(batch.owner(), 0, batch.owner().length());
                case ID -> out.append(event.id(), 0, event.id().length());
                case GROUP_LAST -> appendLastSegment(batch.logGroup(), out);
                case STREAM_LAST -> appendLastSegment(batch.logStream(), out);
                case STREAM_SEGMENT -> appendSegment(batch.logStream(), segments[i], out);
                case DEFAULT_APP_NAME -> appendDefaultAppName(batch, out);
                case JSON -> {
                    String value = JsonField.value(event.message(), literals[i]);
                    if (value != null) {
                        out.append(value, 0, value.length());
                    }
                }
                default -> throw new IllegalStateException("template part " + kinds[i]);
            }
        }
    }

    private static void appendLastSegment(String s, FieldWriter out) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        int start = s.lastIndexOf('/', end - 1) + 1;
        out.append(s, start, end);
    }

    /** Segment {@code n} (from 0) of a {@code /}-separated name; a leading {@code /} starts no segment. */
    private static void appendSegment(String s, int n, FieldWriter out) {
        int start = s.startsWith("/") ? 1 : 0;
        for (int k = 0; k < n; k++) {
            int slash = s.indexOf('/', start);
            if (slash < 0) {
                return;
            }
            start = slash + 1;
        }
        int end = s.indexOf('/', start);
        out.append(s, start, end < 0 ? s.length() : end);
    }

    private static void appendDefaultAppName(LogBatch batch, FieldWriter out) {
        String group = batch.logGroup();
        if (group.startsWith(LAMBDA_GROUP_PREFIX) && group.length() > LAMBDA_GROUP_PREFIX.length()) {
            // /aws/lambda/NAME: the function name (Lambda@Edge groups are /aws/lambda/us-east-1.NAME)
            appendLastSegment(group, out);
            return;
        }
        String stream = batch.logStream();
        int first = stream.indexOf('/');
        int second = first < 0 ? -1 : stream.indexOf('/', first + 1);
        if (first > 0 && second > first + 1 && stream.indexOf('/', second + 1) < 0
                && isEcsTaskId(stream, second + 1)) {
            // ECS awslogs driver: prefix/container-name/task-id
            out.append(stream, first + 1, second);
            return;
        }
        appendLastSegment(group, out);
    }

    /** A task id: 32 lower-case hex digits (current ECS) or a UUID (older ECS). */
    static boolean isEcsTaskId(String s, int from) {
        int n = s.length() - from;
        if (n == 32) {
            for (int i = from; i < s.length(); i++) {
                if (!isHex(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        if (n == 36) {
            for (int i = 0; i < 36; i++) {
                char c = s.charAt(from + i);
                boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : !isHex(c)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    @Override
    public String toString() {
        return text;
    }

    /** The template for a one-line message: control characters as {@code \\uXXXX}. */
    private static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
