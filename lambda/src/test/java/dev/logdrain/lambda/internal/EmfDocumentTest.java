package dev.logdrain.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdrain.redrive.RedriveReport;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EMF documents, to the byte: the invocation's, one with a dimension and the redrive handler's. */
class EmfDocumentTest {

    @Test
    void invocationDocument() {
        InvocationReport report = new InvocationReport();
        report.received(new LogBatch("123456789012", "/ecs/a\"b", "s/1", List.of(new LogEvent("1", 5, "m"))));
        report.count("records", "KinesisRecords", 3);

        assertThat(report.emfLines("logdrain", 1700000000000L)).containsExactly("{\"_aws\":{\"Timestamp\":1700000000000,"
                + "\"CloudWatchMetrics\":[{\"Namespace\":\"logdrain\",\"Dimensions\":[[]],\"Metrics\":["
                + "{\"Name\":\"EventsReceived\",\"Unit\":\"Count\"},{\"Name\":\"ControlMessages\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"EventsSkipped\",\"Unit\":\"Count\"},{\"Name\":\"InvalidPayloads\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"FailedInvocations\",\"Unit\":\"Count\"},{\"Name\":\"KinesisRecords\",\"Unit\":\"Count\"}]}]},"
                + "\"EventsReceived\":1,\"ControlMessages\":0,\"EventsSkipped\":0,\"InvalidPayloads\":0,"
                + "\"FailedInvocations\":0,\"KinesisRecords\":3,\"logGroup\":\"/ecs/a\\\"b\",\"logStream\":\"s/1\"}");
    }

    @Test
    void oneDimensionAndItsValue_thenTheMetricValues_thenTheProperties() {
        String doc = EmfDocument.write("ns", 1, "Destination", "tcp://h", new String[][] {{"BytesSent", "Bytes"}},
                new long[] {42}, "logGroup", "g", "logStream", "s");

        assertThat(doc).isEqualTo("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"ns\","
                + "\"Dimensions\":[[\"Destination\"]],\"Metrics\":[{\"Name\":\"BytesSent\",\"Unit\":\"Bytes\"}]}]},"
                + "\"Destination\":\"tcp://h\",\"BytesSent\":42,\"logGroup\":\"g\",\"logStream\":\"s\"}");
    }

    @Test
    void redriveDocument() {
        RedriveReport report = new RedriveReport(3, 120, 1, 2, 4, List.of("x"));

        assertThat(RedriveSummary.emf("acme/logs", 7, report, true)).isEqualTo("{\"_aws\":{\"Timestamp\":7,"
                + "\"CloudWatchMetrics\":[{\"Namespace\":\"acme/logs\",\"Dimensions\":[[]],\"Metrics\":["
                + "{\"Name\":\"RedriveRedriven\",\"Unit\":\"Count\"},{\"Name\":\"RedriveEvents\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"RedriveStillFailing\",\"Unit\":\"Count\"},{\"Name\":\"RedrivePoison\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"RedriveLeftForLater\",\"Unit\":\"Count\"},{\"Name\":\"RedriveErrors\",\"Unit\":\"Count\"}]}]},"
                + "\"RedriveRedriven\":3,\"RedriveEvents\":120,\"RedriveStillFailing\":1,\"RedrivePoison\":2,"
                + "\"RedriveLeftForLater\":4,\"RedriveErrors\":1}");
    }
}
