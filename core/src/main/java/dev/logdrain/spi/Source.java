package dev.logdrain.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Turns raw input (a CloudWatch Logs payload, a Kinesis record, text lines) into batches. */
public interface Source {

    /**
     * Decodes one input completely. Either every batch of the input is returned or an exception is
     * thrown: an input is never half-forwarded.
     *
     * @return the batches, possibly none (a control message)
     * @throws InvalidInputException when the input is malformed, with a one-line message naming what
     * @throws IOException           when reading the stream fails
     */
    List<LogBatch> read(InputStream in) throws IOException;
}
