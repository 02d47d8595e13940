package dev.logdrain.relp.internal;

import java.nio.charset.StandardCharsets;

/**
 * The data of an {@code rsp} frame: {@code RSP-CODE [SP HUMANMSG] [LF CMDDATA]}, e.g. {@code 200 OK} or
 * {@code 500 error 1 on connect}. The answer to {@code close} has no data at all ({@link #isEmpty()}).
 *
 * @param code the three-digit status, or 0 for an empty response
 * @param text the human-readable message after the code, possibly empty
 * @param data what follows the first line feed (the server's offers after {@code open}), possibly empty
 */
public record RelpResponse(int code, String text, String data) {

    public static final int OK = 200;

    public static RelpResponse parse(byte[] frameData) throws RelpProtocolException {
        if (frameData.length == 0) {
            return new RelpResponse(0, "", "");
        }
        if (frameData.length < 3 || !isDigit(frameData[0]) || !isDigit(frameData[1]) || !isDigit(frameData[2])
                || (frameData.length > 3 && frameData[3] != ' ' && frameData[3] != '\n')) {
            throw new RelpProtocolException("RELP response does not start with a three-digit status: '"
                    + printable(frameData) + "'");
        }
        int code = (frameData[0] - '0') * 100 + (frameData[1] - '0') * 10 + (frameData[2] - '0');
        String rest = frameData.length > 4 ? new String(frameData, 4, frameData.length - 4, StandardCharsets.UTF_8) : "";
        if (frameData.length > 3 && frameData[3] == '\n') {
            return new RelpResponse(code, "", rest);
        }
        int lf = rest.indexOf('\n');
        return lf < 0 ? new RelpResponse(code, rest, "") : new RelpResponse(code, rest.substring(0, lf), rest.substring(lf + 1));
    }

    public boolean isOk() {
        return code == OK;
    }

    public boolean isEmpty() {
        return code == 0;
    }

    /** {@code 500 reason}, for error messages; the text is cut to one line of at most 80 printable characters. */
    public String statusLine() {
        String t = printable(text.getBytes(StandardCharsets.UTF_8));
        if (t.length() > 80) {
            t = t.substring(0, 80) + "...";
        }
        return t.isEmpty() ? String.valueOf(code) : code + " " + t;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 120); i++) {
            int c = bytes[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return sb.toString();
    }
}
