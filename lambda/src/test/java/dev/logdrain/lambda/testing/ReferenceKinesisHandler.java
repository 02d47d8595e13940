package dev.logdrain.lambda.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * How AWS's own documentation writes a Kinesis function with partial batch responses: the event bound to
 * the events library's {@code KinesisEvent} by the runtime's serializer, the answer a
 * {@code StreamsEventResponse} naming the first record it cannot handle (here: one whose data is not gzip).
 * Run under the real runtime client, it shows that the test events have the shape the runtime reads, and
 * what JSON the runtime makes of the response.
 */
public final class ReferenceKinesisHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            ByteBuffer data = record.getKinesis().getData();
            System.out.println("reference: " + record.getEventID() + " " + record.getKinesis().getPartitionKey() + " "
                    + data.remaining() + " bytes from " + record.getEventSourceARN());
            if (data.remaining() < 2 || (data.get(0) & 0xFF) != 0x1F || (data.get(1) & 0xFF) != 0x8B) {
                return new StreamsEventResponse(List.of(
                        new StreamsEventResponse.BatchItemFailure(record.getKinesis().getSequenceNumber())));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
