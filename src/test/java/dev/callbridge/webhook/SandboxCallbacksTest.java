package dev.callbridge.webhook;

import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.callbridge.sandbox.MagicNumbers;
import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the sandbox on and no public URL set, the sandbox's signed status callbacks come back to
 * the service's own address and fill the call's timeline.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxCallbacksTest {

    private static final String TO = "+14155552671";

    private String agentId;

    @BeforeEach
    void createAgent() {
        agentId = api().body("""
                {"name": "callbacks_%s", "callTemplate": {"systemPrompt": "Say hello.", "joinTimeout": "600s"}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
    }

    @AfterEach
    void deleteAgent() {
        api().delete("/api/v1/agents/" + agentId).then().statusCode(204);
    }

    /** The timeline's Twilio callbacks. */
    private static final String TWILIO_STEPS = "timeline.findAll { it.source == 'twilio' }";

    private String place(String to) {
        return api().body("{\"to\": \"" + to + "\"}").post("/api/v1/agents/" + agentId + "/calls")
                .then().statusCode(201).extract().path("callId");
    }

    private JsonPath call(String callId) {
        return api().get("/api/v1/calls/" + callId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCallsTimelineFillsFromInitiatedToCompleted() {
        try (LogCapture logs = LogCapture.install()) {
            String callId = place(TO);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    api().get("/api/v1/calls/" + callId).then().body("placement.twilioStatus", equalTo("completed"))
                            .body(TWILIO_STEPS + ".size()", equalTo(4)));
            JsonPath call = call(callId);

            assertThat(call.getList(TWILIO_STEPS + ".event"))
                    .containsExactly("initiated", "ringing", "in-progress", "completed");
            assertThat(call.getList(TWILIO_STEPS + ".sequenceNumber", Integer.class)).containsExactly(0, 1, 2, 3);
            assertThat(call.getList(TWILIO_STEPS + ".at")).doesNotContainNull();
            assertThat(call.getInt(TWILIO_STEPS + "[3].durationSeconds")).isPositive();
            // Callbridge's own steps come first, in order, before Twilio's first callback.
            assertThat(call.getList("timeline.event").subList(0, 5))
                    .containsExactly("accepted", "ultravox_created", "dialing", "dialed", "initiated");
            assertThat(logs.lines()).noneMatch(line -> line.contains("4155552671"));
        }
    }

    @Test
    void anUnansweredCallEndsItsTimelineWithTwiliosFinalStatus() {
        String callId = place(MagicNumbers.BUSY);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                api().get("/api/v1/calls/" + callId).then().body("placement.twilioStatus", equalTo("busy")));
        List<String> statuses = call(callId).getList(TWILIO_STEPS + ".event");

        assertThat(statuses).last().isEqualTo("busy");
        assertThat(statuses).doesNotContain("in-progress", "completed");
        // Nobody answered: the agent call is released at once, which ends the call.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> api().get("/api/v1/calls/" + callId).then()
                .body("endedAt", org.hamcrest.Matchers.notNullValue()));
        JsonPath ended = call(callId);
        assertThat(ended.getString("ultravox.endReason")).isEqualTo("unjoined");
        assertThat(ended.getList("timeline.event")).last().isEqualTo("ended");
        io.restassured.RestAssured.given().header("X-API-Key", dev.callbridge.sandbox.SandboxCredentials.ULTRAVOX_API_KEY)
                .get("/sandbox/ultravox/api/calls/" + callId).then().statusCode(404);
    }
}
