package dev.callbridge.inbound;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_ACCOUNT;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.sandbox.MagicNumbers;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls with zero accounts: the sandbox's Twilio rings a routed number, sends Callbridge
 * the signed voice webhook, plays the TwiML it gets and joins the agent call behind its stream;
 * the call is in the ledger with its timeline, and its events reach the route owner's subscription.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class InboundSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCOMING = TWILIO_ACCOUNT + "/IncomingCalls.json";
    private static final String CALLER = "+14155550123";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private String agentId;
    private String number;
    private CallbackReceiver receiver;
    private String subscriptionId;

    @BeforeEach
    void routeAndSubscribe() throws Exception {
        agentId = api().body("""
                {"name": "reception_%s", "callTemplate": {"systemPrompt": "Greet {{caller.number}} from {{caller.city}}."}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
        number = InboundFixtures.newNumber();
        api().body("{\"agentId\": \"" + agentId + "\", \"greeting\": \"Thanks for calling.\"}")
                .put("/api/v1/numbers/{number}", number).then().statusCode(201);
        receiver = CallbackReceiver.start();
        subscriptionId = api().body("""
                {"url": "%s/events", "events": ["call.placed", "call.ringing", "call.answered", "call.joined",
                 "call.ended", "call.failed"]}
                """.formatted(receiver.baseUrl())).post("/api/v1/webhooks").then().statusCode(201)
                .extract().path("id");
    }

    @AfterEach
    void cleanUp() {
        api().delete("/api/v1/webhooks/" + subscriptionId).then().statusCode(204);
        api().delete("/api/v1/numbers/{number}", number).then().statusCode(204);
        api().delete("/api/v1/agents/" + agentId).then().statusCode(204);
        receiver.close();
    }

    private String ring(String from, String to) {
        return twilio().formParam("From", from).formParam("To", to).formParam("FromCity", "OAKLAND")
                .when().post(INCOMING).then().statusCode(201).extract().path("sid");
    }

    private JsonPath heard(String sid) {
        return twilio().when().get(TWILIO_ACCOUNT + "/IncomingCalls/" + sid + ".json").then().statusCode(200)
                .extract().jsonPath();
    }

    private List<JsonNode> events(String sid) {
        return receiver.received().stream().map(request -> {
            try {
                return JSON.readTree(request.body());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).filter(event -> sid.equals(event.path("data").path("twilioCallSid").asText())).toList();
    }

    private List<String> typesOnceEnded(String sid) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> events(sid).stream()
                .anyMatch(event -> event.path("type").asText().equals("call.ended")));
        return events(sid).stream().map(event -> event.path("type").asText()).toList();
    }

    @Test
    void aCallToARoutedNumberIsAnsweredByItsAgentAndFollowedLikeAnyCall() {
        try (LogCapture logs = LogCapture.install()) {
            String sid = ring(CALLER, number);

            assertThat(typesOnceEnded(sid)).containsExactly("call.answered", "call.joined", "call.ended");
            JsonNode ended = events(sid).get(2);
            assertThat(ended.at("/data/placement/direction").asText()).isEqualTo("inbound");
            assertThat(ended.at("/data/to").asText()).isEqualTo(number);
            assertThat(ended.at("/data/from").asText()).isEqualTo(CALLER);
            assertThat(ended.at("/data/status").asText()).isEqualTo("completed");
            assertThat(ended.toString()).doesNotContain("joinUrl").doesNotContain("wss://");

            JsonPath heard = heard(sid);
            assertThat(heard.getBoolean("heard.stream")).isTrue();
            assertThat(heard.getString("heard.agentCallId")).isEqualTo(ended.at("/data/callId").asText());

            JsonPath call = api().get("/api/v1/calls/" + sid).then().statusCode(200).extract().jsonPath();
            assertThat(call.getString("endedAt")).isNotNull();
            assertThat(call.getString("placement.direction")).isEqualTo("inbound");
            // Twilio's completed and Ultravox's end may be received in either order; the call's own
            // steps are ordered.
            assertThat(call.getList("timeline.event")).containsSubsequence("accepted", "ultravox_created", "dialed",
                    "joined", "ended").contains("completed");
            assertThat(logs.lines()).noneMatch(line -> line.contains("4155550123") || line.contains(number.substring(1)));
        }
    }

    @Test
    void aCallToANumberWithoutARouteHearsTheFallbackAndLeavesNoLedgerEntry() {
        String unrouted = InboundFixtures.newNumber();

        String sid = ring(CALLER, unrouted);

        await().atMost(WAIT).until(() -> "completed".equals(heard(sid).getString("status")));
        assertThat(heard(sid).getString("heard.say")).startsWith("Sorry");
        assertThat(heard(sid).getBoolean("heard.stream")).isFalse();
        api().get("/api/v1/calls/" + sid).then().statusCode(404);
    }

    @Test
    void anInboundCallIsHungUpThroughTheApi() {
        String sid = ring(MagicNumbers.TALKS_UNTIL_HUNG_UP, number);
        await().atMost(WAIT).until(() -> events(sid).stream()
                .anyMatch(event -> event.path("type").asText().equals("call.joined")));

        api().delete("/api/v1/calls/" + sid).then().statusCode(204);

        assertThat(typesOnceEnded(sid)).containsExactly("call.answered", "call.joined", "call.ended");
        assertThat(heard(sid).getString("status")).isEqualTo("completed");
    }
}
