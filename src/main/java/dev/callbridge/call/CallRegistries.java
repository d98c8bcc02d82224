package dev.callbridge.call;

import dev.callbridge.store.StoreConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Produces the {@link CallRegistry} that {@code CALLBRIDGE_STORE} names, at run time: see
 * {@code IdempotencyStores} for why a producer, and why the pool is looked up lazily.
 */
@ApplicationScoped
class CallRegistries {

    @Produces
    @ApplicationScoped
    CallRegistry registry(StoreConfig store, CallConfig config, Instance<Pool> pool) {
        return switch (store.kind()) {
            case MEMORY -> new InMemoryCallRegistry(config);
            case POSTGRES -> new PostgresCallRegistry(pool.get(), config.retention(), Clock.systemUTC());
        };
    }
}
