package dev.logdrain.processing.internal;

/**
 * Whether a candidate the IP pattern found is an address: a dotted quad, or an IPv6 address (RFC 4291
 * section 2.2: eight groups, or fewer with one {@code ::}, the last two may be a dotted quad; an optional
 * {@code %zone}). Clock times ({@code 12:30:45}), MAC addresses and hex words are not.
 */
final class IpAddresses {

    private IpAddresses() {
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
