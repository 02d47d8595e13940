package dev.logdrain.spi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The syntax of destination URLs beyond what java.net.URI checks: schemes, option names, percent-encoding,
 * and hosts (DNS names, IPv4 dotted quads, IPv6 literals with an optional zone), checked without any
 * lookup so that a malformed host is refused at start-up instead of being retried until the deadline.
 */
final class UrlSyntax {

    /** Longest host name DNS allows (RFC 1035), and the longest zone id taken (Linux interface names are 15). */
    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_ZONE_LENGTH = 64;

    private UrlSyntax() {
    }

    /**
     * The host of a bracketed literal: an IPv6 address, with its zone (RFC 6874: {@code %25} then the zone
     * id, e.g. an interface name for a link-local address) decoded to the JDK's form {@code fe80::1%eth0}.
     */
    static String ipv6Host(String literal, String where) {
        String address = literal;
        String zone = null;
        int percent = literal.indexOf('%');
        if (percent >= 0) {
            if (!literal.startsWith("%25", percent)) {
                throw new ConfigurationException(where + ": the zone of an IPv6 address"
                        + " is written %25 then its name, e.g. [fe80::1%25eth0]");
            }
            address = literal.substring(0, percent);
            zone = literal.substring(percent + 3);
            if (zone.isEmpty() || zone.length() > MAX_ZONE_LENGTH
                    || !zone.chars().allMatch(c -> isAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                throw new ConfigurationException(where + ": the zone after %25 must be an"
                        + " interface name or number (letters, digits, '.', '-', '_'), e.g. [fe80::1%25eth0]");
            }
        }
        if (!isIpv6(address)) {
            throw new ConfigurationException(where + ": [" + address
                    + "] is not an IPv6 address");
        }
        return zone == null ? address : address + "%" + zone;
    }

    /**
     * Refuses what cannot be a host name or an IPv4 address, so that a typo fails at start-up rather than
     * being retried until the deadline: DNS labels of letters, digits, '-' and '_' (1 to 63 characters, not
     * starting or ending with '-'), 253 characters at most; a name whose last label is a number must be a
     * dotted-quad IPv4 address.
     */
    static void checkName(String host, String where) {
        if (host.isEmpty()) {
            return; // stdout://, or refused by a sink that needs a host
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String problem = null;
        if (name.length() > MAX_HOST_LENGTH) {
            problem = "is longer than " + MAX_HOST_LENGTH + " characters";
        } else if (!name.chars().allMatch(c -> isAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
            problem = "may hold only letters, digits, '-', '_' and '.' (write an international name in its"
                    + " xn-- form)";
        } else {
            String[] labels = name.split("\\.", -1);
            for (String label : labels) {
                if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                    problem = "has an empty label, a label over 63 characters, or one that starts or ends with '-'";
                    break;
                }
            }
            if (problem == null && labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')
                    && !isIpv4(name)) {
                problem = "is neither a host name nor an IPv4 address (four numbers 0-255 without leading zeros)";
            }
        }
        if (problem != null) {
            throw new ConfigurationException(where + ": host '" + printable(host) + "' "
                    + problem);
        }
    }

    /** Four decimal numbers from 0 to 255, without leading zeros (which some resolvers read as octal). */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 text form: eight groups of 1-4 hex digits, one "::" for zero groups, a trailing IPv4 part. */
    static boolean isIpv6(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (s.startsWith("::")) {
            compressed = true;
            i = 2;
        } else if (s.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int start = i;
            while (i < n && isHexDigit(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                if (!isIpv4(s.substring(start))) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (i - start < 1 || i - start > 4) {
                return false;
            }
            groups++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':' || ++i == n) {
                return false; // not a separator, or a single trailing ':'
            }
            if (s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** A value for a one-line message: control characters and non-ASCII as '?'. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.length() > 80 ? sb.append("...").toString() : sb.toString();
    }

    /**
     * Text for a one-line message: control characters and Unicode line separators percent-encoded, so that
     * a value cannot break a log line or forge one.
     */
    static String forMessage(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (control) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    static boolean isScheme(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        return s.chars().allMatch(c -> isAsciiLetter((char) c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
    }

    static boolean isOptionName(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> isAsciiLetter((char) c) || (c >= '0' && c <= '9') || c == '.'
                || c == '-' || c == '_');
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Percent-encodes, in the query only, characters that java.net.URI would refuse. */
    static String escapeQuery(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder sb = new StringBuilder(url.length() + 16).append(url, 0, q + 1);
        String query = url.substring(q + 1);
        int hash = query.indexOf('#');
        String fragment = "";
        if (hash >= 0) {
            fragment = query.substring(hash);
            query = query.substring(0, hash);
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean validPercent = c == '%' && i + 2 < query.length()
                    && isHex(query.charAt(i + 1)) && isHex(query.charAt(i + 2));
            if (c == '%' && !validPercent) {
                sb.append("%25");
            } else if (c > 0x20 && c < 0x7F && "\"<>[]{}|\\^`".indexOf(c) < 0) {
                sb.append(c);
            } else {
                int cp = query.codePointAt(i);
                i += Character.charCount(cp) - 1;
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
                }
            }
        }
        return sb.append(fragment).toString();
    }

    static boolean isHex(char c) {
        return isHexDigit(c); // ASCII only: Character.digit would take fullwidth digits
    }

    static String percentDecode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    throw new ConfigurationException("bad percent-encoding in " + what);
                }
                out.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                int cp = s.codePointAt(i); // a surrogate pair is one character, not two '?'
                i += Character.charCount(cp) - 1;
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
