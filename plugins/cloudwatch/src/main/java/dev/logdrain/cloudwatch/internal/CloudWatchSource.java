package dev.logdrain.cloudwatch.internal;

import dev.logdrain.cloudwatch.CloudWatchPayloads;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.Source;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The {@code cloudwatch} source: every data message of the input as a batch. */
public final class CloudWatchSource implements Source {

    private final long maxPayloadBytes;

    public CloudWatchSource(long maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public List<LogBatch> read(InputStream in) throws IOException {
        return CloudWatchPayloads.batches(CloudWatchPayloads.read(in, maxPayloadBytes));
    }
}
