package dev.callbridge.bench;

import dev.callbridge.store.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL of the {@code postgres} variant: a fresh cluster from {@link LocalPostgres},
 * with {@code pg_stat_statements} loaded so that every statement Callbridge runs is counted, and
 * by default PostgreSQL's own durable settings instead of the test cluster's (each commit waits
 * for its WAL record to reach the disk, as it would in production). Knows the postmaster's pid,
 * whose process tree is the database's CPU use.
 */
final class PostgresServer implements AutoCloseable {

    /** What the counters count, for the report. */
    static final String MEASURE = "pg_stat_statements: calls and execution time of every statement run in the "
            + "benchmark database, Callbridge's background work included (not pg_stat_database's transaction "
            + "counts: PostgreSQL 14 holds back up to 0.5 s of them per idle connection, too much for a phase)";

    private static final List<String> DURABLE = List.of("fsync = on", "synchronous_commit = on",
            "full_page_writes = on", "shared_buffers = 128MB");
    private static final String STATEMENTS = """
            SELECT s.query, sum(s.calls), sum(s.total_exec_time)
              FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
             WHERE d.datname = ?
             GROUP BY s.query""";

    private final LocalPostgres server;
    private final Connection admin;
    private final long postmasterPid;

    private PostgresServer(LocalPostgres server, Connection admin, long postmasterPid) {
        this.server = server;
        this.admin = admin;
        this.postmasterPid = postmasterPid;
    }

    /** Starts a fresh cluster; {@code durable} false keeps the test cluster's unsynchronised commits. */
    static PostgresServer start(boolean durable) throws SQLException {
        List<String> settings = new ArrayList<>(List.of("shared_preload_libraries = 'pg_stat_statements'"));
        if (durable) {
            settings.addAll(DURABLE);
        }
        LocalPostgres server = LocalPostgres.start(settings);
        try {
            Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), LocalPostgres.USER,
                    LocalPostgres.PASSWORD);
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            return new PostgresServer(server, admin, postmasterOf(admin));
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The admin connection's backend is a child of the postmaster. */
    private static long postmasterOf(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            long backend = r.getLong(1);
            return ProcStat.read(Path.of("/proc"), backend).orElseThrow(
                    () -> new IllegalStateException("No /proc entry for PostgreSQL backend " + backend)).parentPid();
        }
    }

    /** Creates an empty database and answers the settings that point Callbridge at it. */
    Map<String, String> newDatabase(String name) {
        server.createDatabase(name);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CALLBRIDGE_DB_URL", server.url(name));
        env.put("CALLBRIDGE_DB_USER", LocalPostgres.USER);
        env.put("CALLBRIDGE_DB_PASSWORD", LocalPostgres.PASSWORD);
        return env;
    }

    /** The server's version and settings, for the report. */
    Map<String, Object> describe(boolean durable) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", setting("server_version"));
        m.put("commits", durable ? "durable (fsync, synchronous_commit and full_page_writes on: PostgreSQL's defaults)"
                : "unsynchronised (fsync and synchronous_commit off, as the test cluster has them)");
        m.put("sharedBuffers", setting("shared_buffers"));
        m.put("maxConnections", setting("max_connections"));
        m.put("queriesMeasuredBy", MEASURE);
        return m;
    }

    private String setting(String name) {
        try (Statement s = admin.createStatement(); ResultSet r = s.executeQuery("SHOW " + name)) {
            return r.next() ? r.getString(1) : "";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    long postmasterPid() {
        return postmasterPid;
    }

    /** The statement counters of {@code database} now. */
    DatabaseCounters counters(String database) throws SQLException {
        Map<String, DatabaseCounters.Statement> byQuery = new LinkedHashMap<>();
        try (PreparedStatement s = admin.prepareStatement(STATEMENTS)) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byQuery.put(r.getString(1), new DatabaseCounters.Statement(r.getLong(2), r.getDouble(3)));
                }
            }
        }
        return new DatabaseCounters(byQuery);
    }

    @Override
    public void close() {
        try {
            admin.close();
        } catch (SQLException e) {
            System.err.println("Closing the admin connection: " + e.getMessage());
        }
        server.close();
    }
}
