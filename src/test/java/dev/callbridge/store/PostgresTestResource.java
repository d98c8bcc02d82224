package dev.callbridge.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link LocalPostgres} for a {@code @QuarkusTest} and points Callbridge's postgres
 * store at it through the same settings a deployment uses ({@code callbridge.store},
 * {@code callbridge.db.*}); stops it when the tests of that profile are done.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalPostgres server;

    @Override
    public Map<String, String> start() {
        server = LocalPostgres.start();
        return Map.of(
                "callbridge.store", "postgres",
                "callbridge.db.url", server.url("postgres"),
                "callbridge.db.user", LocalPostgres.USER,
                "callbridge.db.password", LocalPostgres.PASSWORD);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
