package dev.callbridge.subscription;

import dev.callbridge.store.StoreConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Produces the {@link SubscriptionStore} that {@code CALLBRIDGE_STORE} names, at run time (see
 * {@code IdempotencyStores} for why a producer, and why the pool is looked up lazily).
 */
@ApplicationScoped
class SubscriptionStores {

    @Produces
    @ApplicationScoped
    SubscriptionStore store(StoreConfig store, WebhookConfig config, Instance<Pool> pool) {
        return switch (store.kind()) {
            case MEMORY -> new InMemorySubscriptionStore(config.delivery().retention(), config.delivery().maxQueued());
            case POSTGRES -> new PostgresSubscriptionStore(pool.get(), config.delivery().retention(), Clock.systemUTC());
        };
    }
}
