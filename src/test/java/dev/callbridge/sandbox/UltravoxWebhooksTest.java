package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.ULTRAVOX;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulated Ultravox's webhooks: registration with DRF's validation, and deliveries of
 * {@code call.started}, {@code call.joined}, {@code call.ended} and {@code call.billed} for a call
 * placed through Callbridge, signed as Ultravox signs them and retried when refused.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class UltravoxWebhooksTest {

    static final String WEBHOOKS = ULTRAVOX + "/webhooks";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private final List<String> registered = new ArrayList<>();
    private String agentId;

    @BeforeEach
    void createAgent() {
        agentId = api().body("""
                {"name": "hooks_%s", "callTemplate": {"systemPrompt": "Say hello.", "firstSpeakerSettings": {"user": {}}}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
    }

    @AfterEach
    void deleteWebhooksAndAgent() {
        registered.forEach(id -> ultravox().delete(WEBHOOKS + "/" + id).then().statusCode(204));
        api().delete("/api/v1/agents/" + agentId).then().statusCode(204);
    }

    @Test
    void aCallSendsEachEventInOrderSignedWithEverySecret() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            register("{\"url\": \"" + receiver.baseUrl() + "/ultravox\", \"events\": [\"call.started\", \"call.joined\", "
                    + "\"call.ended\", \"call.billed\"], \"secrets\": [\"first-secret\", \"second-secret\"]}");
            String callId = placeCall();

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 4);

            List<CallbackReceiver.Received> deliveries = receiver.received();
            assertThat(deliveries).extracting(d -> JSON.readTree(d.body()).path("event").asText())
                    .containsExactly("call.started", "call.joined", "call.ended", "call.billed");
            for (CallbackReceiver.Received delivery : deliveries) {
                String timestamp = delivery.header("X-Ultravox-Webhook-Timestamp");
                assertThat(OffsetDateTime.parse(timestamp)).isAfter(OffsetDateTime.now().minusMinutes(1));
                assertThat(delivery.header("X-Ultravox-Webhook-Signature").split(","))
                        .containsExactly(hmac("first-secret", delivery.body(), timestamp),
                                hmac("second-secret", delivery.body(), timestamp));
                assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
                assertThat(JSON.readTree(delivery.body()).path("call").path("callId").asText()).isEqualTo(callId);
            }
            JsonNode ended = JSON.readTree(deliveries.get(2).body()).path("call");
            assertThat(ended.path("endReason").asText()).isEqualTo("hangup");
            assertThat(ended.path("joined").isNull()).isFalse();
            assertThat(JSON.readTree(deliveries.get(0).body()).path("call").path("metadata")
                    .has("callbridge.placementId")).isTrue();
        }
    }

    @Test
    void aRefusedDeliveryIsRetriedUntilTheReceiverTakesIt() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start(2)) {
            register("{\"url\": \"" + receiver.baseUrl() + "/hooks\", \"events\": [\"call.started\"]}");
            placeCall();

            // Retries after 30 and 60 simulated seconds: 0.3 and 0.6 s at the test speed.
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 3);

            List<CallbackReceiver.Received> deliveries = receiver.received();
            assertThat(deliveries).extracting(CallbackReceiver.Received::status).containsExactly(500, 500, 204);
            assertThat(deliveries).extracting(CallbackReceiver.Received::body).containsOnly(deliveries.get(0).body());
        }
    }

    @Test
    void aWebhookOfAnotherAgentGetsNothing() throws Exception {
        String otherAgent = api().body("{\"name\": \"other_" + UUID.randomUUID().toString().substring(0, 8)
                + "\", \"callTemplate\": {\"systemPrompt\": \"Hi.\"}}")
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
        try (CallbackReceiver mine = CallbackReceiver.start(); CallbackReceiver theirs = CallbackReceiver.start()) {
            register("{\"url\": \"" + mine.baseUrl() + "/\", \"events\": [\"call.started\"], \"agentId\": \"" + agentId + "\"}");
            register("{\"url\": \"" + theirs.baseUrl() + "/\", \"events\": [\"call.started\"], \"agentId\": \""
                    + otherAgent + "\"}");
            placeCall();

            await().atMost(Duration.ofSeconds(10)).until(() -> mine.received().size() == 1);
            Thread.sleep(300);
            assertThat(theirs.received()).isEmpty();
        } finally {
            api().delete("/api/v1/agents/" + otherAgent).then().statusCode(204);
        }
    }

    @Test
    void registrationIsValidatedAndASecretGeneratedWhenNoneIsGiven() {
        ultravox().body("{\"events\": [\"call.ringing\"], \"secrets\": [\"\"]}").post(WEBHOOKS).then().statusCode(400)
                .body("url", contains("This field is required."))
                .body("events", contains("\"call.ringing\" is not a valid choice."))
                .body("$", hasKey("secrets"));
        ultravox().body("{\"url\": \"ftp://example.com/x\", \"events\": []}").post(WEBHOOKS).then().statusCode(400)
                .body("$", hasKey("url")).body("events", contains("This list may not be empty."));

        String id = register("{\"url\": \"https://receiver.example/hooks\", \"events\": [\"call.ended\"]}");
        ultravox().get(WEBHOOKS + "/" + id).then().statusCode(200)
                .body("url", equalTo("https://receiver.example/hooks"))
                .body("secrets[0]", matchesPattern("[0-9a-f]{48}"))
                .body("events", contains("call.ended"));
        ultravox().get(WEBHOOKS).then().statusCode(200).body("results.webhookId", org.hamcrest.Matchers.hasItem(id));
        ultravox().delete(WEBHOOKS + "/" + id).then().statusCode(204);
        registered.remove(id);
        ultravox().get(WEBHOOKS + "/" + id).then().statusCode(404);
    }

    private String register(String body) {
        String id = ultravox().body(body).post(WEBHOOKS).then().statusCode(201).extract().path("webhookId");
        registered.add(id);
        return id;
    }

    private String placeCall() {
        return api().body("{\"to\": \"+14155552671\"}").post("/api/v1/agents/" + agentId + "/calls")
                .then().statusCode(201).extract().path("callId");
    }

    /** The digest computed here, independently of the sandbox's signer: body bytes, then timestamp. */
    private static String hmac(String secret, String body, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
    }
}
