package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.CALL_PATH;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.call.CallFixtures.json;
import static dev.callbridge.call.CallFixtures.twilioCall;
import static dev.callbridge.testing.Api.api;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reading and hanging up calls placed earlier. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallLifecycleTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void placeCall() {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        api().body("{\"to\": \"+14155550123\"}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(201);
        wireMock.resetAll();
    }

    @Test
    void combinesBothProvidersWithoutTheJoinUrl() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "completed", "47"))));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(200, """
                {"callId": "%s", "joinUrl": "wss://voice.example/secret", "created": "2025-06-01T12:00:00Z",
                 "joined": "2025-06-01T12:00:09Z", "ended": "2025-06-01T12:01:00Z", "endReason": "hangup",
                 "shortSummary": "Booked a table", "summary": "The caller booked a table for two."}
                """.formatted(CALL_ID))));

        api().when().get("/api/v1/calls/{callId}", CALL_ID)
                .then().statusCode(200)
                .body("callId", org.hamcrest.Matchers.equalTo(CALL_ID))
                .body("twilioCallSid", org.hamcrest.Matchers.equalTo(SID))
                .body("agentId", org.hamcrest.Matchers.equalTo(AGENT_ID))
                .body("to", org.hamcrest.Matchers.equalTo("+14155550123"))
                .body("status", org.hamcrest.Matchers.equalTo("completed"))
                .body("twilio.durationSeconds", org.hamcrest.Matchers.equalTo(47))
                .body("twilio.startTime", org.hamcrest.Matchers.equalTo("2025-06-01T12:00:10Z"))
                .body("ultravox.joined", org.hamcrest.Matchers.equalTo("2025-06-01T12:00:09Z"))
                .body("ultravox.endReason", org.hamcrest.Matchers.equalTo("hangup"))
                .body("ultravox.shortSummary", org.hamcrest.Matchers.equalTo("Booked a table"))
                .body("ultravox.summary", org.hamcrest.Matchers.equalTo("The caller booked a table for two."))
                .body("$", not(hasKey("joinUrl")))
                .body("ultravox", not(hasKey("joinUrl")));
    }

    @Test
    void unknownCallIs404WithoutUpstreamRequests() {
        api().when().get("/api/v1/calls/{callId}", "11111111-2222-4333-8444-555555555555")
                .then().statusCode(404).contentType("application/problem+json");
        api().when().delete("/api/v1/calls/{callId}", "11111111-2222-4333-8444-555555555555")
                .then().statusCode(404).contentType("application/problem+json");

        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void callUnknownToTwilioIs404() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(404,
                "{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}")));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(200,
                CallFixtures.ultravoxCall(CALL_ID, "wss://x/y"))));

        api().when().get("/api/v1/calls/{callId}", CALL_ID).then().statusCode(404);
    }

    @Test
    void hangingUpAnAnsweredCallCompletesIt() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "in-progress", null))));
        wireMock.stubFor(post(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "completed", "12"))));

        api().when().delete("/api/v1/calls/{callId}", CALL_ID).then().statusCode(204);

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALL_PATH)).withFormParam("Status", equalTo("completed")));
    }

    @Test
    void hangingUpARingingCallCancelsIt() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "ringing", null))));
        wireMock.stubFor(post(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "canceled", null))));

        api().when().delete("/api/v1/calls/{callId}", CALL_ID).then().statusCode(204);

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALL_PATH)).withFormParam("Status", equalTo("canceled")));
    }

    @Test
    void aCallAnsweredWhileBeingCanceledIsCompleted() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "ringing", null))));
        wireMock.stubFor(post(urlPathEqualTo(CALL_PATH)).inScenario("answer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, twilioCall(SID, "in-progress", null))).willSetStateTo("answered"));
        wireMock.stubFor(post(urlPathEqualTo(CALL_PATH)).inScenario("answer").whenScenarioStateIs("answered")
                .willReturn(json(200, twilioCall(SID, "completed", "1"))));

        api().when().delete("/api/v1/calls/{callId}", CALL_ID).then().statusCode(204);

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALL_PATH)).withFormParam("Status", equalTo("canceled")));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALL_PATH)).withFormParam("Status", equalTo("completed")));
    }

    @Test
    void hangingUpAnEndedCallIsANoOpAndRepeatable() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "completed", "30"))));

        api().when().delete("/api/v1/calls/{callId}", CALL_ID).then().statusCode(204);
        api().when().delete("/api/v1/calls/{callId}", CALL_ID).then().statusCode(204);

        wireMock.verify(2, getRequestedFor(urlPathEqualTo(CALL_PATH)));
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CALL_PATH)));
    }

    @Test
    void aCallThatEndedBeforeTheUpdateCountsAsHungUp() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).inScenario("ends").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, twilioCall(SID, "in-progress", null))).willSetStateTo("ended"));
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).inScenario("ends").whenScenarioStateIs("ended")
                .willReturn(json(200, twilioCall(SID, "completed", "5"))));
        wireMock.stubFor(post(urlPathEqualTo(CALL_PATH)).willReturn(json(400,
                "{\"code\": 21220, \"message\": \"Call is not in-progress. Cannot redirect.\", \"status\": 400}")));

        api().when().delete("/api/v1/calls/{callId}", CALL_ID).then().statusCode(204);
    }
}
