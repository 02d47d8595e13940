package dev.logdrain.bench;

import dev.logdrain.Forwarder;
import dev.logdrain.ForwardReport;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.Formatter;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.MessageBuffer;
import dev.logdrain.spi.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Our code as a user of the public API gets it: built-in plugins, default options. */
public final class Ours {

    private static PluginRegistry registry;

    private Ours() {
    }

    public static synchronized PluginRegistry registry() {
        if (registry == null) {
            registry = PluginRegistry.builtIns();
        }
        return registry;
    }

    /** The {@code rfc5424} formatter with the options of {@code url} (defaults when none). */
    public static Formatter formatter(String url) {
        Destination destination = registry().validate(Destination.parse(url));
        return registry().formatter(destination.option("format", PluginRegistry.DEFAULT_FORMAT)).create(destination);
    }

    /**
     * The workload's batch as the pipeline has it: decoded by our cloudwatch source from the Lambda event, so the
     * messages are the decoder's UTF-8 bytes (Strings are made only if something asks for them).
     */
    public static LogBatch decodedBatch(Workload workload) {
        try {
            return cloudWatchSource().read(new java.io.ByteArrayInputStream(workload.lambdaEvent())).logBatches().get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Source cloudWatchSource() {
        return registry().source("cloudwatch").create(Map.of());
    }

    /** {@code tcp://127.0.0.1:PORT} or {@code tcp+tls://127.0.0.1:PORT?ca=CA}. */
    public static String url(int port, boolean tls) {
        return tls ? "tcp+tls://127.0.0.1:" + port + "?ca=" + Certs.get().caCert() : "tcp://127.0.0.1:" + port;
    }

    public static Forwarder forwarder(int port, boolean tls) {
        return Forwarder.fromUrls(registry(), List.of(url(port, tls)));
    }

    /** Forwards and fails loudly: a benchmark must never time a failed delivery. */
    public static long forward(Forwarder forwarder, LogBatch batch) {
        ForwardReport report = forwarder.forward(batch, Deadline.after(Duration.ofMinutes(2)));
        if (!report.isSuccess()) {
            throw new IllegalStateException("delivery failed: " + report.failureSummary());
        }
        return report.destinations().get(0).bytes();
    }

    /** The batch as our TCP sink puts it on the wire: rfc5424 with default options, octet-counted. */
    public static byte[] framedBytes(LogBatch batch) {
        Formatter formatter = formatter("tcp://127.0.0.1:514");
        MessageBuffer message = new MessageBuffer(1024);
        MessageBuffer out = new MessageBuffer(batch.size() * 256);
        for (LogEvent e : batch.events()) {
            message.reset();
            formatter.format(batch, e, message);
            out.writeDecimal(message.length()).writeByte(' ').write(message.array(), 0, message.length());
        }
        return java.util.Arrays.copyOf(out.array(), out.length());
    }

    /** One formatted message, for eyeballing. */
    public static String formatOne(LogBatch batch, int index) {
        MessageBuffer out = new MessageBuffer(1024);
        formatter("tcp://127.0.0.1:514").format(batch, batch.events().get(index), out);
        return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
    }
}
