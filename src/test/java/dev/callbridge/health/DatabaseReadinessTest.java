package dev.callbridge.health;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.store.LocalPostgres;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code CALLBRIDGE_STORE=postgres}, readiness follows the database: UP while it answers,
 * DOWN while it refuses connections or is stopped, UP again once it is back. The last test stops
 * the server for good, so the order is fixed.
 */
@QuarkusTest
@TestProfile(HealthPostgresProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseReadinessTest {

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.of("dev.callbridge.health.DatabaseHealth", "dev.callbridge.store",
            "io.vertx.pgclient", "io.vertx.sqlclient", "io.quarkus.reactive.datasource");

    static final String DATABASE = "checks.find { it.name == 'database' }";

    LocalPostgres postgres;

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    DatabaseHealth database;

    @Inject
    VendorHealth vendors;

    /** Both vendors answer, so readiness as a whole depends on the database alone. */
    @BeforeEach
    void vendorsAreUp() {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/api/agents"))
                .willReturn(okJson("{\"results\": [], \"next\": null, \"previous\": null, \"total\": 0}")));
        wireMock.stubFor(get(urlPathEqualTo(ReadinessTest.ACCOUNT_PATH)).willReturn(okJson(ReadinessTest.ACCOUNT_JSON)));
        vendors.refresh().await().atMost(Duration.ofSeconds(15));
    }

    @Test
    @Order(1)
    void upWithDataOnceTheDatabaseAnswered() {
        refresh();

        String body = ready(200)
                .body(DATABASE + ".status", equalTo("UP"))
                .body(DATABASE + ".data.store", equalTo("postgres"))
                .body(DATABASE + ".data.lastCheck", notNullValue())
                .body(DATABASE + ".data.lastSuccess", notNullValue())
                .body(DATABASE + ".data.detail", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain(HealthPostgresProfile.PASSWORD);
    }

    @Test
    @Order(2)
    void downWhileTheDatabaseRefusesConnectionsThenUpAgain() throws SQLException {
        refresh();
        String lastSuccess = ready(200).extract().path(DATABASE + ".data.lastSuccess");

        refuseConnections();
        try (LogCapture logs = LogCapture.install()) {
            refresh();
            assertThat(logs.text()).contains("WARN dev.callbridge.health.DatabaseHealth Database is not reachable: ");
        }
        String body = ready(503)
                .body(DATABASE + ".status", equalTo("DOWN"))
                .body(DATABASE + ".data.store", equalTo("postgres"))
                .body(DATABASE + ".data.lastSuccess", equalTo(lastSuccess))
                .body(DATABASE + ".data.detail", notNullValue())
                .extract().asString();
        assertThat(body).doesNotContain(HealthPostgresProfile.PASSWORD);

        allowConnections();
        refresh();
        ready(200).body(DATABASE + ".status", equalTo("UP")).body(DATABASE + ".data.detail", nullValue());
    }

    @Test
    @Order(3)
    void probesReadTheCacheWithoutQueryingTheDatabase() throws SQLException {
        refresh();
        String lastCheck = ready(200).extract().path(DATABASE + ".data.lastCheck");

        // Were a probe to query the database, it would now find it refusing connections.
        refuseConnections();
        try {
            for (int i = 0; i < 3; i++) {
                ready(200).body(DATABASE + ".status", equalTo("UP")).body(DATABASE + ".data.lastCheck", equalTo(lastCheck));
            }
        } finally {
            allowConnections();
        }
    }

    @Test
    @Order(4)
    void downOnceTheServerIsStopped() {
        refresh();
        ready(200).body(DATABASE + ".status", equalTo("UP"));

        postgres.close();
        refresh();

        String body = ready(503)
                .body("status", equalTo("DOWN"))
                .body(DATABASE + ".status", equalTo("DOWN"))
                .body(DATABASE + ".data.detail", notNullValue())
                .extract().asString();
        assertThat(body).doesNotContain(HealthPostgresProfile.PASSWORD);
    }

    private void refresh() {
        database.refresh().await().atMost(Duration.ofSeconds(15));
    }

    private static ValidatableResponse ready(int status) {
        return given().get("/q/health/ready").then().statusCode(status);
    }

    /** The database refuses new connections and its open ones are closed, as in an outage. */
    private void refuseConnections() throws SQLException {
        admin("ALTER DATABASE " + HealthPostgresProfile.DATABASE + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + HealthPostgresProfile.DATABASE
                        + "'");
    }

    private void allowConnections() throws SQLException {
        admin("ALTER DATABASE " + HealthPostgresProfile.DATABASE + " ALLOW_CONNECTIONS true");
    }

    private void admin(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER,
                LocalPostgres.PASSWORD); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
