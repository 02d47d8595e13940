package dev.logdrain.relp.internal;

import dev.logdrain.spi.Deadline;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action when a deadline passes unless cancelled first. A blocking socket write cannot time out
 * in Java: when the server stops reading, the only way to end the write is to close the socket from
 * another thread, which is what the action does. One daemon thread serves every sink, started on first use
 * (not during a Lambda init phase).
 */
public final class DeadlineWatchdog {

    private static final class Holder {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "logdrain-relp-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    private final Object lock = new Object();
    private final ScheduledFuture<?> future;
    private boolean done;
    private boolean fired;

    private DeadlineWatchdog(Deadline deadline, Runnable action) {
        this.future = Holder.EXECUTOR.schedule(() -> {
            synchronized (lock) {
                if (done) {
                    return;
                }
                fired = true;
            }
            action.run();
        }, deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code action} on the watchdog thread when {@code deadline} passes, unless {@link #cancel()} came first. */
    public static DeadlineWatchdog arm(Deadline deadline, Runnable action) {
        return new DeadlineWatchdog(deadline, action);
    }

    /** Makes sure the action will not run (it may have run already: see {@link #fired()}). */
    public void cancel() {
        synchronized (lock) {
            done = true;
        }
        future.cancel(false);
    }

    /** Whether the action ran (or started running). */
    public boolean fired() {
        synchronized (lock) {
            return fired;
        }
    }
}
