package dev.callbridge.sandbox;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays simulated time: runs lifecycle steps after a number of simulated seconds, scaled by
 * {@code callbridge.sandbox.speed}. One daemon thread is enough, because every step is a
 * short in-memory update (callbacks are sent asynchronously).
 */
@ApplicationScoped
class SandboxClock {

    private final double speed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-clock");
        thread.setDaemon(true);
        return thread;
    });

    SandboxClock(SandboxConfig config) {
        if (!(config.speed() > 0)) {
            throw new IllegalArgumentException("callbridge.sandbox.speed must be positive");
        }
        this.speed = config.speed();
    }

    /** Runs {@code step} once {@code simulatedSeconds} have passed in the simulation. */
    void after(double simulatedSeconds, Runnable step) {
        long millis = Math.max(1, Math.round(simulatedSeconds * 1000 / speed));
        timer.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                Log.error("A sandbox lifecycle step failed", e);
            }
        }, millis, TimeUnit.MILLISECONDS);
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
