package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.CALL_PATH;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.call.CallFixtures.json;
import static dev.callbridge.call.CallFixtures.twilioCall;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.store.LocalPostgres;
import dev.callbridge.store.PostgresStoreProfile;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** With {@code CALLBRIDGE_STORE=postgres}, placement, its idempotent retry and GET go through PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresStoreProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class PostgresStoresTest {

    @InjectWireMock
    WireMockServer wireMock;

    @ConfigProperty(name = "callbridge.store.db.url")
    String databaseUrl;

    @Test
    void aPlacementIsRecordedInPostgresReplayedOnRetryAndReadable() throws SQLException {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        String key = UUID.randomUUID().toString();
        String body = "{\"to\": \"+14155550123\"}";

        api().header("Idempotency-Key", key).body(body).post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(201).body("callId", equalTo(CALL_ID));
        api().header("Idempotency-Key", key).body(body).post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("callId", equalTo(CALL_ID));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));

        assertThat(count("SELECT count(*) FROM call_placements WHERE call_id = '" + CALL_ID
                + "' AND twilio_call_sid = '" + SID + "' AND state = 'dialed' AND dialing_at IS NOT NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE state = 'finished' AND status = 201"))
                .isEqualTo(1);

        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "in-progress", null))));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(200,
                "{\"callId\": \"" + CALL_ID + "\", \"created\": \"2025-06-01T12:00:00Z\"}")));
        api().when().get("/api/v1/calls/{callId}", CALL_ID).then().statusCode(200)
                .body("twilioCallSid", equalTo(SID)).body("to", equalTo("+14155550123"))
                .body("placement.state", equalTo("dialed"));
        api().when().get("/api/v1/calls?agentId={agentId}&status=dialed&pageSize=1", AGENT_ID).then().statusCode(200)
                .body("results[0].callId", equalTo(CALL_ID)).body("results[0].twilioCallSid", equalTo(SID));
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:" + databaseUrl, LocalPostgres.USER,
                LocalPostgres.PASSWORD); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
