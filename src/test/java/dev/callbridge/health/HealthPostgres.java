package dev.callbridge.health;

import dev.callbridge.store.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A {@link LocalPostgres} of its own for the database readiness tests, which take it away from
 * the application: handed to the test's {@code LocalPostgres} field, so the test can refuse
 * connections or stop the server. The password is a marker the tests look for in every answer
 * (the server trusts local connections, so any password is accepted).
 */
public class HealthPostgres implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "callbridge_health";
    static final String PASSWORD = "db-password-never-shown-4711";

    private LocalPostgres server;

    @Override
    public Map<String, String> start() {
        server = LocalPostgres.start();
        server.createDatabase(DATABASE);
        return Map.of(
                "callbridge.store.kind", "postgres",
                "callbridge.store.db.url", server.url(DATABASE),
                "callbridge.store.db.user", LocalPostgres.USER,
                "callbridge.store.db.password", PASSWORD);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.MatchesType(LocalPostgres.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
