package dev.callbridge.subscription;

import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.http.ApiKeyOwner;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events published through {@link CallNotifications} reach a loopback receiver: signed, in order
 * per call, once per event, retried with backoff and then dead, never after the subscription is
 * deleted, and without the secret in any log line.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class WebhookDeliveryTest {

    private static final String OWNER = ApiKeyOwner.of(Api.KEY);
    private static final String SECRET = "receiver-secret-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    CallNotifications notifications;

    @AfterEach
    void cleanUp() {
        Webhooks.deleteAll(Api.KEY);
        Webhooks.deleteAll("test-key-2");
    }

    @Test
    void deliversASignedEventWithTheDocumentedBodyAndHeaders() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            Webhooks.subscribe(Api.KEY, receiver.baseUrl() + "/events?token=abc", SECRET, "call.placed");
            String placement = UUID.randomUUID().toString();
            Instant createdAt = Instant.parse("2026-06-01T12:00:00.123Z");
            long before = Instant.now().getEpochSecond();
            publish(placement, "call.placed", createdAt, Map.of("callId", "c-1", "to", "+14155550123"));

            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            CallbackReceiver.Received got = receiver.received().get(0);
            assertThat(got.method()).isEqualTo("POST");
            assertThat(got.url()).endsWith("/events?token=abc");
            assertThat(got.header("Content-Type")).isEqualTo("application/json");
            assertThat(got.header("User-Agent")).startsWith("Callbridge-Webhooks/");
            assertThat(got.header("Callbridge-Event-Id")).isEqualTo(EventIds.of(placement, "call.placed"));
            assertThat(got.header("Callbridge-Event-Type")).isEqualTo("call.placed");

            JsonNode body = JSON.readTree(got.body());
            assertThat(body.get("id").asText()).isEqualTo(got.header("Callbridge-Event-Id"));
            assertThat(body.get("type").asText()).isEqualTo("call.placed");
            assertThat(body.get("createdAt").asText()).isEqualTo("2026-06-01T12:00:00.123Z");
            assertThat(body.get("data").get("to").asText()).isEqualTo("+14155550123");

            String signature = got.header("Callbridge-Signature");
            assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
            long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
            assertThat(t).isBetween(before, Instant.now().getEpochSecond());
            assertThat(signature.substring(signature.indexOf("v1=") + 3)).isEqualTo(hmac(SECRET, t + "." + got.body()));
        }
    }

    @Test
    void theBodyIsASnapshotTakenWhenPublished() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            Webhooks.subscribe(Api.KEY, receiver.baseUrl() + "/events", SECRET, "call.ended");
            java.util.Map<String, Object> data = new java.util.HashMap<>(Map.of("status", "completed"));
            publish(UUID.randomUUID().toString(), "call.ended", Instant.now(), data);
            data.put("status", "changed afterwards");
            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            assertThat(JSON.readTree(receiver.received().get(0).body()).get("data").get("status").asText())
                    .isEqualTo("completed");
        }
    }

    @Test
    void publishingTheSameEventTwiceQueuesItOnce() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            String id = Webhooks.subscribe(Api.KEY, receiver.baseUrl() + "/events", SECRET, "call.placed", "call.ended")
                    .getString("id");
            String placement = UUID.randomUUID().toString();
            publish(placement, "call.placed", Instant.now(), Map.of("n", 1));
            publish(placement, "call.placed", Instant.now(), Map.of("n", 2));
            publish(placement, "call.ended", Instant.now(), Map.of("n", 3));

            await().atMost(WAIT).until(() -> receiver.received().size() == 2);
            JsonPath deliveries = Webhooks.deliveries(id);
            assertThat(deliveries.getList("results.type")).containsExactly("call.ended", "call.placed");
            assertThat(deliveries.getList("results.state")).containsOnly("delivered");
            assertThat(receiver.received()).extracting(r -> JSON.readTree(r.body()).get("data").get("n").asInt())
                    .containsExactly(1, 3);
        }
    }

    @Test
    void onlyTheOwnersSubscriptionsOfTheTypeReceiveIt() throws Exception {
        try (CallbackReceiver mine = CallbackReceiver.start(); CallbackReceiver other = CallbackReceiver.start();
                CallbackReceiver otherType = CallbackReceiver.start()) {
            Webhooks.subscribe(Api.KEY, mine.baseUrl() + "/e", SECRET, "call.ringing");
            Webhooks.subscribe("test-key-2", other.baseUrl() + "/e", SECRET, "call.ringing");
            Webhooks.subscribe(Api.KEY, otherType.baseUrl() + "/e", SECRET, "call.ended");
            publish(UUID.randomUUID().toString(), "call.ringing", Instant.now(), Map.of());
            await().atMost(WAIT).until(() -> mine.received().size() == 1);
            // Delivered in the same pass had they been queued: the outbox holds nothing for them.
            assertThat(other.received()).isEmpty();
            assertThat(otherType.received()).isEmpty();
        }
    }

    @Test
    void retriesWithBackoffThenMarksTheDeliveryDeadWithoutLoggingTheSecret() throws Exception {
        try (LogCapture logs = LogCapture.install(); CallbackReceiver receiver = CallbackReceiver.start(1000)) {
            String id = Webhooks.subscribe(Api.KEY, receiver.baseUrl() + "/events", SECRET, "call.failed")
                    .getString("id");
            String placement = UUID.randomUUID().toString();
            publish(placement, "call.failed", Instant.now(), Map.of("problem", "busy"));

            await().atMost(WAIT).until(() -> "dead".equals(Webhooks.deliveries(id).getString("results[0].state")));
            JsonPath delivery = Webhooks.deliveries(id);
            assertThat(delivery.getInt("results[0].attempts")).isEqualTo(4);
            assertThat(delivery.getInt("results[0].lastStatus")).isEqualTo(500);
            assertThat(delivery.getString("results[0].lastError")).isEqualTo("The receiver answered 500.");
            assertThat(delivery.getString("results[0].nextAttemptAt")).isNull();
            assertThat(delivery.getString("results[0].placementId")).isEqualTo(placement);
            assertThat(receiver.received()).hasSize(4);
            String dead = api().get("/api/v1/webhooks/{id}/deliveries?state=dead", id).then().statusCode(200)
                    .extract().asString();
            assertThat(dead).contains(placement).doesNotContain(SECRET).doesNotContain("busy");
            assertThat(api().get("/api/v1/webhooks/{id}/deliveries?state=pending", id).then().extract().jsonPath()
                    .getList("results")).isEmpty();
            logs.flush();
            assertThat(logs.text()).contains("is dead after 4 attempts").doesNotContain(SECRET)
                    .doesNotContain("token=");
        }
    }

    @Test
    void aCallsEventsArriveInOrderWhileTheReceiverFails() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start(3)) {
            String id = Webhooks.subscribe(Api.KEY, receiver.baseUrl() + "/events", SECRET, EventTypes.ALL
                    .toArray(String[]::new)).getString("id");
            String placement = UUID.randomUUID().toString();
            List<String> order = List.of("call.placed", "call.ringing", "call.answered", "call.joined", "call.ended");
            for (String type : order) {
                publish(placement, type, Instant.now(), Map.of("type", type));
            }
            await().atMost(WAIT).until(() -> receiver.received().stream().filter(r -> r.status() == 204).count() == 5);
            List<String> attempted = receiver.received().stream().map(r -> r.header("Callbridge-Event-Type")).toList();
            // The first event is attempted until it is accepted; only then does the next one go.
            assertThat(attempted).containsExactly("call.placed", "call.placed", "call.placed", "call.placed",
                    "call.ringing", "call.answered", "call.joined", "call.ended");
            JsonPath deliveries = Webhooks.deliveries(id);
            assertThat(deliveries.getInt("results.find { it.type == 'call.placed' }.attempts")).isEqualTo(4);
            assertThat(deliveries.getString("results.find { it.type == 'call.placed' }.deliveredAt")).isNotNull();
        }
    }

    @Test
    void aDeletedSubscriptionsPendingDeliveriesAreDropped() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start(1000)) {
            String id = Webhooks.subscribe(Api.KEY, receiver.baseUrl() + "/events", SECRET, "call.placed")
                    .getString("id");
            publish(UUID.randomUUID().toString(), "call.placed", Instant.now(), Map.of());
            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            api().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
            int attempts = receiver.received().size();
            // Its retries were due 200 and 600 ms later: none is made.
            Thread.sleep(1500);
            assertThat(receiver.received().size()).isEqualTo(attempts).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void metricsCountOutcomesAndTheQueue() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            Webhooks.subscribe(Api.KEY, receiver.baseUrl() + "/events", SECRET, "call.joined");
            publish(UUID.randomUUID().toString(), "call.joined", Instant.now(), Map.of());
            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("callbridge_webhooks_deliveries_total{outcome=\"delivered\"}")
                    .contains("callbridge_webhooks_queue_depth").contains("callbridge_webhooks_delivery_latency_seconds_count")
                    .contains("callbridge_webhooks_attempt_duration_seconds_count");
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutWithoutHoldingUpPublishing() throws Exception {
        try (RawReceiver hanging = new RawReceiver(RawReceiver.Behaviour.HOLD);
                CallbackReceiver healthy = CallbackReceiver.start()) {
            String id = Webhooks.subscribe(Api.KEY, hanging.url(), SECRET, "call.placed").getString("id");
            publish(UUID.randomUUID().toString(), "call.placed", Instant.now(), Map.of());
            await().atMost(WAIT).until(() -> hanging.connections() == 1);

            // The request is held open; publishing another call's event and its delivery go on.
            Webhooks.subscribe(Api.KEY, healthy.baseUrl() + "/events", SECRET, "call.ended");
            publish(UUID.randomUUID().toString(), "call.ended", Instant.now(), Map.of());
            await().atMost(WAIT).until(() -> healthy.received().size() == 1);

            await().atMost(WAIT).until(() -> Webhooks.deliveries(id).getInt("results[0].attempts") >= 1);
            JsonPath delivery = Webhooks.deliveries(id);
            assertThat(delivery.getString("results[0].state")).isEqualTo("pending");
            assertThat(delivery.getString("results[0].lastError")).isEqualTo("No answer within 2 s.");
            assertThat(delivery.getString("results[0].lastStatus")).isNull();
        }
    }

    @Test
    void readsABoundedPartOfAnEndlessAnswer() throws Exception {
        try (RawReceiver endless = new RawReceiver(RawReceiver.Behaviour.ENDLESS_BODY)) {
            String id = Webhooks.subscribe(Api.KEY, endless.url(), SECRET, "call.placed").getString("id");
            publish(UUID.randomUUID().toString(), "call.placed", Instant.now(), Map.of());
            await().atMost(WAIT).until(() -> "delivered".equals(Webhooks.deliveries(id).getString("results[0].state")));
            assertThat(Webhooks.deliveries(id).getInt("results[0].lastStatus")).isEqualTo(200);
            // Dropped after 64 KiB: the writer stops when the connection is reset, far below its 64 MiB.
            await().atMost(WAIT).until(() -> endless.bytesSent() == endlessSentAfter(endless));
            assertThat(endless.bytesSent()).isLessThan(16 * 1024 * 1024);
        }
    }

    /** The count once it stops growing for a moment. */
    private static int endlessSentAfter(RawReceiver receiver) throws InterruptedException {
        int before = receiver.bytesSent();
        Thread.sleep(200);
        return before;
    }

    private void publish(String placement, String type, Instant at, Object data) {
        notifications.publish(OWNER, placement, type, at, data).await().atMost(Duration.ofSeconds(5));
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
