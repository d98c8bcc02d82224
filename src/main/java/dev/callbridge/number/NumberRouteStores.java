package dev.callbridge.number;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.store.StoreConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Produces the {@link NumberRouteStore} that {@code CALLBRIDGE_STORE} names, at run time: see
 * {@code IdempotencyStores} for why a producer, and why the pool is looked up lazily. It is
 * also the one {@link NumberRoutes} bean, the lookup the voice webhook injects.
 */
@ApplicationScoped
class NumberRouteStores {

    @Produces
    @ApplicationScoped
    NumberRouteStore store(StoreConfig store, ObjectMapper mapper, Instance<Pool> pool) {
        return switch (store.kind()) {
            case MEMORY -> new InMemoryNumberRouteStore();
            case POSTGRES -> new PostgresNumberRouteStore(pool.get(), mapper);
        };
    }
}
