package dev.logdrain.relp.internal;

import java.nio.charset.StandardCharsets;

/**
 * One received RELP frame: {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}.
 *
 * @param txnr    transaction number, 0 for unsolicited server frames such as {@code serverclose}
 * @param command the command, e.g. {@code rsp}
 * @param data    the data part, empty when DATALEN is 0
 */
public record RelpFrame(int txnr, String command, byte[] data) {

    /** The data as text (RELP control data is ASCII; bytes above 127 are decoded as UTF-8). */
    public String dataText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return txnr + " " + command + " " + data.length;
    }
}
