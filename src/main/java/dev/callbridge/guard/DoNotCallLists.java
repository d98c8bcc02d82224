package dev.callbridge.guard;

import dev.callbridge.store.StoreConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Produces the {@link DoNotCallList} that {@code CALLBRIDGE_STORE} names, at run time: see
 * {@code IdempotencyStores} for why a producer, and why the pool is looked up lazily.
 */
@ApplicationScoped
class DoNotCallLists {

    @Produces
    @ApplicationScoped
    DoNotCallList list(StoreConfig store, Instance<Pool> pool) {
        return switch (store.kind()) {
            case MEMORY -> new InMemoryDoNotCallList();
            case POSTGRES -> new PostgresDoNotCallList(pool.get());
        };
    }
}
