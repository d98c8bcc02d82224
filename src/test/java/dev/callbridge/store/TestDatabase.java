package dev.callbridge.store;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * A fresh database with Callbridge's migrations applied, on one {@link LocalPostgres} shared by
 * every plain JUnit test of this JVM (started on first use, stopped when the JVM ends), and a
 * reactive pool on it like the one Quarkus gives the stores.
 */
public final class TestDatabase implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static LocalPostgres server;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Pool pool;

    private TestDatabase(Vertx vertx, PgConnectOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.pool = openPool();
    }

    /** A new database, migrated with {@code src/main/resources/db/migration}. */
    public static TestDatabase create() {
        LocalPostgres postgres = server();
        String name = postgres.createDatabase("store_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet());
        Flyway.configure().dataSource(postgres.jdbcUrl(name), LocalPostgres.USER, LocalPostgres.PASSWORD).load()
                .migrate();
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri(postgres.url(name)).setUser(LocalPostgres.USER)
                .setPassword(LocalPostgres.PASSWORD);
        return new TestDatabase(vertx, options);
    }

    /**
     * Another pool on the same database, as a second replica would have; the caller closes it.
     */
    public Pool openPool() {
        return Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(options)
                .using(vertx.getDelegate()).build());
    }

    private static synchronized LocalPostgres server() {
        if (server == null) {
            server = LocalPostgres.start();
        }
        return server;
    }

    public Pool pool() {
        return pool;
    }

    /** Empties a table between tests. */
    public void truncate(String table) {
        pool.query("TRUNCATE " + table).execute().await().indefinitely();
    }

    @Override
    public void close() {
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }
}
