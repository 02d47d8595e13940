package dev.logdrain.lambda.testing;

import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.InvalidInputException;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.SourceProvider;
import dev.logdrain.spi.SourceResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A third-party source in the test class path, chosen with {@code LOGDRAIN_SOURCE=test-lines}: each line of the
 * event is an event of group {@code group} (its setting); a line {@code PING} is a control message; an empty
 * event is invalid.
 */
public final class LinesSourceProvider implements SourceProvider {

    @Override
    public String name() {
        return "test-lines";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of("maxpayload", "ignored"));
    }

    @Override
    public Source create(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!key.equals("maxpayload")) {
                throw new ConfigurationException("unknown setting '" + key + "' for source test-lines");
            }
        }
        return in -> {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                throw new InvalidInputException("test-lines: an empty event");
            }
            List<LogEvent> events = new ArrayList<>();
            int control = 0;
            for (String line : text.split("\n")) {
                if (line.equals("PING")) {
                    control++;
                } else {
                    events.add(new LogEvent(Integer.toString(events.size()), 1_700_000_000_000L, line));
                }
            }
            return new SourceResult(List.of(new SourceResult.Located("lines",
                    LogBatch.of("/test/lines", "stream", events))), control);
        };
    }

}
