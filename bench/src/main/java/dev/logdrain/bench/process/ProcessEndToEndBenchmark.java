package dev.logdrain.bench.process;

import dev.logdrain.bench.EndToEnd;
import org.openjdk.jmh.annotations.Param;

/**
 * End to end over TCP as EndToEndBenchmark ({@link EndToEnd}: decode, process, format, frame, write to the
 * in-process receiver), with no processing against a typical chain; ns per event read.
 */
public class ProcessEndToEndBenchmark extends EndToEnd {

    /** none; typical = exclude the Lambda platform lines and redact=ip,email. */
    @Param({"none", "typical"})
    public String chain;

    @Override
    protected boolean tls() {
        return false;
    }

    @Override
    protected String options() {
        return chain.equals("typical") ? "exclude=%5E(START|END|REPORT)%20RequestId&redact=ip,email" : "";
    }
}
