package dev.callbridge.sandbox;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Plays simulated time: runs lifecycle steps after a number of simulated seconds, scaled by
 * {@code callbridge.sandbox.speed}. One daemon thread is enough, because every step is a
 * short in-memory update (callbacks are sent asynchronously). A canceled step leaves the queue
 * at once, so it no longer holds what it would have touched.
 */
@ApplicationScoped
class SandboxClock {

    /** A scheduled step, which can be called off before it runs. */
    interface Step {
        void cancel();
    }

    private final double speed;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "sandbox-clock");
        thread.setDaemon(true);
        return thread;
    });

    SandboxClock(SandboxConfig config) {
        if (!(config.speed() > 0)) {
            throw new IllegalArgumentException("callbridge.sandbox.speed must be positive");
        }
        this.speed = config.speed();
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code step} once {@code simulatedSeconds} have passed in the simulation. There is no
     * "never": a step that should not come is not scheduled, so no task outlives its call.
     */
    Step after(double simulatedSeconds, Runnable step) {
        if (!Double.isFinite(simulatedSeconds)) {
            throw new IllegalArgumentException("A sandbox step needs a finite delay");
        }
        long millis = Math.max(1, Math.round(simulatedSeconds * 1000 / speed));
        ScheduledFuture<?> scheduled = timer.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                Log.error("A sandbox lifecycle step failed", e);
            }
        }, millis, TimeUnit.MILLISECONDS);
        return () -> scheduled.cancel(false);
    }

    /** Simulated seconds elapsed since {@code start}. */
    long simulatedSecondsSince(Instant start) {
        long realMillis = Math.max(0, now().toEpochMilli() - start.toEpochMilli());
        return Math.round(realMillis * speed / 1000);
    }

    /** Simulated seconds elapsed since {@code start}, unrounded. */
    double simulatedSecondsSinceExactly(Instant start) {
        return Math.max(0, now().toEpochMilli() - start.toEpochMilli()) * speed / 1000;
    }

    /** Simulated seconds in {@code real} time. */
    long simulatedSeconds(java.time.Duration real) {
        return Math.round(real.toMillis() * speed / 1000);
    }

    Instant now() {
        return Instant.now();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
