package dev.logdrain;

import dev.logdrain.internal.Route;
import dev.logdrain.spi.ConfigurationException;
import dev.logdrain.spi.Deadline;
import dev.logdrain.spi.Destination;
import dev.logdrain.spi.LogBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends batches to every destination: for each destination URL it picks the formatter (option
 * {@code format}) and the sink (scheme), formats every event, cuts messages to {@code maxsize}, and hands
 * them to the sink within the deadline. One destination failing does not stop the others: with several
 * destinations each is served by its own thread, so a hanging one cannot eat the others' time.
 *
 * <p>Creating a forwarder validates every destination and creates its sink, without network I/O.
 * {@link #forward} may be called many times (connections are reused); it is not meant to be called
 * concurrently and serializes callers.
 */
public final class Forwarder implements AutoCloseable {

    /** Extra time a destination thread is given past the deadline before it is reported as stuck. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final List<Route> routes;
    private final ExecutorService executor;

    private Forwarder(List<Route> routes) {
        this.routes = routes;
        this.executor = routes.size() > 1 ? Executors.newFixedThreadPool(routes.size(), r -> {
            Thread t = new Thread(r, "logdrain-destination");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * @throws ConfigurationException for an unknown scheme, format or option, or a bad option value
     */
    public static Forwarder create(PluginRegistry registry, List<Destination> destinations) {
        if (destinations.isEmpty()) {
            throw new ConfigurationException("no destination given");
        }
        List<Route> routes = new ArrayList<>();
        try {
            for (Destination destination : destinations) {
                routes.add(Route.create(registry, destination));
            }
        } catch (RuntimeException e) {
            routes.forEach(Route::close);
            throw e;
        }
        return new Forwarder(routes);
    }

    /** Parses every URL and creates the forwarder. */
    public static Forwarder fromUrls(PluginRegistry registry, List<String> urls) {
        return create(registry, urls.stream().map(Destination::parse).toList());
    }

    /** The validated destinations (default ports filled in). */
    public List<Destination> destinations() {
        return routes.stream().map(Route::destination).toList();
    }

    /** Sends the batch to every destination and reports per destination. Never throws for delivery problems. */
    public synchronized ForwardReport forward(LogBatch batch, Deadline deadline) {
        if (executor == null) {
            return new ForwardReport(batch.size(), List.of(routes.get(0).send(batch, deadline)));
        }
        List<Future<DestinationReport>> futures = new ArrayList<>();
        for (Route route : routes) {
            futures.add(executor.submit(() -> route.send(batch, deadline)));
        }
        List<DestinationReport> reports = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            try {
                reports.add(futures.get(i).get(deadline.remainingMillis() + GRACE.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                route.close();
                reports.add(route.failed(batch, "did not finish by the deadline"));
            } catch (ExecutionException e) {
                reports.add(route.failed(batch, String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reports.add(route.failed(batch, "interrupted"));
            }
        }
        return new ForwardReport(batch.size(), reports);
    }

    /** Closes every sink's connections. */
    @Override
    public void close() {
        routes.forEach(Route::close);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
