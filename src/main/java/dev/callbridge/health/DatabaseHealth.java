package dev.callbridge.health;

import dev.callbridge.config.HealthConfig;
import dev.callbridge.store.StoreConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the latest reachability of the postgres store's database, checked in the background like
 * the vendors ({@link VendorHealth}): a {@code SELECT 1} bounded by {@code callbridge.health.timeout},
 * the first at startup, then every {@code callbridge.health.interval}, and soon again after a
 * failure ({@link CheckSchedule}'s backoff), so that readiness returns quickly once the database
 * is back. Probes only read the cached {@link DatabaseStatus}.
 *
 * <p>Unlike the vendor checks this one starts on the startup event, not once the HTTP server
 * listens: the database does not depend on that server, and Flyway has just reached it.
 * With {@code memory} nothing is ever checked and no datasource is looked up.
 */
@ApplicationScoped
public class DatabaseHealth {

    private final StoreConfig.Kind store;
    private final Optional<String> password;
    private final HealthConfig config;
    private final DatabaseProbe probe;
    private final Vertx vertx;
    private volatile DatabaseStatus status;
    private volatile boolean stopped;
    private volatile long timerId = -1;
    private volatile CheckSchedule schedule;
    private Uni<Void> inFlight;

    @Inject
    DatabaseHealth(StoreConfig store, HealthConfig config, DatabaseProbe probe, Vertx vertx) {
        this(store.kind(), store.db().password(), config, probe, vertx);
    }

    DatabaseHealth(StoreConfig.Kind store, Optional<String> password, HealthConfig config, DatabaseProbe probe,
            Vertx vertx) {
        this.store = store;
        this.password = password.filter(p -> !p.isBlank());
        this.config = config;
        this.probe = probe;
        this.vertx = vertx;
        this.status = DatabaseStatus.unchecked(store);
        this.schedule = newSchedule();
    }

    void onStart(@Observes StartupEvent event) {
        if (checked() && config.background()) {
            checkThenScheduleNext();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** The cached status. */
    public DatabaseStatus status() {
        return status;
    }

    /**
     * Checks the database once (nothing with {@code memory}) and completes when the status is
     * updated; concurrent callers share one check.
     */
    public synchronized Uni<Void> refresh() {
        if (!checked()) {
            return Uni.createFrom().voidItem();
        }
        if (inFlight == null) {
            inFlight = check().eventually(this::finished).memoize().indefinitely();
        }
        return inFlight;
    }

    private boolean checked() {
        return store == StoreConfig.Kind.POSTGRES;
    }

    private CheckSchedule newSchedule() {
        return new CheckSchedule(config.startupRetry(), config.interval());
    }

    private synchronized void finished() {
        inFlight = null;
    }

    private void checkThenScheduleNext() {
        refresh().subscribe().with(done -> scheduleNext(), failure -> {
            Log.error("Database health check failed", failure);
            scheduleNext();
        });
    }

    private void scheduleNext() {
        if (stopped) {
            return;
        }
        Duration wait = schedule.next(status.up());
        timerId = vertx.setTimer(Math.max(1, wait.toMillis()), id -> checkThenScheduleNext());
    }

    private Uni<Void> check() {
        Duration timeout = config.timeout();
        return probe.ping()
                .ifNoItem().after(timeout).failWith(TimeoutException::new)
                .map(ok -> (String) null)
                .onFailure().recoverWithItem(failure -> describe(failure, timeout))
                .invoke(this::record)
                .replaceWithVoid();
    }

    private void record(String failure) {
        DatabaseStatus previous = status;
        Instant now = Instant.now();
        DatabaseStatus next = failure == null ? previous.succeeded(now) : previous.failed(now, failure);
        status = next;
        if (next.up() && !previous.up()) {
            Log.info("Database is reachable");
        } else if (!next.up() && (previous.up() || previous.lastCheck() == null)) {
            // Retry soon, with the startup backoff, so readiness comes back quickly.
            schedule = newSchedule();
            Log.warnf("Database is not reachable: %s", failure);
        }
    }

    /** Why the check failed, in words an operator can act on, without the password. */
    private String describe(Throwable failure, Duration timeout) {
        if (failure instanceof TimeoutException) {
            return "The database did not answer within " + timeout.toMillis() + " ms.";
        }
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        // The client's messages name the host and the user, never the password; stay safe anyway.
        return password.map(p -> text.replace(p, "***")).orElse(text);
    }
}
