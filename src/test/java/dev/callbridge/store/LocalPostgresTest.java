package dev.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void startsAServerOnLoopbackThatAcceptsConnectionsAndStopsIt() throws SQLException {
        String url;
        try (LocalPostgres server = LocalPostgres.start()) {
            url = server.jdbcUrl(server.createDatabase("probe"));
            try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SHOW server_version_num")) {
                result.next();
                assertThat(result.getInt(1)).isGreaterThanOrEqualTo(140000);
            }
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD).close())
                .isInstanceOf(SQLException.class);
    }
}
