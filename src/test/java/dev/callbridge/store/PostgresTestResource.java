package dev.callbridge.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link LocalPostgres} for a {@code @QuarkusTest} and points Callbridge's postgres
 * store at it through the same settings a deployment uses ({@code callbridge.store.kind},
 * {@code callbridge.store.db.*}); stops it when the tests of that profile are done.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalPostgres server;

    @Override
    public Map<String, String> start() {
        server = LocalPostgres.start();
        return Map.of(
                "callbridge.store.kind", "postgres",
                "callbridge.store.db.url", server.url("postgres"),
                "callbridge.store.db.user", LocalPostgres.USER,
                "callbridge.store.db.password", LocalPostgres.PASSWORD);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
