package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.callbridge.store.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    private static PostgresServer server;
    private static String url;

    @BeforeAll
    static void start() throws SQLException {
        server = PostgresServer.start(true);
        url = "jdbc:" + server.newDatabase("counted").get("CALLBRIDGE_DB_URL");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    @Test
    void countsEveryStatementRunInTheDatabaseAndNothingFromOthers() throws Exception {
        try (Connection c = connect(); Statement plain = c.createStatement();
                PreparedStatement prepared = c.prepareStatement("SELECT ?::int + 1");
                Connection other = DriverManager.getConnection(url.replace("/counted", "/postgres"),
                        LocalPostgres.USER, LocalPostgres.PASSWORD); Statement elsewhere = other.createStatement()) {
            DatabaseCounters before = server.counters("counted");
            for (int i = 0; i < 15; i++) {
                plain.execute("SELECT 1");
                elsewhere.execute("SELECT 1");
            }
            for (int i = 0; i < 10; i++) {
                prepared.setInt(1, i);
                prepared.executeQuery().close();
            }

            Map<String, Object> m = server.counters("counted").perPlacementSince(before, 5);

            assertThat(m).containsEntry("statements", 25L).containsEntry("statementsPerPlacement", 5.0);
            assertThat(m.get("topStatements")).asList().extracting("statement", "calls")
                    .containsExactly(tuple("SELECT $1", 15L), tuple("SELECT $1::int + $2", 10L));
        }
    }

    @Test
    void theProcessTreeOfThePostmasterHoldsTheCpuOfItsBackends() throws SQLException {
        long postmaster = server.postmasterPid();
        double tree0 = ProcessTree.cpuSeconds(Path.of("/proc"), postmaster);
        double own0 = ProcessStats.cpuSeconds(postmaster);
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM generate_series(1, 4000000)")) {
            r.next();
        }

        assertThat(ProcessTree.cpuSeconds(Path.of("/proc"), postmaster) - tree0).isGreaterThanOrEqualTo(0.1);
        assertThat(ProcessStats.cpuSeconds(postmaster) - own0).isLessThan(0.05);
    }

    @Test
    void runsWithDurableCommits() {
        Map<String, Object> described = server.describe(true);

        assertThat(described.get("version").toString()).startsWith("14.");
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("shared_preload_libraries")).isEqualTo("pg_stat_statements");
    }

    private static String setting(String name) {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW " + name)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
