package dev.logdrain.lambda.internal;

import com.amazonaws.services.lambda.runtime.Context;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.LogBatch;
import dev.logdrain.spi.Source;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * What every logdrain handler shares: settings read at init, plugins, the source, destinations, the deadline of an
 * invocation, the recursion guard, and the summary and metrics lines on standard output (which Lambda sends
 * to the function's log group). Created once per execution environment, during init, without network I/O.
 */
public final class LambdaHost implements AutoCloseable {

    /** Deadline used when there is no Lambda context (local runs). */
    private static final long NO_CONTEXT_MILLIS = 60_000;

    private final LambdaSettings settings;
    private final ForwarderCache forwarders;
    private final Source source;
    private final Clock clock;
    private final PrintStream out;
    /** Held here: org.crac keeps registered resources only weakly. */
    private final SnapStartHooks snapStartHooks;

    private LambdaHost(LambdaSettings settings, ForwarderCache forwarders, Source source, Clock clock,
                       PrintStream out) {
        this.settings = settings;
        this.forwarders = forwarders;
        this.source = source;
        this.clock = clock;
        this.out = out;
        this.snapStartHooks = new SnapStartHooks(forwarders, source, warning -> out.println("logdrain: warning: " + warning));
        org.crac.Core.getGlobalContext().register(snapStartHooks);
    }

    /** The SnapStart hooks registered with {@code org.crac} (tests call them as Lambda does). */
    public SnapStartHooks snapStartHooks() {
        return snapStartHooks;
    }

    /**
     * Reads the settings, loads the plugins and prepares the destinations.
     *
     * @param env   the environment ({@code System.getenv()} in Lambda)
     * @param clock wall clock for metric timestamps and the URL cache
     * @param out   where summary and metric lines go ({@code System.out} in Lambda)
     * @throws dev.logdrain.spi.ConfigurationException with a one-line message when the configuration cannot work
     */
    public static LambdaHost start(Map<String, String> env, Clock clock, PrintStream out) {
        LambdaSettings settings = LambdaSettings.from(env);
        ForwarderCache forwarders = ForwarderCache.create(settings, env, clock,
                warning -> out.println("logdrain: warning: " + warning));
        Source source;
        try {
            source = forwarders.source(settings);
        } catch (RuntimeException e) {
            forwarders.close();
            throw e;
        }
        return new LambdaHost(settings, forwarders, source, clock, out);
    }

    public LambdaSettings settings() {
        return settings;
    }

    public ForwarderCache forwarders() {
        return forwarders;
    }

    /** The source that decodes events ({@code cloudwatch} unless {@link LambdaSettings#SOURCE} names another). */
    public Source source() {
        return source;
    }

    /** The invocation's remaining time less the safety margin (the margin is at most half of it). */
    public Deadline deadline(Context context) {
        long remaining = context == null ? NO_CONTEXT_MILLIS : context.getRemainingTimeInMillis();
        long margin = Math.min(settings.deadlineMargin().toMillis(), remaining / 2);
        return Deadline.afterMillis(remaining - margin);
    }

    /** Whether the batch comes from the function's own log group: forwarding it would feed itself forever. */
    public boolean isOwnLogGroup(LogBatch batch) {
        return !settings.ownLogGroup().isEmpty() && settings.ownLogGroup().equals(batch.logGroup());
    }

    /** Prints the summary line and, unless turned off, the EMF documents. */
    public void emit(InvocationReport report, long durationMillis) {
        StringBuilder text = new StringBuilder(report.summaryLine(durationMillis)).append('\n');
        if (settings.metrics()) {
            for (String line : report.emfLines(settings.metricsNamespace(), clock.millis())) {
                text.append(line).append('\n');
            }
        }
        out.print(text);
        out.flush();
    }

    @Override
    public void close() {
        forwarders.close();
    }
}
