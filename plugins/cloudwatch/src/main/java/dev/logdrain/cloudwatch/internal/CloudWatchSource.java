package dev.logdrain.cloudwatch.internal;

import dev.logdrain.cloudwatch.DecodeLimits;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.SourceResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The {@code cloudwatch} source, the one owner of every envelope that carries CloudWatch Logs payloads: a whole
 * input ({@link CloudWatchPayloads}: the Lambda event, on-failure records, decoded JSON, gzip, base64 text), the
 * records of a Kinesis event ({@link KinesisEvents}), and files of documents ({@link PayloadLocator}: SQS
 * messages and {@code aws sqs receive-message} output, Kinesis and Firehose records, arrays, one document a line).
 */
public final class CloudWatchSource implements Source {

    /**
     * One document (a payload, or a wrapper of some): as the default cap, and at most an eighth of the heap (the
     * buffer that holds it may double), so that no input exhausts memory.
     */
    static final int MAX_DOCUMENT_BYTES = (int) Math.min(64 << 20,
            Math.max(1 << 20, Runtime.getRuntime().maxMemory() / 8));

    private final long maxPayloadBytes;

    public CloudWatchSource(long maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public SourceResult read(InputStream in) throws IOException {
        return CloudWatchPayloads.result(CloudWatchPayloads.read(in, maxPayloadBytes), "");
    }

    @Override
    public Parts parts(InputStream in, Envelope envelope) throws IOException {
        return switch (envelope) {
            case KINESIS_EVENT -> kinesisRecords(KinesisEvents.read(in));
            case DOCUMENTS -> documents(in);
        };
    }

    /** One part per record, decoded when its turn comes. */
    private Parts kinesisRecords(List<KinesisRecord> records) {
        return new Parts() {
            private int next;

            @Override
            public Part next() {
                if (next == records.size()) {
                    return null;
                }
                KinesisRecord record = records.get(next++);
                return new Part() {
                    @Override
                    public String origin() {
                        return record.describe();
                    }

                    @Override
                    public String itemIdentifier() {
                        return record.sequenceNumber();
                    }

                    @Override
                    public SourceResult read() {
                        return CloudWatchPayloads.result(record.payloads(maxPayloadBytes), "");
                    }
                };
            }

            @Override
            public int count() {
                return records.size();
            }
        };
    }

    /** One part per document; a document's payloads are found by the locator and decoded by the decoder. */
    private Parts documents(InputStream in) throws IOException {
        PayloadLocator locator = new PayloadLocator(MAX_DOCUMENT_BYTES);
        PayloadLocator.Documents documents = locator.documents(in);
        DecodeLimits limits = DecodeLimits.forThisJvm(maxPayloadBytes);
        return () -> {
            DocumentReader.Document document = documents.next();
            if (document == null) {
                return null;
            }
            String line = "line " + document.line();
            return new Part() {
                @Override
                public String origin() {
                    return line;
                }

                @Override
                public String itemIdentifier() {
                    return "";
                }

                @Override
                public SourceResult read() throws IOException {
                    List<SourceResult.Located> batches = new java.util.ArrayList<>();
                    int[] control = {0};
                    locator.visit(document, documents.lineSuffix(), payload -> {
                        SourceResult one;
                        try {
                            one = CloudWatchPayloads.result(CloudWatchPayloads.read(new ByteArrayInputStream(
                                    payload.data(), payload.offset(), payload.length()), limits), payload.where());
                        } catch (InvalidInputException e) {
                            throw payload.path().isEmpty() ? e
                                    : new InvalidInputException("at " + payload.path() + ": " + e.getMessage(), e);
                        }
                        batches.addAll(one.batches());
                        control[0] += one.controlMessages();
                    });
                    return new SourceResult(batches, control[0]);
                }
            };
        };
    }
}
