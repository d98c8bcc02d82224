package dev.callbridge.admission;

import dev.callbridge.phone.PhoneMask;
import dev.callbridge.http.ApiProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides whether a call placement may start: the one mechanism behind load shedding and
 * graceful shutdown. At most {@code callbridge.admission.max-in-flight} pipelines run at once;
 * above that a placement is refused at once (503, {@code Retry-After}) instead of queueing
 * without bound. When shutdown begins (Quarkus' pre-shutdown event, before the HTTP server
 * stops) every new placement is refused the same way while those in flight get
 * {@code callbridge.admission.drain-grace} to finish; what is still running then is logged.
 */
@ApplicationScoped
public class CallAdmission {

    /** What is logged about a running call: no full phone number, no join URL. */
    private record Running(String agentId, String maskedTo, Instant since) {
        String describe(Instant now) {
            return "agent " + agentId + " to " + maskedTo + " for " + Duration.between(since, now).toMillis() + " ms";
        }
    }

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();
    private final Object idle = new Object();
    private final Duration retryAfter;
    private final Duration drainGrace;
    private final Counter shedOverloaded;
    private final Counter shedDraining;
    private volatile int limit;
    private volatile boolean draining;

    CallAdmission(AdmissionConfig config, MeterRegistry meters) {
        this.limit = Math.max(1, config.maxInFlight());
        this.retryAfter = config.retryAfter();
        this.drainGrace = config.drainGrace();
        this.shedOverloaded = shedCounter(meters, "overloaded");
        this.shedDraining = shedCounter(meters, "draining");
        Gauge.builder("callbridge.calls.in_flight", inFlight, AtomicInteger::get)
                .description("Call placements running now").register(meters);
        Gauge.builder("callbridge.admission.limit", this, a -> a.limit)
                .description("Most call placements allowed to run at once").register(meters);
    }

    /**
     * Runs {@code pipeline} if a slot is free, releasing the slot however it ends; fails with a
     * 503 problem when the service is full or shutting down.
     *
     * @param agentId the agent, for the shutdown log
     * @param to      the callee, logged masked only
     */
    public <T> Uni<T> admit(String agentId, String to, Supplier<Uni<T>> pipeline) {
        return Uni.createFrom().deferred(() -> {
            long ticket = enter(agentId, to);
            Uni<T> started;
            try {
                started = pipeline.get();
            } catch (RuntimeException e) {
                started = Uni.createFrom().failure(e);
            }
            return started.onTermination().invoke(() -> leave(ticket));
        });
    }

    /** Call placements running now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most call placements allowed at once. */
    public int limit() {
        return limit;
    }

    /** Whether shutdown has begun and new placements are refused. */
    public boolean draining() {
        return draining;
    }

    /**
     * Quarkus fires this before the HTTP server stops ({@code quarkus.shutdown.delay-enabled});
     * blocking here holds the rest of the shutdown back until the running calls are done.
     */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        drain(drainGrace);
    }

    /**
     * Refuses new placements from now on and waits up to {@code grace} for the running ones.
     *
     * @return true when every placement finished within the grace period
     */
    public boolean drain(Duration grace) {
        draining = true;
        int atStart = inFlight.get();
        Log.infof("Shutting down: refusing new calls; waiting up to %d s for %d in flight", grace.toSeconds(), atStart);
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (idle) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return reportLeftovers(grace);
    }

    private boolean reportLeftovers(Duration grace) {
        List<Running> left = List.copyOf(running.values());
        if (left.isEmpty()) {
            Log.info("All calls in flight finished; shutdown continues");
            return true;
        }
        Instant now = Instant.now();
        Log.warnf("Grace period of %d s over with %d calls still in flight: %s", grace.toSeconds(), left.size(),
                left.stream().map(r -> r.describe(now)).collect(Collectors.joining("; ")));
        return false;
    }

    /** Admits new calls again; for tests, which share one application instance. */
    void resume() {
        draining = false;
    }

    /** Changes the in-flight limit; for tests, which share one application instance. */
    void limit(int newLimit) {
        limit = Math.max(1, newLimit);
    }

    private long enter(String agentId, String to) {
        if (draining) {
            throw refused(shedDraining, "shutting-down",
                    "This Callbridge instance is shutting down and accepts no new calls; retry, another instance will take it.");
        }
        int current;
        do {
            current = inFlight.get();
            if (current >= limit) {
                throw refused(shedOverloaded, "overloaded", "Callbridge is placing as many calls as it may at once ("
                        + limit + "); retry shortly.");
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        long ticket = tickets.incrementAndGet();
        running.put(ticket, new Running(agentId, PhoneMask.mask(to), Instant.now()));
        if (draining) {
            // Shutdown began between the check and the increment; drain() may have seen 0.
            leave(ticket);
            throw refused(shedDraining, "shutting-down",
                    "This Callbridge instance is shutting down and accepts no new calls; retry, another instance will take it.");
        }
        return ticket;
    }

    private void leave(long ticket) {
        if (running.remove(ticket) == null) {
            return;
        }
        inFlight.decrementAndGet();
        if (draining) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private ApiProblemException refused(Counter counter, String kind, String detail) {
        counter.increment();
        return ApiProblemException.refusal(503, kind, "Service Unavailable", detail, retryAfter);
    }

    private static Counter shedCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("callbridge.admission.shed").description("Call placements refused before they started")
                .tag("outcome", outcome).register(meters);
    }
}
