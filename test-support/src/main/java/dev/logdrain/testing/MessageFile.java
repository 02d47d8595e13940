package dev.logdrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The output file of a {@link SyslogServer}, one JSON object a message (the keys
 * {@link SyslogServer#writeConfig()} describes), parsed as it grows: each read parses only the bytes added
 * since the last one. Not thread-safe: the server calls it under its own lock.
 */
final class MessageFile {

    private final Path output;
    private final String serverName;
    private final Function<String, Input> inputNamed;
    private final List<ReceivedMessage> parsed = new ArrayList<>();
    private long parsedOffset;

    /** {@code inputNamed}: the input whose source has this name, or null. */
    MessageFile(Path output, String serverName, Function<String, Input> inputNamed) {
        this.output = output;
        this.serverName = serverName;
        this.inputNamed = inputNamed;
    }

    /** Every message written so far, in order. */
    List<ReceivedMessage> messages() {
        readNew();
        return List.copyOf(parsed);
    }

    /** Parses the lines added to the output file since the last call (reads only the new bytes). */
    private void readNew() {
        if (!Files.exists(output)) {
            return;
        }
        byte[] added;
        try (FileChannel ch = FileChannel.open(output, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < parsedOffset) { // truncated: start over
                parsed.clear();
                parsedOffset = 0;
            }
            if (size == parsedOffset) {
                return;
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - parsedOffset));
            long pos = parsedOffset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
            added = Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = 0;
        for (int i = 0; i < added.length; i++) {
            if (added[i] == '\n') {
                String line = new String(added, start, i - start, StandardCharsets.UTF_8).strip();
                if (!line.isEmpty()) {
                    try {
                        parsed.add(toMessage(Json.parseObject(line)));
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(serverName + " wrote a line that is not the expected JSON: "
                                + line, e);
                    }
                }
                start = i + 1;
            }
        }
        parsedOffset += start;
    }

    /** After a SIGKILL the output may end in half a line; end it so later lines stay parseable. */
    void repairOutput() {
        try {
            if (Files.exists(output) && Files.size(output) > 0) {
                byte[] all = Files.readAllBytes(output);
                if (all[all.length - 1] != '\n') {
                    Files.write(output, new byte[] {'\n'}, StandardOpenOption.APPEND);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JSON output line as a message. */
    private ReceivedMessage toMessage(Map<String, Object> j) {
        return new ReceivedMessage(pri(j, "pri"), ReceivedMessage.nil(str(j, "hostname")),
                ReceivedMessage.nil(str(j, "appname")), ReceivedMessage.nil(str(j, "procid")),
                ReceivedMessage.nil(str(j, "msgid")), ReceivedMessage.nil(str(j, "sd")), str(j, "ts"),
                str(j, "msg"), str(j, "raw"), inputNamed.apply(str(j, "input")));
    }


    private static String str(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v == null ? null : v.toString();
    }

    private static int pri(Map<String, Object> json, String key) {
        String v = str(json, key);
        try {
            return v == null || v.isEmpty() ? -1 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
