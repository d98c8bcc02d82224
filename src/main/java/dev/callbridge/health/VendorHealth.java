package dev.callbridge.health;

import dev.callbridge.config.HealthConfig;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the latest reachability of every vendor. Checks run in the background every
 * {@code callbridge.health.interval}, each bounded by {@code callbridge.health.timeout};
 * readiness probes only read the cached {@link VendorStatus}, so a slow or failing vendor
 * can neither delay a probe nor be flooded by probes.
 */
@ApplicationScoped
public class VendorHealth {

    private final List<VendorProbe> probes;
    private final Map<String, VendorStatus> statuses = new ConcurrentHashMap<>();
    private final HealthConfig config;
    private final Vertx vertx;
    private Uni<Void> inFlight;
    private long timerId = -1;

    VendorHealth(@All List<VendorProbe> probes, HealthConfig config, Vertx vertx) {
        this.probes = List.copyOf(probes);
        this.config = config;
        this.vertx = vertx;
        probes.forEach(p -> statuses.put(p.vendor(), VendorStatus.unchecked(p.vendor())));
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.background()) {
            return;
        }
        refreshInBackground();
        timerId = vertx.setPeriodic(config.interval().toMillis(), id -> refreshInBackground());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** The cached status of {@code vendor} ({@code ultravox} or {@code twilio}). */
    public VendorStatus status(String vendor) {
        return statuses.get(vendor);
    }

    /**
     * Checks every vendor once and completes when all statuses are updated. While a check is
     * running, callers share it instead of starting another one.
     */
    public synchronized Uni<Void> refresh() {
        if (inFlight == null) {
            inFlight = checkAll().eventually(this::finished).memoize().indefinitely();
        }
        return inFlight;
    }

    private synchronized void finished() {
        inFlight = null;
    }

    private void refreshInBackground() {
        refresh().subscribe().with(ignored -> { }, f -> Log.error("Vendor health check failed", f));
    }

    private Uni<Void> checkAll() {
        return Uni.join().all(probes.stream().map(this::check).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> check(VendorProbe probe) {
        Duration timeout = config.timeout();
        return probe.probe()
                .ifNoItem().after(timeout).recoverWithItem(() -> ProbeOutcome.failed(null, "timeout",
                        probe.vendor() + " did not answer within " + timeout.toMillis() + " ms."))
                .onFailure().recoverWithItem(f -> ProbeOutcome.failed(null, "unexpected", f.getClass().getSimpleName()))
                .invoke(outcome -> record(probe.vendor(), outcome))
                .replaceWithVoid();
    }

    private void record(String vendor, ProbeOutcome outcome) {
        VendorStatus previous = statuses.get(vendor);
        VendorStatus next = previous.after(outcome, Instant.now());
        statuses.put(vendor, next);
        if (next.up() && !previous.up()) {
            Log.infof("Vendor %s is reachable", vendor);
        } else if (!next.up() && (previous.up() || previous.outcome() == null)) {
            Log.warnf("Vendor %s is not ready: status=%s code=%s %s", vendor, outcome.status(), outcome.code(),
                    outcome.detail());
        }
    }
}
