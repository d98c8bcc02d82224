package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.JOIN_URL;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.call.CallFixtures.TWIML;
import static dev.callbridge.call.CallFixtures.ULTRAVOX_CREATE;
import static dev.callbridge.call.CallFixtures.json;
import static dev.callbridge.call.CallFixtures.ultravoxCall;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.store.LocalPostgres;
import dev.callbridge.store.PostgresTestResource;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With the postgres store: an on-answer call's connect webhook sent several times at once makes
 * one agent call, recorded once, and every request gets its stream; one that reaches a replica
 * which did not make the agent call (nothing in its memory) finds it in the ledger.
 */
@QuarkusTest
@TestProfile(ConnectPostgresTest.Profile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class ConnectPostgresTest {

    /**
     * {@link ConnectProfile} on the project's own PostgreSQL, with a connect budget that a cold
     * instance on a busy machine meets (this test is about claims, not budgets).
     */
    public static class Profile extends ConnectProfile implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            java.util.Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("%test.callbridge.calls.connect-budget", "5s");
            return overrides;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresTestResource.class));
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    JoinUrls joinUrls;

    @ConfigProperty(name = "callbridge.store.db.url")
    String databaseUrl;

    @Test
    void webhooksAtOnceMakeOneAgentCallAndAnotherReplicaFindsIt() throws Exception {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE))
                .willReturn(json(201, ultravoxCall(CALL_ID, JOIN_URL)).withFixedDelay(200)));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(200, ultravoxCall(CALL_ID,
                JOIN_URL))));
        String placementId = api().body("{\"to\": \"+14155550123\", \"connectMode\": \"on-answer\"}")
                .post("/api/v1/agents/{agentId}/calls", AGENT_ID).then().statusCode(201).extract().path("placementId");

        List<CompletableFuture<String>> answers = IntStream.range(0, 5).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> ConnectModesTest.answered(placementId, SID).asString())).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.join()).isEqualTo(TWIML));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        assertThat(count("SELECT count(*) FROM call_placements WHERE placement_id = '" + placementId
                + "' AND connect_mode = 'on-answer' AND call_id = '" + CALL_ID + "' AND agent_claimed_at IS NOT NULL"
                + " AND agent_request LIKE '%callbridge.placementId%'")).isEqualTo(1);

        joinUrls.forget(placementId);
        assertThat(ConnectModesTest.answered(placementId, SID).asString()).isEqualTo(TWIML);
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:" + databaseUrl, LocalPostgres.USER,
                LocalPostgres.PASSWORD); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
