package dev.callbridge.webhook;

import static dev.callbridge.sandbox.SandboxVendors.ULTRAVOX;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callbridge.call.CallLedger;
import dev.callbridge.call.CallPlacement;
import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.WireMockVendors;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the sandbox on, the simulated Ultravox account has a webhook pointing at Callbridge's own
 * {@code /webhooks/ultravox}, signed with the first configured secret, so its calls' conversations
 * reach the ledger with no account.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxUltravoxWebhooksTest {

    @Inject
    MeterRegistry registry;

    @Inject
    CallLedger ledger;

    private String agentId;

    @BeforeEach
    void createAgent() {
        agentId = api().body("""
                {"name": "uvx_%s", "callTemplate": {"systemPrompt": "Say hello."}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
    }

    @AfterEach
    void deleteAgent() {
        api().delete("/api/v1/agents/" + agentId).then().statusCode(204);
    }

    private double count(String outcome) {
        return registry.counter(CallbackMetrics.NAME, "vendor", "ultravox", "outcome", outcome).count();
    }

    @Test
    void theSimulatedAccountHasAWebhookToCallbridgeSignedWithTheFirstSecret() {
        List<Map<String, Object>> ours = ultravox().get(ULTRAVOX + "/webhooks").then().statusCode(200).extract()
                .jsonPath().<Map<String, Object>>getList("results").stream()
                .filter(hook -> hook.get("url").equals("http://localhost:" + RestAssured.port + "/webhooks/ultravox"))
                .toList();

        assertThat(ours).singleElement().satisfies(hook -> {
            assertThat(hook.get("agentId")).isNull();
            assertThat(hook.get("events")).isEqualTo(List.of("call.started", "call.joined", "call.ended", "call.billed"));
            assertThat(hook.get("secrets")).isEqualTo(List.of(UltravoxWebhookTest.SECRET));
        });
    }

    @Test
    void aPlacedCallsConversationReachesTheLedgerThroughTheWebhook() {
        double recorded = count("recorded");
        double ignored = count("ignored");
        double rejected = count("rejected_signature") + count("rejected_timestamp");

        String callId = api().body("{\"to\": \"+14155552671\"}").post("/api/v1/agents/" + agentId + "/calls")
                .then().statusCode(201).extract().path("callId");

        // The sandbox's call talks for 6 simulated seconds: well under a second at the test speed.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> placement(callId).conversation().ended() != null);
        CallPlacement.Conversation conversation = placement(callId).conversation();
        assertThat(conversation.joined()).isNotNull();
        assertThat(conversation.ended()).isAfter(conversation.joined());
        assertThat(conversation.endReason()).isEqualTo("hangup");
        assertThat(conversation.summary()).contains("talked with the agent");
        // call.joined and call.ended recorded; call.started counted; call.billed repeats the end.
        await().atMost(Duration.ofSeconds(5)).until(() -> count("recorded") >= recorded + 2
                && count("ignored") >= ignored + 1 && count("duplicate") > 0);
        assertThat(count("rejected_signature") + count("rejected_timestamp")).isEqualTo(rejected);
        JsonPath call = api().get("/api/v1/calls/" + callId).then().statusCode(200).extract().jsonPath();
        assertThat(call.getString("ultravox.endReason")).isEqualTo("hangup");
        assertThat(call.getList("timeline.findAll { it.source == 'ultravox' }.event")).contains("joined", "ended");
    }

    private CallPlacement placement(String callId) {
        return ledger.find(callId).await().atMost(Duration.ofSeconds(5)).orElseThrow();
    }
}
