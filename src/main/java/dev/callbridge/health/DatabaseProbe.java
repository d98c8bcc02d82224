package dev.callbridge.health;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Runs {@code SELECT 1} through the reactive pool that the postgres store's requests use, so the
 * check sees the database exactly as they do (a full pool delays it as it delays them).
 *
 * <p>The pool is looked up through {@link Instance} on the first check only: with
 * {@code CALLBRIDGE_STORE=memory} the datasource is inactive, and Quarkus refuses to start an
 * application that injects an inactive datasource directly. {@link DatabaseHealth} never calls
 * this probe with {@code memory}.
 */
@ApplicationScoped
public class DatabaseProbe {

    private final Instance<Pool> pool;

    DatabaseProbe(Instance<Pool> pool) {
        this.pool = pool;
    }

    /** Completes when the database answered; fails with the client's error otherwise. */
    public Uni<Void> ping() {
        return Uni.createFrom().deferred(() -> pool.get().query("SELECT 1").execute().replaceWithVoid());
    }
}
