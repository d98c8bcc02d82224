package dev.callbridge.call;

import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.sandbox.MagicNumbers;
import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole event flow with zero accounts: the sandbox's Twilio status callbacks and Ultravox
 * webhooks come back to Callbridge, which records them on the call's timeline and sends the
 * call's events, signed, to the application's subscription, in order, once each.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallEventsSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TO = "+14155552671";

    private String agentId;
    private CallbackReceiver receiver;
    private String subscriptionId;
    private String secret;

    @BeforeEach
    void subscribe() throws Exception {
        agentId = api().body("""
                {"name": "events_%s", "callTemplate": {"systemPrompt": "Say hello."}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
        receiver = CallbackReceiver.start();
        JsonPath subscription = api().body("""
                {"url": "%s/events", "events": ["call.placed", "call.ringing", "call.answered", "call.joined",
                 "call.ended", "call.failed"]}
                """.formatted(receiver.baseUrl())).post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
        subscriptionId = subscription.getString("id");
        secret = subscription.getString("secret");
    }

    @AfterEach
    void unsubscribe() {
        api().delete("/api/v1/webhooks/" + subscriptionId).then().statusCode(204);
        api().delete("/api/v1/agents/" + agentId).then().statusCode(204);
        receiver.close();
    }

    private String place(String body) {
        return api().body(body).post("/api/v1/agents/" + agentId + "/calls").then().statusCode(201)
                .extract().path("callId");
    }

    /** The events received for this call, in arrival order, each checked for its signature first. */
    private List<JsonNode> events(String callId) {
        return receiver.received().stream().map(this::verified)
                .filter(event -> callId.equals(event.path("data").path("callId").asText())).toList();
    }

    private JsonNode verified(CallbackReceiver.Received request) {
        String signature = request.header("Callbridge-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = signature.substring(2, signature.indexOf(','));
        String v1 = signature.substring(signature.indexOf("v1=") + 3);
        assertThat(v1).isEqualTo(hmac(t + "." + request.body()));
        try {
            JsonNode event = JSON.readTree(request.body());
            assertThat(request.header("Callbridge-Event-Id")).isEqualTo(event.path("id").asText());
            return event;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> typesOnceEnded(String callId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                events(callId).stream().anyMatch(event -> event.path("type").asText().equals("call.ended")));
        return events(callId).stream().map(event -> event.path("type").asText()).toList();
    }

    @Test
    void theQuickstartCallSendsEachStepOnceInOrderAndEndsInTheLedger() {
        try (LogCapture logs = LogCapture.install()) {
            String callId = place("{\"to\": \"" + TO + "\"}");

            assertThat(typesOnceEnded(callId))
                    .containsExactly("call.placed", "call.ringing", "call.answered", "call.joined", "call.ended");
            JsonNode ended = events(callId).get(4);
            assertThat(ended.path("data").path("status").asText()).isEqualTo("completed");
            assertThat(ended.path("data").path("to").asText()).isEqualTo(TO);
            assertThat(ended.path("data").path("ultravox").path("endReason").asText()).isNotEmpty();
            assertThat(ended.path("data").path("endedAt").asText()).isNotEmpty();
            assertThat(ended.path("data").toString()).doesNotContain("joinUrl");
            assertThat(events(callId).stream().map(event -> event.path("id").asText()).distinct()).hasSize(5);

            JsonPath call = api().get("/api/v1/calls/" + callId).then().statusCode(200).extract().jsonPath();
            assertThat(call.getString("endedAt")).isNotNull();
            // Callbridge's own steps in order; Twilio's completed and the call's end may be received
            // either way round, and are placed by when (see the inbound timeline tests).
            List<String> timeline = call.getList("timeline.event");
            assertThat(timeline).contains("joined", "completed", "ended");
            assertThat(timeline.indexOf("ended")).isGreaterThan(timeline.indexOf("joined"));
            assertThat(logs.lines()).noneMatch(line -> line.contains("4155552671") || line.contains(secret));
        }
    }

    @Test
    void aBusyNumberIsPlacedThenEndsBusy() {
        String callId = place("{\"to\": \"" + MagicNumbers.BUSY + "\"}");

        List<String> types = typesOnceEnded(callId);

        assertThat(types).startsWith("call.placed").endsWith("call.ended").doesNotContain("call.answered",
                "call.joined");
        assertThat(events(callId).get(types.size() - 1).path("data").path("status").asText()).isEqualTo("busy");
    }

    @Test
    void aNumberNobodyAnswersRingsThenEndsNoAnswer() {
        String callId = place("{\"to\": \"" + MagicNumbers.NEVER_ANSWERS + "\", \"timeoutSeconds\": 5}");

        assertThat(typesOnceEnded(callId)).containsExactly("call.placed", "call.ringing", "call.ended");
        assertThat(events(callId).get(2).path("data").path("status").asText()).isEqualTo("no-answer");
    }

    @Test
    void aCallHungUpThroughTheApiEndsCompleted() {
        String callId = place("{\"to\": \"" + MagicNumbers.TALKS_UNTIL_HUNG_UP + "\"}");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                events(callId).stream().anyMatch(event -> event.path("type").asText().equals("call.joined")));

        api().delete("/api/v1/calls/" + callId).then().statusCode(204);

        assertThat(typesOnceEnded(callId))
                .containsExactly("call.placed", "call.ringing", "call.answered", "call.joined", "call.ended");
    }

    @Test
    void aRefusedPlacementSendsCallFailedWithTheProblem() {
        api().body("{\"to\": \"" + MagicNumbers.INVALID + "\"}").post("/api/v1/agents/" + agentId + "/calls")
                .then().statusCode(422);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                receiver.received().stream().map(this::verified)
                        .anyMatch(event -> event.path("type").asText().equals("call.failed")
                                && agentId.equals(event.path("data").path("agentId").asText())));
        JsonNode failed = receiver.received().stream().map(this::verified)
                .filter(event -> event.path("type").asText().equals("call.failed")).findFirst().orElseThrow();
        assertThat(failed.path("data").path("placement").path("error").path("status").asInt()).isEqualTo(422);
    }
}
