package dev.logdrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardReportTest {

    @Test
    void oneSummaryForEveryHostWithTheErrorOnlyWhenThereIsOne() {
        DestinationReport refused = new DestinationReport("tls://h:6514", "tls", "h:6514", 3, 0, 3, 0, 0, 0, 0, 0,
                "connection refused");
        DestinationReport partly = new DestinationReport("udp://u:514", "udp", "u:514", 3, 2, 1, 0, 0, 0, 0, 0, null);
        DestinationReport fine = new DestinationReport("tcp://t:514", "tcp", "t:514", 3, 3, 0, 0, 0, 0, 0, 0, null);

        ForwardReport report = new ForwardReport(3, List.of(refused, fine, partly));

        String expected = "tls://h:6514: 3 of 3 events not delivered (connection refused); "
                + "udp://u:514: 1 of 3 events not delivered";
        assertThat(report.failureSummary()).isEqualTo(expected);
        assertThat(ForwardReport.failureSummary(report.failures())).isEqualTo(expected);
    }
}
