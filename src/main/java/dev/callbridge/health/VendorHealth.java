package dev.callbridge.health;

import dev.callbridge.vendor.Vendor;
import dev.callbridge.config.HealthConfig;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import io.smallrye.mutiny.Uni;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the latest reachability of every vendor. Checks run in the background, each bounded by
 * {@code callbridge.health.timeout}: the first once the HTTP server listens (the sandbox's
 * simulated vendors are served on that port), then again soon after a failure while the
 * service starts ({@link CheckSchedule}), then every {@code callbridge.health.interval}.
 * Probes only read the cached {@link VendorStatus}, so a slow or failing vendor can neither
 * delay a probe nor be flooded by probes.
 */
@ApplicationScoped
public class VendorHealth {

    /**
     * Vert.x shared-data entry set once dev mode's HTTP server has listened. Dev mode keeps that
     * server, and Vert.x, across live reloads and does not announce the server again, so a
     * reloaded application reads this entry and starts checking at once.
     */
    static final String DEV_SERVER_LISTENING = "dev.callbridge.health.http-listening";

    private final List<VendorProbe> probes;
    private final Map<Vendor, VendorStatus> statuses = new ConcurrentHashMap<>();
    private final HealthConfig config;
    private final Vertx vertx;
    private final CheckSchedule schedule;
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long timerId = -1;
    private Uni<Void> inFlight;

    VendorHealth(@All List<VendorProbe> probes, HealthConfig config, Vertx vertx) {
        this.probes = List.copyOf(probes);
        this.config = config;
        this.vertx = vertx;
        this.schedule = new CheckSchedule(config.startupRetry(), config.interval());
        probes.forEach(p -> statuses.put(p.vendor(), VendorStatus.unchecked(p.vendor())));
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT && devServerListening().containsKey(DEV_SERVER_LISTENING)) {
            // A live reload: the server listens, but requests that arrive while dev mode finishes
            // the reload are cut off; waiting one startup retry lets the first check pass.
            vertx.setTimer(Math.max(1, config.startupRetry().toMillis()), id -> begin());
        }
    }

    void onHttpStart(@ObservesAsync HttpServerStart event) {
        serverListens();
    }

    void onHttpsStart(@ObservesAsync HttpsServerStart event) {
        serverListens();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** The vendors' names, in the order of their probes. */
    public List<Vendor> vendors() {
        return probes.stream().map(VendorProbe::vendor).toList();
    }

    /** The cached status of {@code vendor}. */
    public VendorStatus status(Vendor vendor) {
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

    /** Forgets every outcome, as if no check had run; for tests, which share one application. */
    void forget() {
        probes.forEach(p -> statuses.put(p.vendor(), VendorStatus.unchecked(p.vendor())));
    }

    private void serverListens() {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            devServerListening().put(DEV_SERVER_LISTENING, Boolean.TRUE);
        }
        begin();
    }

    private LocalMap<String, Boolean> devServerListening() {
        return vertx.getDelegate().sharedData().getLocalMap(DEV_SERVER_LISTENING);
    }

    /** Starts the background checks once, however many start signals arrive. */
    private void begin() {
        if (config.background() && !stopped && begun.compareAndSet(false, true)) {
            checkThenScheduleNext();
        }
    }

    private void checkThenScheduleNext() {
        refresh().subscribe().with(done -> scheduleNext(), failure -> {
            Log.error("Vendor health check failed", failure);
            scheduleNext();
        });
    }

    private void scheduleNext() {
        if (stopped) {
            return;
        }
        Duration wait = schedule.next(everyVendorAnswered());
        timerId = vertx.setTimer(Math.max(1, wait.toMillis()), id -> checkThenScheduleNext());
    }

    private boolean everyVendorAnswered() {
        return statuses.values().stream().allMatch(s -> s.lastSuccess() != null);
    }

    private synchronized void finished() {
        inFlight = null;
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

    private void record(Vendor vendor, ProbeOutcome outcome) {
        VendorStatus previous = statuses.get(vendor);
        VendorStatus next = previous.after(outcome, Instant.now());
        statuses.put(vendor, next);
        if (next.up() && !previous.up()) {
            Log.infof("Vendor %s is reachable", vendor);
        } else if (!next.up() && (previous.up() || previous.outcome() == null)) {
            Log.warnf("Vendor %s is not reachable: status=%s code=%s %s", vendor, outcome.status(), outcome.code(),
                    outcome.detail());
        }
    }
}
