package dev.callbridge.call;

import dev.callbridge.store.StoreConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Produces the {@link CallLedger} that {@code CALLBRIDGE_STORE} names, at run time: see
 * {@code IdempotencyStores} for why a producer, and why the pool is looked up lazily.
 */
@ApplicationScoped
class CallLedgers {

    @Produces
    @ApplicationScoped
    CallLedger ledger(StoreConfig store, CallConfig config, Instance<Pool> pool) {
        return switch (store.kind()) {
            case MEMORY -> new InMemoryCallLedger(config);
            case POSTGRES -> new PostgresCallLedger(pool.get(), config.retention(), Clock.systemUTC());
        };
    }
}
