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
                            .body("timeline.size()", equalTo(4)));
            JsonPath call = call(callId);

            assertThat(call.getList("timeline.status"))
                    .containsExactly("initiated", "ringing", "in-progress", "completed");
            assertThat(call.getList("timeline.sequenceNumber", Integer.class)).containsExactly(0, 1, 2, 3);
            assertThat(call.getList("timeline.at")).doesNotContainNull();
            assertThat(call.getInt("timeline[3].durationSeconds")).isPositive();
            assertThat(logs.lines()).noneMatch(line -> line.contains("4155552671"));
        }
    }

    @Test
    void anUnansweredCallEndsItsTimelineWithTwiliosFinalStatus() {
        String callId = place(MagicNumbers.BUSY);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                api().get("/api/v1/calls/" + callId).then().body("placement.twilioStatus", equalTo("busy")));
        List<String> statuses = call(callId).getList("timeline.status");

        assertThat(statuses).last().isEqualTo("busy");
        assertThat(statuses).doesNotContain("in-progress", "completed");
    }
}
