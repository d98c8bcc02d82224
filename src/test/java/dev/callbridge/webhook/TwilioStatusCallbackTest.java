package dev.callbridge.webhook;

import dev.callbridge.sandbox.TwilioSignatures;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.callbridge.call.CallEvent;
import dev.callbridge.call.CallLedger;
import dev.callbridge.call.CallPlacement;
import dev.callbridge.testing.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /webhooks/twilio/call-status} end to end, behind a proxy that changes the URL. */
@QuarkusTest
@TestProfile(ProxiedCallbacksProfile.class)
class TwilioStatusCallbackTest {

    private static final String PATH = "/webhooks/twilio/call-status";
    private static final String SIGNED_URL = ProxiedCallbacksProfile.PUBLIC_BASE_URL + PATH;
    private static final String TO = "+14155552671";
    private static final String FROM = "+15005550006";

    @Inject
    CallLedger ledger;

    @Inject
    MeterRegistry registry;

    private String placementId;
    private String sid;

    @BeforeEach
    void dialedPlacement() {
        placementId = UUID.randomUUID().toString();
        sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ledger.save(new CallPlacement(placementId, "agent-1", TO, FROM, CallPlacement.State.DIALED, "uv-" + placementId,
                sid, "queued", at, Map.of(CallPlacement.State.ACCEPTED, at, CallPlacement.State.DIALED, at), null, null, null, null, null, null, null, null))
                .await().atMost(Duration.ofSeconds(5));
    }

    private Map<String, String> callback(String callSid, String status, int sequence) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", "AC5a4db0c0000000000000000000000000");
        fields.put("ApiVersion", "2010-04-01");
        fields.put("CallSid", callSid);
        fields.put("CallStatus", status);
        fields.put("CallbackSource", "call-progress-events");
        fields.put("Called", TO);
        fields.put("Caller", FROM);
        fields.put("Direction", "outbound-api");
        fields.put("From", FROM);
        fields.put("To", TO);
        fields.put("SequenceNumber", Integer.toString(sequence));
        fields.put("Timestamp", "Sun, 01 Jun 2025 12:00:3" + sequence + " +0000");
        if (CallEvent.FINAL_STATUSES.contains(status)) {
            fields.put("CallDuration", "47");
        }
        return fields;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Response post(String query, Map<String, String> fields, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(form(fields));
        if (signature != null) {
            request.header(TwilioStatusResource.SIGNATURE_HEADER, signature);
        }
        return request.post(PATH + (query == null ? "" : "?" + query));
    }

    private static Response signed(Map<String, String> fields) {
        return post(null, fields, TwilioSignatures.sign(ProxiedCallbacksProfile.AUTH_TOKEN, SIGNED_URL, fields));
    }

    private List<CallEvent> timeline() {
        return ledger.events(placementId).await().atMost(Duration.ofSeconds(5));
    }

    private String twilioStatus() {
        return ledger.find(placementId).await().atMost(Duration.ofSeconds(5)).orElseThrow().twilioStatus();
    }

    private double count(String outcome) {
        return registry.counter(CallbackMetrics.NAME, "vendor", "twilio", "outcome", outcome).count();
    }

    @Test
    void aSignedCallbackIsRecordedWithoutAnApiKey() {
        double before = count("recorded");
        Map<String, String> answered = callback(sid, "in-progress", 2);
        answered.put("AnsweredBy", "human");

        signed(answered).then().statusCode(200).body(emptyString());

        assertThat(timeline()).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo("in-progress");
            assertThat(event.sequenceNumber()).isEqualTo(2);
            assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-06-01T12:00:32Z"));
            assertThat(event.answeredBy()).isEqualTo("human");
            assertThat(event.durationSeconds()).isNull();
        });
        assertThat(twilioStatus()).isEqualTo("in-progress");
        assertThat(count("recorded")).isEqualTo(before + 1);
    }

    @Test
    void theQueryStringIsPartOfTheSignedUrl() {
        Map<String, String> ringing = callback(sid, "ringing", 1);
        String signature = TwilioSignatures.sign(ProxiedCallbacksProfile.AUTH_TOKEN, SIGNED_URL + "?region=eu", ringing);

        post("region=us", ringing, signature).then().statusCode(403);
        post("region=eu", ringing, signature).then().statusCode(200);

        assertThat(timeline()).extracting(CallEvent::status).containsExactly("ringing");
    }

    @Test
    void outOfOrderCallbacksAreReadInSequenceOrderAndAFinalStatusStays() {
        signed(callback(sid, "completed", 3)).then().statusCode(200);
        signed(callback(sid, "ringing", 1)).then().statusCode(200);
        signed(callback(sid, "initiated", 0)).then().statusCode(200);
        signed(callback(sid, "in-progress", 2)).then().statusCode(200);

        assertThat(timeline()).extracting(CallEvent::status)
                .containsExactly("initiated", "ringing", "in-progress", "completed");
        assertThat(timeline().get(3).durationSeconds()).isEqualTo(47);
        assertThat(twilioStatus()).isEqualTo("completed");
    }

    @Test
    void aReplayedCallbackIsAnsweredAndRecordedOnce() {
        double duplicates = count("duplicate");
        Map<String, String> ringing = callback(sid, "ringing", 1);

        signed(ringing).then().statusCode(200);
        signed(ringing).then().statusCode(200);

        assertThat(timeline()).hasSize(1);
        assertThat(count("duplicate")).isEqualTo(duplicates + 1);
    }

    @Test
    void aCallbackForAnUnknownCallIsAnsweredAndLoggedWithoutNumbers() {
        double unknown = count("unknown_call");
        String stranger = "CA" + UUID.randomUUID().toString().replace("-", "");
        try (LogCapture logs = LogCapture.install()) {
            signed(callback(stranger, "ringing", 1)).then().statusCode(200);

            assertThat(logs.lines()).anyMatch(line -> line.contains("INFO") && line.contains(stranger)
                    && line.contains("held: no placement has recorded that SID yet"));
            assertThat(logs.text()).doesNotContain(TO).doesNotContain(FROM).doesNotContain("4155552671");
        }
        assertThat(count("unknown_call")).isEqualTo(unknown + 1);
        assertThat(timeline()).isEmpty();
    }

    @Test
    void aMissingSignatureIsRefusedAndNothingIsRecorded() {
        double rejected = count("rejected_signature");

        post(null, callback(sid, "ringing", 1), null).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-signature"))
                .body("detail", containsString("X-Twilio-Signature"))
                .body("requestId", notNullValue());

        assertThat(timeline()).isEmpty();
        assertThat(twilioStatus()).isEqualTo("queued");
        assertThat(count("rejected_signature")).isEqualTo(rejected + 1);
    }

    @Test
    void aTamperedBodyIsRefused() {
        Map<String, String> ringing = callback(sid, "ringing", 1);
        String signature = TwilioSignatures.sign(ProxiedCallbacksProfile.AUTH_TOKEN, SIGNED_URL, ringing);
        Map<String, String> tampered = new LinkedHashMap<>(ringing);
        tampered.put("CallStatus", "completed");

        post(null, tampered, signature).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("does not match"));

        assertThat(timeline()).isEmpty();
    }

    @Test
    void aSignatureOverTheServicesOwnUrlIsRefused() {
        Map<String, String> ringing = callback(sid, "ringing", 1);
        String own = "http://localhost:" + io.restassured.RestAssured.port + PATH;

        post(null, ringing, TwilioSignatures.sign(ProxiedCallbacksProfile.AUTH_TOKEN, own, ringing)).then().statusCode(403);
        post(null, ringing, TwilioSignatures.sign("another-token", SIGNED_URL, ringing)).then().statusCode(403);

        assertThat(timeline()).isEmpty();
    }

    @Test
    void malformedOrOversizedCallbacksAreProblems() {
        Map<String, String> noSequence = callback(sid, "ringing", 1);
        noSequence.remove("SequenceNumber");
        signed(noSequence).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("SequenceNumber"));
        Map<String, String> badStatus = callback(sid, "ringing", 1);
        badStatus.put("CallStatus", "exploded");
        signed(badStatus).then().statusCode(400).body("detail", containsString("CallStatus"));

        given().contentType("application/x-www-form-urlencoded").header(TwilioStatusResource.SIGNATURE_HEADER, "x")
                .body("Pad=" + "x".repeat(CallbackForm.MAX_BYTES)).post(PATH)
                .then().statusCode(413).contentType("application/problem+json").body("requestId", notNullValue());
        given().contentType("application/json").header(TwilioStatusResource.SIGNATURE_HEADER, "x").body("{}")
                .post(PATH).then().statusCode(415).contentType("application/problem+json");
        given().get(PATH).then().statusCode(405).contentType("application/problem+json");

        assertThat(timeline()).isEmpty();
    }

    @Test
    void forgedCallbacksInBulkWriteNoWarning() {
        try (LogCapture logs = LogCapture.install()) {
            for (int i = 0; i < 20; i++) {
                post(null, callback(sid, "ringing", i), "forged-" + i).then().statusCode(403)
                        .contentType("application/problem+json").body("requestId", notNullValue());
            }

            assertThat(logs.lines()).noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
        }
        assertThat(timeline()).isEmpty();
    }

    @Test
    void theOutcomeCountersAreRegisteredOnce() {
        assertThat(registry.find(CallbackMetrics.NAME).tag("vendor", "twilio").counters())
                .extracting(c -> c.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("recorded", "duplicate", "unknown_call", "rejected_signature");
    }

    @Test
    void noLogLineCarriesAPhoneNumber() {
        try (LogCapture logs = LogCapture.install()) {
            signed(callback(sid, "initiated", 0)).then().statusCode(200);
            post(null, callback(sid, "ringing", 1), "forged").then().statusCode(403);
            Map<String, String> repeated = callback(sid, "ringing", 1);
            given().contentType("application/x-www-form-urlencoded").header(TwilioStatusResource.SIGNATURE_HEADER, "x")
                    .body(form(repeated) + "&To=" + URLEncoder.encode(TO, StandardCharsets.UTF_8)).post(PATH)
                    .then().statusCode(400).body("detail", containsString("repeated"));

            assertThat(logs.text()).doesNotContain("4155552671").doesNotContain("5005550006");
        }
        assertThat(timeline()).extracting(CallEvent::status).containsExactly("initiated");
    }

    @Test
    void theStatusOfTheLatestCallbackIsKept() {
        signed(callback(sid, "in-progress", 2)).then().statusCode(200);
        signed(callback(sid, "ringing", 1)).then().statusCode(200);

        assertThat(twilioStatus()).isEqualTo("in-progress");
        assertThat(timeline()).extracting(CallEvent::sequenceNumber).containsExactly(1L, 2L);
        given().get(PATH.replace("call-status", "nothing")).then().statusCode(equalTo(404));
    }
}
