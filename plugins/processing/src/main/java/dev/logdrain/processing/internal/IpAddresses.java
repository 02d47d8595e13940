package dev.logdrain.processing.internal;

/**
 * Whether a candidate the IP pattern found is an address: a dotted quad, or an IPv6 address (RFC 4291
 * section 2.2: eight groups, or fewer with one {@code ::}, the last two may be a dotted quad; an optional
 * {@code %zone}). Clock times ({@code 12:30:45}), MAC addresses and hex words are not.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * The message with every address replaced, or the same instance when it has none. One pass: a candidate
     * is a run of hex digits, ':' and '.' that starts after a character that is no letter, digit or '.';
     * the run is an address (trailing '.' and ':' not part of it, a {@code %zone} after it included), or
     * holds a dotted quad before its first ':' or after its last ({@code 10.0.0.1:8080},
     * {@code client:10.0.0.1}). A letter or digit right after the address makes it none.
     */
    static String redact(String s, String with) {
        StringBuilder out = null;
        int copied = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!(isHex(c) || c == ':') || (i > 0 && isWordOrDot(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < n && (isHex(s.charAt(runEnd)) || s.charAt(runEnd) == ':' || s.charAt(runEnd) == '.')) {
                runEnd++;
            }
            int end = runEnd;
            while (end > i && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ':')) {
                end--;
            }
            int start = i;
            boolean found = false;
            if (end - start >= 2 && endsWord(s, end) && valid(s, start, end)) {
                found = true;
            } else if (end - start >= 7) {
                int firstColon = s.indexOf(':', start);
                int lastColon = s.lastIndexOf(':', end - 1);
                if (firstColon > start && firstColon < end && ipv4(s, start, firstColon)) {
                    end = firstColon;
                    found = true;
                } else if (lastColon >= start && lastColon + 1 < end && endsWord(s, end)
                        && ipv4(s, lastColon + 1, end)) {
                    start = lastColon + 1;
                    found = true;
                }
            }
            if (found) {
                int zoneEnd = end;
                if (zoneEnd + 1 < n && s.charAt(zoneEnd) == '%' && s.indexOf(':', start) >= 0 && s.indexOf(':', start) < end) {
                    int z = zoneEnd + 1;
                    while (z < n && z - zoneEnd <= 16 && Character.isLetterOrDigit(s.charAt(z))) {
                        z++;
                    }
                    zoneEnd = z > zoneEnd + 1 ? z : zoneEnd;
                }
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(s, copied, start).append(with);
                copied = zoneEnd;
                i = Math.max(zoneEnd, runEnd);
            } else {
                i = runEnd;
            }
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWordOrDot(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_';
    }

    /** No letter or digit continues the candidate (a '.' or ':' then a digit would have been part of the run). */
    private static boolean endsWord(String s, int end) {
        return end >= s.length() || !Character.isLetterOrDigit(s.charAt(end)) && s.charAt(end) != '_';
    }

    static boolean valid(String s, int start, int end) {
        int zone = s.indexOf('%', start);
        if (zone >= 0 && zone < end) {
            end = zone;
        }
        int colon = s.indexOf(':', start);
        if (colon < 0 || colon >= end) {
            return ipv4(s, start, end);
        }
        int groups = 0;
        boolean compressed = false;
        int i = start;
        if (s.startsWith("::", i)) {
            compressed = true;
            i += 2;
            if (i == end) {
                return true; // "::", the unspecified address
            }
        } else if (s.charAt(i) == ':') {
            return false;
        }
        while (i < end) {
            int groupEnd = i;
            while (groupEnd < end && s.charAt(groupEnd) != ':') {
                groupEnd++;
            }
            if (groupEnd == end && s.lastIndexOf('.', end - 1) >= i) {
                if (!ipv4(s, i, end)) {
                    return false;
                }
                groups += 2;
                break;
            }
            int length = groupEnd - i;
            if (length < 1 || length > 4 || !hex(s, i, groupEnd)) {
                return false;
            }
            groups++;
            if (groupEnd == end) {
                break;
            }
            i = groupEnd + 1;
            if (i < end && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == end) {
                return false; // ends with one ':'
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean ipv4(String s, int start, int end) {
        int parts = 0;
        int i = start;
        while (i <= end) {
            int partEnd = i;
            while (partEnd < end && s.charAt(partEnd) != '.') {
                partEnd++;
            }
            int length = partEnd - i;
            if (length < 1 || length > 3) {
                return false;
            }
            int value = 0;
            for (int k = i; k < partEnd; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
                value = value * 10 + c - '0';
            }
            if (value > 255 || (length > 1 && s.charAt(i) == '0')) {
                return false;
            }
            parts++;
            i = partEnd + 1;
        }
        return parts == 4;
    }
}
