package dev.logdrain.cloudwatch.internal;

import static dev.logdrain.cloudwatch.CloudWatchFixtures.base64;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.controlPayloadJson;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.events;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.gzip;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.jsonString;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.lambdaEvent;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.onFailureRecord;
import static dev.logdrain.cloudwatch.CloudWatchFixtures.payloadJson;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.SourceResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The envelopes the source owns, seen as a host sees them: parts with origins, results with control counts. */
class CloudWatchSourceTest {

    private final Source source = new CloudWatchSource(CloudWatchPayloads.DEFAULT_MAX_PAYLOAD_BYTES);

    @Test
    void aWholeInputCountsControlMessagesAndNamesEachPayload() throws IOException {
        String twoAndControl = "[" + payloadJson("/a", "s", events("a", 2)) + "," + controlPayloadJson() + ","
                + payloadJson("/b", "s", events("b", 1)) + "]";

        SourceResult result = source.read(new ByteArrayInputStream(twoAndControl.getBytes(UTF_8)));

        assertThat(result.controlMessages()).isEqualTo(1);
        assertThat(result.events()).isEqualTo(3);
        assertThat(result.batches()).extracting(SourceResult.Located::origin)
                .containsExactly("payload 1 of 3", "payload 3 of 3");
    }

    @Test
    void kinesisRecordsAreParts_namedBySequenceNumber_decodedOnlyWhenRead() throws IOException {
        String good = base64(gzip(payloadJson("/k", "s", events("k", 2)).getBytes(UTF_8)));
        String event = "{\"Records\":[" + record("49590338271490256608559692538361571095921575989136588898", good)
                + "," + record("2", "H4sI*") + "," + record("3", base64(gzip(controlPayloadJson().getBytes(UTF_8))))
                + "]}";

        List<Source.Part> parts = new ArrayList<>();
        try (Source.Parts records = source.parts(new ByteArrayInputStream(event.getBytes(UTF_8)),
                Source.Envelope.KINESIS_EVENT)) {
            assertThat(records.count()).isEqualTo(3);
            for (Source.Part part; (part = records.next()) != null; ) {
                parts.add(part);
            }
        }

        assertThat(parts).extracting(Source.Part::itemIdentifier)
                .containsExactly("49590338271490256608559692538361571095921575989136588898", "2", "3");
        assertThat(parts.get(0).origin()).startsWith("shard=shardId-000000000007 sequenceNumber=4959");
        assertThat(parts.get(0).read().logBatches()).singleElement().satisfies(b -> assertThat(b.size()).isEqualTo(2));
        assertThatThrownBy(() -> parts.get(1).read()).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("record data is not base64");
        assertThat(parts.get(2).read().controlMessages()).isEqualTo(1);
    }

    @Test
    void anEventThatIsNotAKinesisEventIsRefusedAsAWhole() {
        assertThatThrownBy(() -> source.parts(new ByteArrayInputStream(lambdaEvent(controlPayloadJson())),
                Source.Envelope.KINESIS_EVENT)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the event is not a Kinesis event: it has no field 'Records'");
    }

    @Test
    void documentsAreParts_oneALine_withTheirPathInEachOrigin() throws IOException {
        String input = new String(lambdaEvent(payloadJson("/a", "s", events("a", 1))), UTF_8) + "\n"
                + "{\"Messages\":[{\"Body\":" + jsonString(onFailureRecord(lambdaEvent(payloadJson("/b", "s",
                events("b", 2))))) + "}]}\n"
                + new String(lambdaEvent(controlPayloadJson()), UTF_8) + "\n"
                + "{\"nothing\":1}\n";

        try (Source.Parts documents = source.parts(new ByteArrayInputStream(input.getBytes(UTF_8)),
                Source.Envelope.DOCUMENTS)) {
            Source.Part first = documents.next();
            assertThat(first.origin()).isEqualTo("line 1");
            assertThat(first.read().batches()).extracting(SourceResult.Located::origin).containsExactly("line 1");

            SourceResult second = documents.next().read();
            assertThat(second.batches()).extracting(SourceResult.Located::origin)
                    .containsExactly("line 2, at Messages[0].Body.requestPayload");
            assertThat(second.events()).isEqualTo(2);

            SourceResult third = documents.next().read();
            assertThat(third.batches()).isEmpty();
            assertThat(third.controlMessages()).isEqualTo(1);

            Source.Part fourth = documents.next();
            assertThatThrownBy(fourth::read).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("line 4: not a CloudWatch Logs payload");
            assertThat(documents.next()).isNull();
        }
    }

    private static String record(String sequenceNumber, String data) {
        return "{\"kinesis\":{\"sequenceNumber\":\"" + sequenceNumber + "\",\"data\":\"" + data + "\"},"
                + "\"eventID\":\"shardId-000000000007:" + sequenceNumber + "\",\"eventSource\":\"aws:kinesis\"}";
    }
}
