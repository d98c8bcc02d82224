package dev.callbridge.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A sandbox clock that moves only when a test says so: steps wait in a queue until
 * {@link #advanceTo} reaches them, so a test sets up a moment of the simulated timeline (a
 * redirect before detection's result, say) without racing real time.
 */
final class ManualClock extends SandboxClock {

    private record Queued(double at, long order, Runnable step) {
    }

    private final double speed;
    private final Instant start = Instant.now();
    private final PriorityQueue<Queued> pending = new PriorityQueue<>((a, b) -> a.at() != b.at()
            ? Double.compare(a.at(), b.at()) : Long.compare(a.order(), b.order()));
    private double elapsed;
    private long scheduled;

    ManualClock(SandboxConfig config) {
        super(config);
        this.speed = config.speed();
    }

    @Override
    synchronized SandboxClock.Step after(double simulatedSeconds, Runnable step) {
        Queued queued = new Queued(elapsed + simulatedSeconds, scheduled++, step);
        pending.add(queued);
        return () -> {
            synchronized (this) {
                pending.remove(queued);
            }
        };
    }

    @Override
    synchronized Instant now() {
        return start.plusMillis(Math.round(elapsed * 1000 / speed));
    }

    /** Runs, in order, every step due up to {@code simulatedSeconds} after this clock started. */
    void advanceTo(double simulatedSeconds) {
        while (true) {
            Queued next;
            synchronized (this) {
                next = pending.peek();
                if (next == null || next.at() > simulatedSeconds) {
                    elapsed = Math.max(elapsed, simulatedSeconds);
                    return;
                }
                pending.poll();
                elapsed = Math.max(elapsed, next.at());
            }
            next.step().run();
        }
    }

    /** When, in simulated seconds since this clock started, each waiting step is due. */
    synchronized List<Double> pendingAt() {
        List<Double> at = new ArrayList<>();
        pending.forEach(step -> at.add(step.at()));
        return at;
    }
}
