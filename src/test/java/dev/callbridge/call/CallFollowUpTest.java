package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.CALL_PATH;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.call.CallFixtures.json;
import static dev.callbridge.call.CallFixtures.twilioCall;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The polling fallback: a dialled call whose end no webhook reported is fetched from both
 * vendors once it is overdue, and settled from what they answer; a call still going on is
 * looked at again later. Once ended, the call is answered from the ledger alone.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallFollowUpTest {

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CallLedger ledger;

    @Inject
    CallFollowUp followUp;

    private String placementId;

    @BeforeEach
    void placeOverdueCall() {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        api().body("{\"to\": \"+14155550123\", \"maxDuration\": 600}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID).then().statusCode(201);
        CallPlacement placed = ledger.find(CALL_ID).await().atMost(Duration.ofSeconds(5)).orElseThrow();
        placementId = placed.placementId();
        // Due at the dial + join timeout (90 s by default) + maxDuration + the margin (5 min).
        assertThat(Duration.between(placed.steps().get(CallPlacement.State.DIALED), placed.followUpAt()))
                .isEqualTo(Duration.ofSeconds(90 + 600).plusMinutes(5));
        ledger.postponeFollowUp(placementId, Instant.now().minusSeconds(1)).await().atMost(Duration.ofSeconds(5));
        wireMock.resetAll();
    }

    @Test
    void anOverdueCallIsSettledFromBothVendorsAndThenServedFromTheLedger() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "completed", "47"))));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(200, """
                {"callId": "%s", "created": "2025-06-01T12:00:00Z", "joined": "2025-06-01T12:00:09Z",
                 "ended": "2025-06-01T12:01:00Z", "endReason": "hangup", "shortSummary": "Booked a table",
                 "summary": "The caller booked a table for two."}
                """.formatted(CALL_ID))));

        assertThat(followUp.pass().await().atMost(Duration.ofSeconds(10))).isEqualTo(1);
        wireMock.resetAll();

        JsonPath call = api().get("/api/v1/calls/{id}", placementId).then().statusCode(200).extract().jsonPath();
        assertThat(call.getString("endedAt")).isNotNull();
        assertThat(call.getString("status")).isEqualTo("completed");
        assertThat(call.getInt("twilio.durationSeconds")).isEqualTo(47);
        assertThat(call.getString("ultravox.joined")).isEqualTo("2025-06-01T12:00:09Z");
        assertThat(call.getString("ultravox.endReason")).isEqualTo("hangup");
        assertThat(call.getString("ultravox.summary")).isEqualTo("The caller booked a table for two.");
        assertThat(call.getList("timeline.event")).contains("dialed", "joined", "completed", "ended");
        assertThat(call.getList("timeline.event")).last().isEqualTo("ended");
        // Final: no vendor is asked any more.
        wireMock.verify(0, anyRequestedFor(anyUrl()));
        assertThat(followUp.pass().await().atMost(Duration.ofSeconds(10))).isZero();
        // Its final event was announced with its end: nothing is left for the lost-announcement sweep.
        assertThat(ledger.claimUnannounced(Instant.now().plus(Duration.ofMinutes(5)), Duration.ofSeconds(1), 100)
                .await().atMost(Duration.ofSeconds(5))).extracting(CallPlacement::placementId)
                .doesNotContain(placementId);
    }

    @Test
    void aCallStillGoingOnIsLookedAtAgainLater() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "in-progress", null))));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(200, """
                {"callId": "%s", "created": "2025-06-01T12:00:00Z", "joined": "2025-06-01T12:00:09Z"}
                """.formatted(CALL_ID))));

        assertThat(followUp.pass().await().atMost(Duration.ofSeconds(10))).isZero();

        CallPlacement after = ledger.find(placementId).await().atMost(Duration.ofSeconds(5)).orElseThrow();
        assertThat(after.ended()).isFalse();
        assertThat(after.conversation().joined()).isNull();
        assertThat(after.followUpAt()).isAfter(Instant.now().plus(Duration.ofMinutes(9)));
        api().get("/api/v1/calls/{id}", placementId).then().statusCode(200).body("status", equalTo("in-progress"));
    }

    @Test
    void aVendorThatCannotBeAskedPostponesTheFollowUp() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "completed", "12"))));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(503, "{\"detail\": \"down\"}")));

        assertThat(followUp.pass().await().atMost(Duration.ofSeconds(30))).isZero();

        CallPlacement after = ledger.find(placementId).await().atMost(Duration.ofSeconds(5)).orElseThrow();
        assertThat(after.ended()).isFalse();
        assertThat(after.followUpAt()).isAfter(Instant.now().plus(Duration.ofMinutes(9)));
    }
}
