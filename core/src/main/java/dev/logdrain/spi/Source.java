package dev.logdrain.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns raw input (a CloudWatch Logs payload, a Kinesis event, files of documents) into batches. Hosts get
 * their Source from the registry by name, as they get sinks and formatters.
 */
public interface Source {

    /**
     * Decodes one input completely (a Lambda event, a record's data). Either every batch of the input is returned
     * or an exception is thrown: an input is never half-forwarded.
     *
     * @return the batches, possibly none (a control message), and the control messages skipped
     * @throws InvalidInputException when the input is malformed, with a one-line message naming what and where
     * @throws IOException           when reading the stream fails
     */
    SourceResult read(InputStream in) throws IOException;

    /**
     * The parts of an input that carries many independent ones, in order, each decoded only when its turn comes
     * ({@link Part#read()}), so that a bad part does not spoil those before it and a part never reached costs
     * nothing. Sources that know no such envelope keep this default.
     *
     * @throws InvalidInputException when the input is not that envelope at all (one line)
     * @throws IOException           when reading the stream fails
     */
    default Parts parts(InputStream in, Envelope envelope) throws IOException {
        throw new InvalidInputException("this source cannot read " + envelope.description());
    }

    /** Inputs made of parts. */
    enum Envelope {
        /** The event of Lambda's Kinesis event source mapping: one part per record, named by its sequence number. */
        KINESIS_EVENT("a Kinesis event"),
        /** Files (or standard input): documents one after another, such as one a line; one part per document. */
        DOCUMENTS("documents");

        private final String description;

        Envelope(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The parts of an input, read one after another. */
    interface Parts extends Closeable {

        /**
         * The next part, or null at the end. A part may be valid only until the next call.
         *
         * @throws InvalidInputException when the envelope is broken before the next part (naming where)
         */
        Part next() throws IOException;

        /** How many parts there are, when known in advance (a Kinesis event), else -1. */
        default int count() {
            return -1;
        }

        @Override
        default void close() throws IOException {
        }
    }

    /** One part of an input. */
    interface Part {

        /** Where the part is, for messages and log lines: {@code line 3}, {@code shard=... sequenceNumber=...}. */
        String origin();

        /**
         * What the input's sender names the part by when the host must report it (a Kinesis record's sequence
         * number, Lambda's {@code itemIdentifier}), or empty.
         */
        String itemIdentifier();

        /**
         * Decodes the part: all of it or an exception, as {@link Source#read}.
         *
         * @throws InvalidInputException naming what was wrong (retrying never helps)
         */
        SourceResult read() throws IOException;
    }
}
