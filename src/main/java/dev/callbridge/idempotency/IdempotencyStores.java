package dev.callbridge.idempotency;

import dev.callbridge.config.IdempotencyConfig;
import dev.callbridge.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;

/**
 * Produces the {@link IdempotencyStore} that {@code CALLBRIDGE_STORE} names.
 *
 * <p>A producer that reads the switch at run time, rather than {@code @IfBuildProperty} or
 * build-time bean selection: one packaged application serves both stores, and the choice is made
 * where a deployment makes it, in its environment. The PostgreSQL pool is looked up through
 * {@link Instance} and only for {@code postgres}: with {@code memory} the datasource is inactive,
 * and Quarkus refuses to start an application that injects an inactive datasource directly.
 */
@ApplicationScoped
class IdempotencyStores {

    @Produces
    @ApplicationScoped
    IdempotencyStore store(StoreConfig store, IdempotencyConfig config, MeterRegistry meters, Instance<Pool> pool) {
        return switch (store.kind()) {
            case MEMORY -> new InMemoryIdempotencyStore(config, meters);
            case POSTGRES -> new PostgresIdempotencyStore(pool.get(), config, Clock.systemUTC());
        };
    }
}
