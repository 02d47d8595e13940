package dev.logdrain.bench.jmh;

import dev.logdrain.bench.EndToEnd;
import org.openjdk.jmh.annotations.Param;

/**
 * 4. End to end ({@link EndToEnd}): the Lambda event of the 10,000-event batch decoded, formatted, framed and
 * written to the in-process receiver; ns per event. Its limit (the sum of the decoding floor and the sending
 * limit) comes from the other benchmarks of the same run.
 */
public class EndToEndBenchmark extends EndToEnd {

    @Param({"tcp"})
    public String transport;

    @Override
    protected boolean tls() {
        return "tls".equals(transport);
    }

    @Override
    protected String options() {
        return "";
    }
}
