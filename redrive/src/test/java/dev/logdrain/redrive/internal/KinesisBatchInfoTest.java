package dev.logdrain.redrive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdrain.spi.InvalidInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KinesisBatchInfoTest {

    private static KinesisBatchInfo find(String json) throws IOException {
        return KinesisBatchInfo.find(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String info(String fields) {
        return "{\"requestContext\":{\"approximateInvokeCount\":3},\"version\":\"1.0\",\"KinesisBatchInfo\":{" + fields + "}}";
    }

    @Test
    void theRecordOfAKinesisEventSourceMappingNamesItsShardAndSequenceNumbers() throws IOException {
        KinesisBatchInfo info = find(info("\"shardId\":\"shardId-000000000001\",\"startSequenceNumber\":"
                + "\"49545115243490985018280067714973144582180062593244200961\",\"endSequenceNumber\":"
                + "\"49545115243490985018280067714973144582180062593244200999\",\"batchSize\":500,"
                + "\"streamArn\":\"arn:aws:kinesis:eu-west-1:123456789012:stream/logs\",\"extra\":{\"a\":[1]}"));

        assertThat(info.shardId()).isEqualTo("shardId-000000000001");
        assertThat(info.startSequenceNumber()).isEqualTo(new BigInteger("49545115243490985018280067714973144582180062593244200961"));
        assertThat(info.batchSize()).isEqualTo(500);
        assertThat(info.region()).isEqualTo("eu-west-1");
    }

    @Test
    void anythingElseIsLeftToTheCloudWatchSource() throws IOException {
        assertThat(find("{\"requestPayload\":{\"KinesisBatchInfo\":{\"shardId\":\"x\"}}}")).isNull(); // not top level
        assertThat(find("[{\"KinesisBatchInfo\":{}}]")).isNull();
        assertThat(find("H4sIAAAA")).isNull();
        assertThat(find("{\"KinesisBatchInfo\":\"text\"}")).isNull();
        assertThat(find("{\"truncated\":")).isNull();
        assertThat(KinesisBatchInfo.find(new byte[0])).isNull();
    }

    @Test
    void anIncompleteOrHostileBatchInfoIsOneClearLine() {
        assertThatThrownBy(() -> find(info("\"shardId\":\"s\",\"streamArn\":\"a\",\"startSequenceNumber\":\"1\"")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("KinesisBatchInfo lacks");
        assertThatThrownBy(() -> find(info("\"shardId\":\"s\",\"streamArn\":\"a\",\"startSequenceNumber\":\"-1\","
                + "\"endSequenceNumber\":\"2\""))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> find(info("\"shardId\":\"s\",\"streamArn\":\"a\",\"startSequenceNumber\":\""
                + "9".repeat(5000) + "\",\"endSequenceNumber\":\"2\""))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> find(info("\"shardId\":\"s\",\"streamArn\":\"a\",\"startSequenceNumber\":\"5\","
                + "\"endSequenceNumber\":\"2\""))).hasMessageContaining("after its endSequenceNumber");
    }
}
