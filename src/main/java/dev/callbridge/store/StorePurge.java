package dev.callbridge.store;

import dev.callbridge.call.CallLedger;
import dev.callbridge.idempotency.IdempotencyStore;
import io.quarkus.arc.ClientProxy;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes expired idempotency keys and call placements from PostgreSQL every {@code CALLBRIDGE_DB_PURGE_INTERVAL}.
 * Every replica runs it: a {@code DELETE} of expired rows is safe to repeat and cheap on the
 * {@code expires_at} indexes, so no coordination is needed. The memory stores expire their
 * entries themselves, so with {@code memory} nothing is scheduled.
 */
@ApplicationScoped
public class StorePurge {

    private final StoreConfig config;
    private final IdempotencyStore keys;
    private final CallLedger calls;
    private final Vertx vertx;
    private long timer = -1;

    StorePurge(StoreConfig config, IdempotencyStore keys, CallLedger calls, Vertx vertx) {
        this.config = config;
        this.keys = keys;
        this.calls = calls;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.kind() != StoreConfig.Kind.POSTGRES) {
            return;
        }
        // The injected references are client proxies of the produced stores: look behind them.
        List<ExpiringStore> stores = Stream.of(ClientProxy.unwrap(keys), ClientProxy.unwrap(calls))
                .filter(ExpiringStore.class::isInstance).map(ExpiringStore.class::cast).toList();
        timer = vertx.setPeriodic(config.purgeInterval().toMillis(), id -> stores.forEach(StorePurge::purge));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private static void purge(ExpiringStore store) {
        store.purgeExpired().subscribe().with(
                deleted -> Log.debugf("Purged %d expired rows (%s)", deleted, store.getClass().getSimpleName()),
                failure -> Log.warnf("Purging expired rows failed: %s", failure.toString()));
    }
}
