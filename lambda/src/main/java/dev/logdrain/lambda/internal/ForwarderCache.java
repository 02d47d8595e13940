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
public final class ForwarderCache implements AutoCloseable {

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
    private final Map<String, String> process;
    private Forwarder forwarder;
    private List<String> forwarderUrls;

    private ForwarderCache(PluginRegistry registry, DestinationUrls urls, AutoCloseable lookupResources,
                           Map<String, String> process) {
        this.registry = registry;
        this.process = process;
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
    public static ForwarderCache create(LambdaSettings settings, Map<String, String> env, Clock clock,
                                  Consumer<String> warnings) {
        Optional<String> secret = SecretLookup.reference(env);
        if (secret.isPresent()) {
            return withSecret(settings, secret.get(), env, clock, warnings);
        }
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
                ForwarderCache delivery = new ForwarderCache(registry, DestinationUrls.fixed(settings.urls()),
                        () -> { }, settings.process());
                delivery.forwarderFor(settings.urls());
                return delivery;
            }
            cloudFormation.awaitPrepared();
            return new ForwarderCache(registry, new StackParameterUrls(settings, cloudFormation, clock, warnings),
                    cloudFormation, settings.process());
        } catch (RuntimeException e) {
            registry.close();
            if (cloudFormation != null) {
                cloudFormation.close();
            }
            throw e;
        }
    }

    /** Time the secret lookup at init may take (Lambda allows init 10 s). */
    private static final long SECRET_INIT_MILLIS = 8_000;

    /**
     * The URLs from a secret: read once now (the only network call of init, documented), the sinks created for
     * them. A secret that cannot be read fails init with the reason (Lambda then retries init on the next event).
     */
    private static ForwarderCache withSecret(LambdaSettings settings, String reference, Map<String, String> env,
                                       Clock clock, Consumer<String> warnings) {
        SecretLookup lookup = new SecretLookup(reference, env);
        PluginRegistry registry = null;
        try {
            SecretUrls urls = new SecretUrls(lookup.origin(), lookup, settings.urlCacheTtl(), clock, warnings);
            // the lookup (SDK classes, then the request) runs on its own thread while the plugins load
            java.util.concurrent.FutureTask<DestinationUrls.Resolved> first = new java.util.concurrent.FutureTask<>(
                    () -> urls.current(Deadline.afterMillis(SECRET_INIT_MILLIS)));
            Thread reading = new Thread(first, "logdrain-secret-init");
            reading.setDaemon(true);
            reading.start();
            registry = PluginRegistry.load(settings.pluginDirectories());
            ForwarderCache delivery = new ForwarderCache(registry, urls, lookup, settings.process());
            delivery.forwarderFor(await(first).urls());
            return delivery;
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            lookup.close();
            throw e;
        }
    }

    public PluginRegistry registry() {
        return registry;
    }

    /** The URLs of the sinks made so far (fixed, or read from a secret at init), without a lookup; or empty. */
    public synchronized List<String> knownUrls() {
        return forwarderUrls == null ? List.of() : forwarderUrls;
    }

    private static DestinationUrls.Resolved await(java.util.concurrent.FutureTask<DestinationUrls.Resolved> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.logdrain.spi.ConfigurationException("interrupted while reading the destination URL");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Where the URLs come from (the SnapStart hooks expire a cache). */
    public DestinationUrls urls() {
        return urls;
    }

    /**
     * Closes the sinks and so every connection (before a SnapStart snapshot); the next delivery creates them
     * again and dials afresh.
     */
    public synchronized void disconnect() {
        if (forwarder != null) {
            forwarder.close();
            forwarder = null;
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
    public synchronized Outcome deliver(LogBatch batch, Deadline deadline) {
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
            Forwarder created = Forwarder.fromUrls(registry, wanted, process);
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
