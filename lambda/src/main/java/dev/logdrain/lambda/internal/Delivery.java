package dev.logdrain.lambda.internal;

import dev.logdrain.DestinationReport;
import dev.logdrain.ForwardReport;
import dev.logdrain.Forwarder;
import dev.logdrain.PluginRegistry;
import dev.logdrain.spi.Source;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Delivers batches to the function's destinations. Keeps one {@link Forwarder} (and so its connections)
 * across warm invocations, rebuilt only when the URLs change. When the URLs come from the stack and a
 * delivery fails, they are looked up once more: if they changed, the batch goes to every new destination
 * that had not already taken it.
 */
public final class Delivery implements AutoCloseable {

    /**
     * What happened to one batch.
     *
     * @param reports  every attempt, per destination, in order
     * @param failures the destinations that did not take every event in the end
     * @param note     what the extra lookup did, or null
     */
    public record Outcome(List<DestinationReport> reports, List<DestinationReport> failures, String note) {
        public Outcome {
            reports = List.copyOf(reports);
            failures = List.copyOf(failures);
        }

        public boolean isSuccess() {
            return failures.isEmpty();
        }
    }

    private final PluginRegistry registry;
    private final DestinationUrls urls;
    private final AutoCloseable lookupResources;
    private Forwarder forwarder;
    private List<String> forwarderUrls;

    private Delivery(PluginRegistry registry, DestinationUrls urls, AutoCloseable lookupResources) {
        this.registry = registry;
        this.urls = urls;
        this.lookupResources = lookupResources;
    }

    /**
     * Loads the plugins and, when the URLs are fixed, validates them and creates the sinks. When the URLs come from
     * the stack, prepares the SDK client (see {@link CloudFormationParameters#prepare()}) on another thread while
     * the plugins load, and waits for it. No network I/O.
     *
     * @throws dev.logdrain.spi.ConfigurationException for a bad URL or plugin
     */
    public static Delivery create(LambdaSettings settings, Map<String, String> env, Clock clock,
                                  Consumer<String> warnings) {
        LazyCloudFormation cloudFormation = null;
        if (settings.urlsFromStack()) {
            cloudFormation = new LazyCloudFormation(settings, env);
            cloudFormation.startPreparing();
        }
        PluginRegistry registry;
        try {
            registry = PluginRegistry.load(settings.pluginDirectories());
        } catch (RuntimeException e) {
            if (cloudFormation != null) {
                cloudFormation.close();
            }
            throw e;
        }
        try {
            if (cloudFormation == null) {
                Delivery delivery = new Delivery(registry, DestinationUrls.fixed(settings.urls()), () -> { });
                delivery.forwarderFor(settings.urls());
                return delivery;
            }
            cloudFormation.awaitPrepared();
            return new Delivery(registry, new StackParameterUrls(settings, cloudFormation, clock, warnings),
                    cloudFormation);
        } catch (RuntimeException e) {
            registry.close();
            if (cloudFormation != null) {
                cloudFormation.close();
            }
            throw e;
        }
    }

    /**
     * The source the settings name ({@link LambdaSettings#SOURCE}), from the same registry as the sinks.
     *
     * @throws dev.logdrain.spi.ConfigurationException for an unknown source or a bad setting, naming the variables
     */
    public Source source(LambdaSettings settings) {
        try {
            return registry.source(settings.source()).create(settings.sourceSettings());
        } catch (dev.logdrain.spi.ConfigurationException e) {
            throw new dev.logdrain.spi.ConfigurationException(LambdaSettings.SOURCE + "=" + settings.source()
                    + (settings.sourceSettings().isEmpty() ? "" : " with " + LambdaSettings.MAX_PAYLOAD) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sends one batch to every destination within the deadline.
     *
     * @throws dev.logdrain.spi.ConfigurationException when the URLs cannot be had or are invalid
     */
    public Outcome deliver(LogBatch batch, Deadline deadline) {
        DestinationUrls.Resolved resolved = urls.current(deadline);
        Forwarder first = forwarderFor(resolved.urls());
        ForwardReport report = first.forward(batch, deadline);
        if (report.isSuccess()) {
            return new Outcome(report.destinations(), List.of(), null);
        }
        Optional<DestinationUrls.Resolved> fresh;
        try {
            fresh = urls.refresh(deadline);
        } catch (RuntimeException e) {
            return new Outcome(report.destinations(), report.failures(),
                    "looking up the destination URL again failed: " + e.getMessage());
        }
        if (fresh.isEmpty()) {
            return new Outcome(report.destinations(), report.failures(), null);
        }
        if (fresh.get().urls().equals(resolved.urls())) {
            return new Outcome(report.destinations(), report.failures(),
                    "looked up the destination URL again: unchanged");
        }
        // The URLs changed: send to each new destination unless it is one that already took the batch.
        List<Destination> alreadyDelivered = new ArrayList<>();
        List<Destination> oldDestinations = first.destinations();
        for (int i = 0; i < oldDestinations.size(); i++) {
            if (report.destinations().get(i).isSuccess()) {
                alreadyDelivered.add(oldDestinations.get(i));
            }
        }
        Forwarder current = forwarderFor(fresh.get().urls());
        List<Destination> remaining = current.destinations().stream()
                .filter(d -> !alreadyDelivered.contains(d)).toList();
        List<DestinationReport> all = new ArrayList<>(report.destinations());
        if (remaining.isEmpty()) {
            return new Outcome(all, List.of(), "the destination URL changed; the batch was already delivered");
        }
        try (Forwarder retry = Forwarder.create(registry, remaining)) {
            ForwardReport second = retry.forward(batch, deadline);
            all.addAll(second.destinations());
            return new Outcome(all, second.failures(), "the destination URL changed; sent again to "
                    + remaining.size() + " destination(s)");
        }
    }

    private Forwarder forwarderFor(List<String> wanted) {
        if (forwarder == null || !wanted.equals(forwarderUrls)) {
            Forwarder created = Forwarder.fromUrls(registry, wanted);
            if (forwarder != null) {
                forwarder.close();
            }
            forwarder = created;
            forwarderUrls = wanted;
        }
        return forwarder;
    }

    @Override
    public void close() {
        if (forwarder != null) {
            forwarder.close();
        }
        try {
            lookupResources.close();
        } catch (Exception ignored) {
            // best effort at shutdown
        }
        registry.close();
    }

    /**
     * Holds the SDK reader so that no SDK class is loaded when the URLs are fixed (this class names no SDK type).
     * The reader is prepared during init on a thread of its own, in parallel with loading the plugins.
     */
    private static final class LazyCloudFormation implements StackParameterUrls.ParameterReader, AutoCloseable {
        /**
         * Preparing costs about a second of CPU; past this wait, init goes on (Lambda allows init 10 s) and the first
         * lookup waits for the client instead.
         */
        private static final long PREPARE_WAIT_MILLIS = 5_000;

        private final LambdaSettings settings;
        private final Map<String, String> env;
        private CloudFormationParameters reader;
        private Thread preparing;

        LazyCloudFormation(LambdaSettings settings, Map<String, String> env) {
            this.settings = settings;
            this.env = env;
        }

        void startPreparing() {
            CloudFormationParameters prepared = reader();
            preparing = new Thread(prepared::prepare, "logdrain-cloudformation-init");
            preparing.setDaemon(true);
            preparing.start();
        }

        void awaitPrepared() {
            if (preparing == null) {
                return;
            }
            try {
                preparing.join(PREPARE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized CloudFormationParameters reader() {
            if (reader == null) {
                reader = new CloudFormationParameters(settings, env);
            }
            return reader;
        }

        @Override
        public String read(String stack, String parameter, Deadline deadline) {
            return reader().read(stack, parameter, deadline);
        }

        @Override
        public void close() {
            CloudFormationParameters toClose;
            synchronized (this) {
                toClose = reader;
            }
            if (toClose != null) {
                toClose.close();
            }
        }
    }
}
