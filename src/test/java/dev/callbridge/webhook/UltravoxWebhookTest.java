package dev.callbridge.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.callbridge.call.CallLedger;
import dev.callbridge.call.CallPlacement;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.ultravox.UltravoxWebhookSignatures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /webhooks/ultravox} end to end with the test profile's rotated pair of secrets:
 * what is accepted, what is refused, and that refusals record and reveal nothing.
 */
@QuarkusTest
class UltravoxWebhookTest {

    static final String PATH = "/webhooks/ultravox";
    static final String SECRET = "test-ultravox-webhook-secret";
    static final String NEXT_SECRET = "test-ultravox-webhook-secret-next";
    static final String JOIN_URL = "wss://voice.ultravox.ai/calls/c/join-token-7f3a";
    private static final DateTimeFormatter ULTRAVOX_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    @Inject
    MeterRegistry registry;

    @Inject
    CallLedger ledger;

    private String callId;
    private String placementId;

    /** A placement dialled a moment ago, whose Ultravox call is {@link #callId} and whose phone was answered. */
    @BeforeEach
    void dialedPlacement() {
        callId = UUID.randomUUID().toString();
        placementId = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ledger.save(new CallPlacement(placementId, "agent-1", "+14155552671", "+15005550006",
                CallPlacement.State.DIALED, callId, "CA" + callId.replace("-", ""), "in-progress", at,
                Map.of(CallPlacement.State.ACCEPTED, at, CallPlacement.State.DIALED, at), null, null, null, null, null,
                null, null, null)).await().atMost(Duration.ofSeconds(5));
    }

    private CallPlacement.Conversation conversation() {
        return ledger.find(placementId).await().atMost(Duration.ofSeconds(5)).orElseThrow().conversation();
    }

    /** The timestamp Ultravox would send now, in its own form. */
    static String now() {
        return ULTRAVOX_TIME.format(Instant.now());
    }

    static String body(String event, String callId) {
        return """
                {"event": "%s", "call": {"callId": "%s", "created": "2025-06-01T12:00:05.214Z",
                 "joined": "2025-06-01T12:00:09.500Z", "ended": %s, "endReason": %s,
                 "shortSummary": null, "summary": null, "joinUrl": "%s", "metadata": {}}}
                """.formatted(event, callId, event.equals("call.ended") ? "\"2025-06-01T12:00:40Z\"" : "null",
                event.equals("call.ended") ? "\"hangup\"" : "null", JOIN_URL);
    }

    static Response post(String body, String timestamp, String signature) {
        RequestSpecification request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header(UltravoxWebhookSignatures.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(UltravoxWebhookSignatures.SIGNATURE_HEADER, signature);
        }
        return request.post(PATH);
    }

    static Response signed(String body, String timestamp, String... secrets) {
        return post(body, timestamp, UltravoxWebhookSignatures.header(List.of(secrets),
                body.getBytes(StandardCharsets.UTF_8), timestamp));
    }

    static Response signed(String body) {
        return signed(body, now(), SECRET);
    }

    private double count(String outcome) {
        return registry.counter(CallbackMetrics.NAME, "vendor", "ultravox", "outcome", outcome).count();
    }

    private static void refused(Response response, String detail) {
        response.then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/invalid-signature"))
                .body("detail", containsString(detail))
                .body("instance", org.hamcrest.Matchers.equalTo(PATH))
                .body("requestId", notNullValue());
    }

    @Test
    void theJoinAndTheEndOfTheConversationAreRecorded() {
        double recorded = count("recorded");

        signed(body("call.joined", callId)).then().statusCode(204).body(emptyString());
        assertThat(conversation().joined()).isEqualTo("2025-06-01T12:00:09.500Z");
        assertThat(conversation().ended()).isNull();

        signed(body("call.ended", callId)).then().statusCode(204).body(emptyString());
        assertThat(conversation()).satisfies(conversation -> {
            assertThat(conversation.joined()).isEqualTo("2025-06-01T12:00:09.500Z");
            assertThat(conversation.ended()).isEqualTo("2025-06-01T12:00:40Z");
            assertThat(conversation.endReason()).isEqualTo("hangup");
            assertThat(conversation.summary()).isNull();
        });
        assertThat(count("recorded")).isEqualTo(recorded + 2);
    }

    @Test
    void aRepeatedDeliveryIsAnsweredAndChangesNothing() {
        double duplicates = count("duplicate");
        String body = body("call.ended", callId);

        signed(body).then().statusCode(204);
        CallPlacement.Conversation first = conversation();
        signed(body).then().statusCode(204);
        signed(body, now(), NEXT_SECRET).then().statusCode(204);

        assertThat(conversation()).isEqualTo(first);
        assertThat(first.endReason()).isEqualTo("hangup");
        assertThat(count("duplicate")).isEqualTo(duplicates + 2);
    }

    @Test
    void aBilledCallBringsTheSummariesTheEndLacked() {
        signed(body("call.ended", callId)).then().statusCode(204);
        String billed = body("call.billed", callId).replace("\"summary\": null", "\"summary\": \"Dana confirmed.\"")
                .replace("\"ended\": null", "\"ended\": \"2025-06-01T12:00:40Z\"")
                .replace("\"endReason\": null", "\"endReason\": \"timeout\"");

        signed(billed).then().statusCode(204);

        assertThat(conversation().summary()).isEqualTo("Dana confirmed.");
        assertThat(conversation().endReason()).as("the first report's value stays").isEqualTo("hangup");
    }

    @Test
    void aCallCallbridgeDidNotPlaceIsAnsweredAndCounted() {
        double unknown = count("unknown_call");

        signed(body("call.ended", UUID.randomUUID().toString())).then().statusCode(204).body(emptyString());

        assertThat(count("unknown_call")).isEqualTo(unknown + 1);
        assertThat(conversation()).isEqualTo(CallPlacement.Conversation.NONE);
    }

    @Test
    void aStartedCallAndUnknownEventsAreAcceptedAndCounted() {
        double ignored = count("ignored");

        signed(body("call.started", callId)).then().statusCode(204).body(emptyString());
        signed(body("call.transferred", callId)).then().statusCode(204);

        assertThat(count("ignored")).isEqualTo(ignored + 2);
        assertThat(conversation()).isEqualTo(CallPlacement.Conversation.NONE);
    }

    @Test
    void eitherSecretOfTheRotatedPairAndAnyOfSeveralSignaturesIsAccepted() {
        String body = body("call.started", callId);
        String timestamp = now();
        String wrong = UltravoxWebhookSignatures.sign("retired-secret", body.getBytes(StandardCharsets.UTF_8), timestamp);
        String next = UltravoxWebhookSignatures.sign(NEXT_SECRET, body.getBytes(StandardCharsets.UTF_8), timestamp);

        signed(body, timestamp, NEXT_SECRET).then().statusCode(204);
        signed(body, timestamp, "retired-secret", SECRET).then().statusCode(204);
        post(body, timestamp, wrong + "," + next).then().statusCode(204);
    }

    @Test
    void aTamperedBodyOrAWrongSecretIsRefused() {
        double rejected = count("rejected_signature");
        String body = body("call.ended", callId);
        String timestamp = now();
        String signature = UltravoxWebhookSignatures.sign(SECRET, body.getBytes(StandardCharsets.UTF_8), timestamp);

        refused(post(body.replace("hangup", "timeout"), timestamp, signature), "matches no configured secret");
        refused(post(body.replace(": ", ":"), timestamp, signature), "matches no configured secret");
        refused(signed(body, timestamp, "someone-elses-secret"), "matches no configured secret");
        refused(post(body, timestamp.replace("+00:00", "Z"), signature), "matches no configured secret");

        assertThat(count("rejected_signature")).isEqualTo(rejected + 4);
        assertThat(conversation()).isEqualTo(CallPlacement.Conversation.NONE);
    }

    @Test
    void missingHeadersAreRefused() {
        String body = body("call.started", callId);

        refused(post(body, now(), null), UltravoxWebhookSignatures.SIGNATURE_HEADER);
        refused(post(body, null, "00"), UltravoxWebhookSignatures.TIMESTAMP_HEADER);
        refused(post(body, now(), "not-hex"), "matches no configured secret");
    }

    @Test
    void staleFutureAndUnreadableTimestampsAreRefusedEvenWhenSigned() {
        double rejected = count("rejected_timestamp");
        String body = body("call.ended", callId);
        Instant now = Instant.now();

        refused(signed(body, ULTRAVOX_TIME.format(now.minus(2, ChronoUnit.MINUTES)), SECRET), "replay window");
        refused(signed(body, ULTRAVOX_TIME.format(now.plus(2, ChronoUnit.MINUTES)), SECRET), "replay window");
        refused(signed(body, "yesterday", SECRET), "not an ISO-8601");

        assertThat(count("rejected_timestamp")).isEqualTo(rejected + 3);
        assertThat(conversation()).isEqualTo(CallPlacement.Conversation.NONE);
        signed(body, OffsetDateTime.now(ZoneOffset.ofHours(2)).minusSeconds(20).toString(), SECRET)
                .then().statusCode(204);
        assertThat(conversation().endReason()).isEqualTo("hangup");
    }

    @Test
    void malformedOversizedAndMistypedBodiesAreProblems() {
        signed("{\"event\": \"call.ended\", \"call\": {\"joinUrl\": \"" + JOIN_URL + "\"").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not valid JSON"))
                .body("detail", not(containsString("join-token"))).body("requestId", notNullValue());
        signed("{\"event\": \"call.ended\", \"call\": {}}").then().statusCode(400)
                .body("detail", containsString("call.callId"));
        String padded = body("call.started", callId).replace("\"metadata\": {}",
                "\"metadata\": {\"pad\": \"" + "x".repeat(UltravoxWebhook.MAX_BYTES) + "\"}");
        signed(padded).then().statusCode(413).contentType("application/problem+json").body("requestId", notNullValue());
        given().contentType("application/x-www-form-urlencoded").body("event=call.ended").post(PATH)
                .then().statusCode(415).contentType("application/problem+json").body("requestId", notNullValue());
        given().get(PATH).then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void theOutcomeCountersAreRegisteredOnce() {
        assertThat(registry.find(CallbackMetrics.NAME).tag("vendor", "ultravox").counters())
                .extracting(c -> c.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("recorded", "duplicate", "unknown_call", "ignored", "rejected_signature",
                        "rejected_timestamp");
    }

    /** The signature with its last hex digit changed: always a different, wrong signature. */
    private static String tampered(String signature) {
        char last = signature.charAt(signature.length() - 1);
        return signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');
    }

    @Test
    void noLogLineCarriesASecretASignatureOrTheJoinUrl() {
        Logger webhooks = Logger.getLogger("dev.callbridge.webhook");
        Level level = webhooks.getLevel();
        webhooks.setLevel(Level.FINEST);
        String timestamp = now();
        String body = body("call.ended", callId);
        String signature = UltravoxWebhookSignatures.sign(SECRET, body.getBytes(StandardCharsets.UTF_8), timestamp);
        try (LogCapture logs = LogCapture.install()) {
            post(body, timestamp, signature).then().statusCode(204);
            signed(body("call.started", callId)).then().statusCode(204);
            post(body, timestamp, tampered(signature)).then().statusCode(403);
            signed(body, now(), "wrong-secret").then().statusCode(403);
            signed("{\"event\": 1, \"call\": {\"joinUrl\": \"" + JOIN_URL + "\"}}").then().statusCode(400);

            assertThat(logs.lines()).anyMatch(line -> line.contains(callId));
            assertThat(logs.text()).doesNotContain(SECRET).doesNotContain(signature).doesNotContain("join-token")
                    .doesNotContain("wrong-secret");
            assertThat(logs.lines()).noneMatch(line -> line.startsWith("WARN") || line.startsWith("ERROR"));
        } finally {
            webhooks.setLevel(level);
        }
    }
}
