package com.example.logdrain.jsonl;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.LogEvent;
import dev.logdrain.spi.OptionSpec;
import dev.logdrain.spi.Processor;
import dev.logdrain.spi.ProcessorProvider;
import java.util.List;

/**
 * A third-party processor: {@code jsondrop=FIELD:VALUE} drops JSON messages whose top-level FIELD is the
 * string VALUE, e.g. {@code jsondrop=path:/health} for load-balancer health checks. It parses with the
 * plugin's bundled minimal-json, which the host does not have.
 */
public final class JsonDropProcessorProvider implements ProcessorProvider {

    @Override
    public String name() {
        return "jsondrop";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of("jsondrop", "FIELD:VALUE: drop JSON messages whose top-level FIELD is VALUE"));
    }

    @Override
    public Processor create(Destination destination) {
        String spec = destination.option("jsondrop").orElseThrow();
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new ConfigurationException(destination.scheme() + "://" + destination.hostAndPort()
                    + ": option jsondrop='" + spec + "' is not valid; write FIELD:VALUE, e.g. path:/health");
        }
        String field = spec.substring(0, colon);
        String value = spec.substring(colon + 1);
        return new Processor() {
            @Override
            public Kind kind() {
                return Kind.FILTER;
            }

            @Override
            public LogEvent process(LogBatch batch, LogEvent event) {
                String message = event.message();
                if (!message.startsWith("{")) {
                    return event; // cheap: only JSON objects are parsed
                }
                try {
                    JsonValue parsed = Json.parse(message);
                    JsonValue found = parsed.isObject() ? parsed.asObject().get(field) : null;
                    return found != null && found.isString() && found.asString().equals(value) ? null : event;
                } catch (ParseException e) {
                    return event; // not JSON after all: kept as it is
                }
            }
        };
    }
}
