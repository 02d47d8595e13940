package dev.logdrain.syslog.transport.internal;

import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.DeliveryResult;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.MessageBatch;
import dev.logdrain.spi.RecordRules;
import dev.logdrain.spi.Sink;
import dev.logdrain.net.Backoff;
import dev.logdrain.net.Connector;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Syslog over UDP: one datagram per message (already cut to {@code maxsize} by the core). The socket is
 * connected, so that an ICMP port-unreachable answer surfaces as an error on a later send or on the
 * non-blocking read that ends every batch; the batch is then resent (to a fresh resolution of the host)
 * until the deadline, and fails with that error. UDP reports nothing else: a datagram sent is counted as
 * delivered.
 */
public final class UdpSink implements Sink {

    private final String host;
    private final int port;
    private final String endpoint;
    private final Backoff backoff = Backoff.standard();
    private DatagramChannel channel;
    private Selector selector;
    private int addressIndex;
    private Datagrams current = new Datagrams();
    /** The last batch sent, kept until the next batch shows no ICMP error arrived for it. */
    private Datagrams previous = new Datagrams();
    private static final RecordRules RECORD_RULES = new RecordRules(RecordRules.LineBreaks.KEEP, 0, true);
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    public UdpSink(String host, int port) {
        this.host = host;
        this.port = port;
        this.endpoint = Destination.hostAndPort(host, port);
    }

    @Override
    public DeliveryResult send(MessageBatch batch, Deadline deadline) {
        int count = batch.size();
        if (count == 0) {
            return DeliveryResult.success(0, 0, 0, 0);
        }
        Datagrams carried = null;
        if (channel != null) {
            try {
                pollError();
            } catch (IOException e) {
                closeChannel();
                addressIndex++;
                if (previous.events() > 0) {
                    carried = previous; // its datagrams met a closed port: send them again
                }
            }
        }
        if (carried == null) {
            previous.clear();
        }
        current.copy(batch);
        backoff.reset();
        int retries = carried != null ? 1 : 0;
        long bytes = 0;
        int possiblyReceived = 0;
        int attempts = 0;
        while (true) {
            attempts++;
            int[] sent = {0, 0}; // datagrams, bytes of this attempt for the current batch
            try {
                if (channel == null) {
                    open(deadline);
                }
                if (carried != null) {
                    int[] carriedSent = {0, 0};
                    sendAll(carried, deadline, carriedSent);
                    bytes += carriedSent[1];
                }
                sendAll(current, deadline, sent);
                pollError();
                bytes += sent[1];
                int duplicates = possiblyReceived + (carried == null ? 0 : carried.events());
                Datagrams done = current;
                current = previous;
                previous = done;
                return DeliveryResult.success(count, retries, bytes, duplicates);
            } catch (IOException e) {
                bytes += sent[1];
                possiblyReceived = Math.max(possiblyReceived, Math.min(count, sent[0])); // datagrams: at most the events
                closeChannel();
                addressIndex++;
                String error = e instanceof PortUnreachableException
                        ? "udp " + endpoint + ": port unreachable (an ICMP error came back): no syslog server is listening there"
                        : "udp " + endpoint + ": " + oneLine(e.getMessage());
                boolean permanent = String.valueOf(e.getMessage()).contains("Message too long");
                if (permanent || !backoff.pause(deadline)) {
                    previous.clear();
                    return DeliveryResult.failure(0, count, retries, bytes, possiblyReceived, error + " (" + attempts
                            + (attempts == 1 ? " attempt" : " attempts") + ")"
                            + (carried == null ? "" : "; the " + carried.events()
                            + " messages of the previous batch were probably lost too"));
                }
                retries++;
            }
        }
    }

    /** Line breaks travel as they are; each record of a split message is a datagram of its own. */
    @Override
    public RecordRules recordRules() {
        return RECORD_RULES;
    }

    @Override
    public Map<String, String> connect(Deadline deadline) throws IOException {
        closeChannel();
        open(deadline);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("endpoint", endpoint);
        facts.put("transport", "udp");
        facts.put("remote", format((InetSocketAddress) channel.getRemoteAddress()));
        facts.put("local", format((InetSocketAddress) channel.getLocalAddress()));
        facts.put("note", "UDP has no handshake: nothing is known about the server until an ICMP error comes back");
        return facts;
    }

    @Override
    public void close() {
        closeChannel();
        previous.clear();
    }

    private void open(Deadline deadline) throws IOException {
        InetAddress[] addresses = Connector.resolve(host, deadline);
        InetAddress address = addresses[Math.floorMod(addressIndex, addresses.length)];
        DatagramChannel opened = DatagramChannel.open();
        try {
            opened.configureBlocking(false);
            opened.connect(new InetSocketAddress(address, port));
            selector = Selector.open();
            opened.register(selector, 0);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        channel = opened;
    }

    private void sendAll(Datagrams messages, Deadline deadline, int[] sent) throws IOException {
        byte[] bytes = messages.bytes;
        int n = messages.datagrams();
        for (int i = 0; i < n; i++) {
            int from = messages.start(i);
            ByteBuffer datagram = ByteBuffer.wrap(bytes, from, messages.end(i) - from);
            while (channel.write(datagram) == 0) {
                awaitWritable(deadline); // the socket's send buffer is full
            }
            sent[0]++;
            sent[1] += messages.end(i) - from;
        }
    }

    private void awaitWritable(Deadline deadline) throws IOException {
        long left = deadline.remainingNanos();
        if (left <= 0) {
            throw new SocketTimeoutException("sending to " + endpoint + " did not finish by the deadline");
        }
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(SelectionKey.OP_WRITE);
        selector.select(Math.max(1, (left + 999_999) / 1_000_000));
        selector.selectedKeys().clear();
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending to " + endpoint);
        }
    }

    /** A non-blocking read: throws the pending ICMP error of earlier datagrams, if any. */
    private void pollError() throws IOException {
        for (int i = 0; i < 16; i++) { // a syslog server sends nothing; drop anything it does
            probe.clear();
            if (channel.read(probe) <= 0) {
                return;
            }
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            channel = null;
        }
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            selector = null;
        }
    }

    private static String format(InetSocketAddress address) {
        return Destination.hostAndPort(address.getAddress().getHostAddress(), address.getPort());
    }

    private static String oneLine(String text) {
        return text == null ? "unknown error" : text.replaceAll("\\s+", " ").strip();
    }

    /** A copy of a batch's messages (the caller's array is valid only during send), kept for a resend. */
    private static final class Datagrams {
        private byte[] bytes = new byte[16 * 1024];
        private int[] ends = new int[256];
        private int events;
        private int datagrams;

        void copy(MessageBatch batch) {
            int total = (int) batch.totalBytes();
            if (bytes.length < total) {
                bytes = new byte[Math.max(total, bytes.length * 2)];
            }
            System.arraycopy(batch.data(), 0, bytes, 0, total);
            datagrams = 0;
            for (int i = 0; i < batch.size(); i++) {
                for (int r = 0; r < batch.records(i); r++) {
                    if (datagrams == ends.length) {
                        ends = java.util.Arrays.copyOf(ends, ends.length * 2);
                    }
                    ends[datagrams++] = batch.recordOffset(i, r) + batch.recordLength(i, r);
                }
            }
            events = batch.size();
        }

        /** Events whose datagrams these are. */
        int events() {
            return events;
        }

        int datagrams() {
            return datagrams;
        }

        int start(int i) {
            return i == 0 ? 0 : ends[i - 1];
        }

        int end(int i) {
            return ends[i];
        }

        void clear() {
            events = 0;
            datagrams = 0;
        }
    }
}
