package dev.callbridge.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.inbound.InboundFixtures.CALLER;
import static dev.callbridge.inbound.InboundFixtures.ULTRAVOX_CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.call.InboundConnector;
import dev.callbridge.store.LocalPostgres;
import dev.callbridge.store.PostgresTestResource;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With the postgres store: the route is read from PostgreSQL, and Twilio's webhook sent several
 * times at once for one call makes one agent call, one ledger row, and the same stream for all.
 */
@QuarkusTest
@TestProfile(InboundPostgresTest.Profile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class InboundPostgresTest {

    /** {@link InboundProfile} on the project's own PostgreSQL. */
    public static class Profile extends InboundProfile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresTestResource.class));
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @ConfigProperty(name = "callbridge.store.db.url")
    String databaseUrl;

    @Test
    void fiveWebhooksAtOnceForOneCallMakeOneAgentCallAndOneRecord() throws Exception {
        wireMock.resetAll();
        String number = InboundFixtures.newNumber();
        String sid = InboundFixtures.newSid();
        String callId = UUID.randomUUID().toString();
        String joinUrl = "wss://voice.example/calls/" + callId + "/twilio";
        InboundFixtures.route(wireMock, number);
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(InboundFixtures.ultravoxCall(callId, joinUrl))
                .withFixedDelay(200)));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + callId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(InboundFixtures.ultravoxCall(callId, joinUrl))));
        Map<String, String> webhook = InboundFixtures.voiceWebhook(sid, CALLER, number);

        List<CompletableFuture<String>> answers = IntStream.range(0, 5).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> InboundFixtures.postSigned(InboundProfile.PUBLIC_BASE_URL, webhook).then().statusCode(200)
                        .extract().asString())).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.join()).contains("<Stream url=\"" + joinUrl + "\""));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        assertThat(count("SELECT count(*) FROM call_placements WHERE twilio_call_sid = '" + sid
                + "' AND direction = 'inbound' AND state = 'dialed' AND call_id = '" + callId + "' AND placement_id = '"
                + InboundConnector.placementId(sid) + "'")).isEqualTo(1);
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:" + databaseUrl, LocalPostgres.USER,
                LocalPostgres.PASSWORD); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
