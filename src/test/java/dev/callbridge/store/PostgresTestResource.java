package dev.callbridge.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link LocalPostgres} for a {@code @QuarkusTest} and points Callbridge's postgres
 * store at it through the same settings a deployment uses ({@code callbridge.store.kind},
 * {@code callbridge.store.db.*}); stops it when the tests of that profile are done. A test that
 * takes the server away from the application gets it injected into a {@code LocalPostgres}
 * field. Init arguments: {@value #DATABASE} (a database to create and use instead of
 * {@code postgres}) and {@value #PASSWORD} (the password configured; the server trusts local
 * connections, so any is accepted, and a test can look for it in what the service answers).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: the database to create and use. */
    public static final String DATABASE = "database";
    /** Init argument: the password to configure. */
    public static final String PASSWORD = "password";

    private LocalPostgres server;
    private String database = "postgres";
    private String password = LocalPostgres.PASSWORD;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE, database);
        password = initArgs.getOrDefault(PASSWORD, password);
    }

    @Override
    public Map<String, String> start() {
        server = LocalPostgres.start();
        if (!database.equals("postgres")) {
            server.createDatabase(database);
        }
        return Map.of(
                "callbridge.store.kind", "postgres",
                "callbridge.store.db.url", server.url(database),
                "callbridge.store.db.user", LocalPostgres.USER,
                "callbridge.store.db.password", password);
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
