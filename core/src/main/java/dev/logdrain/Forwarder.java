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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private final List<Lane> lanes;
    private final ExecutorService executor;

    private Forwarder(List<Route> routes) {
        this.routes = routes;
        this.lanes = routes.stream().map(Lane::new).toList();
        // A cached pool: a thread stuck in a sink past its deadline must not take a later batch's thread.
        this.executor = routes.size() > 1 ? Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "logdrain-destination");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * One destination's worker state. A route (its buffer, its sink) is used by one thread at a time: while
     * a send that overran its deadline is still running, later batches for that destination fail at once.
     */
    private static final class Lane {
        final Route route;
        /** Set when a send is handed to the executor, cleared when it has returned. */
        final AtomicBoolean busy = new AtomicBoolean();
        private Thread worker;

        Lane(Route route) {
            this.route = route;
        }

        DestinationReport run(LogBatch batch, Deadline deadline) {
            synchronized (this) {
                worker = Thread.currentThread();
            }
            try {
                return route.send(batch, deadline);
            } finally {
                synchronized (this) {
                    worker = null;
                }
                Thread.interrupted(); // an interrupt meant for this send must not hit the thread's next task
                busy.set(false);
            }
        }

        /** Interrupts the send if it is still running (a sink blocked in I/O is unblocked by closing it). */
        synchronized void interrupt() {
            if (worker != null) {
                worker.interrupt();
            }
        }
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
        return fromUrls(registry, urls, java.util.Map.of());
    }

    /**
     * Parses every URL, adds the options given once for every destination (see
     * {@link Destination#withSharedOptions}), and creates the forwarder.
     */
    public static Forwarder fromUrls(PluginRegistry registry, List<String> urls, java.util.Map<String, String> shared) {
        return create(registry, urls.stream().map(u -> Destination.parse(u).withSharedOptions(shared)).toList());
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
        for (Lane lane : lanes) {
            if (lane.busy.compareAndSet(false, true)) {
                try {
                    futures.add(executor.submit(() -> lane.run(batch, deadline)));
                } catch (RejectedExecutionException e) {
                    lane.busy.set(false);
                    futures.add(null);
                }
            } else {
                futures.add(null);
            }
        }
        List<DestinationReport> reports = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            Future<DestinationReport> future = futures.get(i);
            if (future == null) {
                reports.add(lane.route.failed(batch,
                        "still busy with an earlier batch that did not finish by its deadline"));
                continue;
            }
            try {
                reports.add(future.get(deadline.remainingMillis() + GRACE.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                lane.interrupt();
                lane.route.close();
                reports.add(lane.route.failed(batch, "did not finish by the deadline"));
            } catch (ExecutionException e) {
                reports.add(lane.route.failed(batch, String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reports.add(lane.route.failed(batch, "interrupted"));
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
