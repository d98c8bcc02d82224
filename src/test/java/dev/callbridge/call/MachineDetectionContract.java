package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.http.ApiKeyOwner;
import dev.callbridge.sandbox.TwilioSignatures;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.WireMockVendors;
import dev.callbridge.twilio.TwilioWebhookUrl;
import io.micrometer.core.instrument.MeterRegistry;
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

/**
 * Twilio's answering-machine detection results end to end, on whichever store the subclass's
 * profile runs: the signed webhook, the result recorded once, what Twilio is asked to do (WireMock
 * stands in for it), and the result in the call's view and its {@code call.ended} event.
 */
abstract class MachineDetectionContract {

    static final String TO = "+14155552671";
    static final String FROM = WireMockVendors.TWILIO_NUMBER;
    static final String MESSAGE = "Hi, it's Dr. Lee's office: call us back at 5 & ask for \"Ann\" <reception>.";
    static final String OWNER = ApiKeyOwner.of(Api.KEY);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CallLedger ledger;

    @Inject
    MeterRegistry registry;

    private String placementId;
    private String sid;

    /** The WireMock server standing in for both vendors. */
    abstract WireMockServer wireMock();

    @BeforeEach
    void freshCall() {
        wireMock().resetAll();
        placementId = UUID.randomUUID().toString();
        sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        twilioAnswersUpdates();
    }

    // --- What Twilio is asked for ----------------------------------------------------------

    @Test
    void onlyAPlacementWithDetectionAsksTwilioForItsAsynchronousResult() {
        wireMock().stubFor(CallFixtures.ultravoxCreatesDistinctCalls());
        wireMock().stubFor(CallFixtures.twilioCreatesDistinctCalls());

        String placement = api().body(Map.of("to", TO, "machineDetection", "leave-message", "voicemailMessage",
                MESSAGE)).post("/api/v1/agents/{agentId}/calls", CallFixtures.AGENT_ID).then().statusCode(201)
                .extract().path("placementId");
        api().body(Map.of("to", TO)).post("/api/v1/agents/{agentId}/calls", CallFixtures.AGENT_ID).then()
                .statusCode(201);

        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> creates =
                wireMock().findAll(postRequestedFor(urlPathEqualTo(CallFixtures.CALLS_PATH)));
        assertThat(creates).hasSize(2);
        assertThat(creates.get(0).formParameter("MachineDetection").firstValue()).isEqualTo("DetectMessageEnd");
        assertThat(creates.get(0).formParameter("AsyncAmd").firstValue()).isEqualTo("true");
        assertThat(creates.get(0).formParameter("AsyncAmdStatusCallback").firstValue()).isEqualTo(url(placement));
        assertThat(creates.get(0).formParameter("AsyncAmdStatusCallbackMethod").firstValue()).isEqualTo("POST");
        assertThat(creates.get(0).getBodyAsString()).doesNotContain(URLEncoder.encode(MESSAGE, StandardCharsets.UTF_8));
        assertThat(creates.get(1).getFormParameters()).doesNotContainKeys("MachineDetection", "AsyncAmd",
                "AsyncAmdStatusCallback", "AsyncAmdStatusCallbackMethod");
    }

    // --- What each result does -------------------------------------------------------------

    @Test
    void aMachineIsHungUpOnUnderHangUp() {
        saved(MachineDetection.HANG_UP, null);
        double before = detections("machine", "hung-up");

        signed(result(sid, "machine_end_beep")).then().statusCode(200).body(emptyString());

        wireMock().verify(1, postRequestedFor(urlPathEqualTo(callPath(sid))).withFormParam("Status", equalTo("completed")));
        assertThat(answeredBy()).isEqualTo("machine_end_beep");
        assertThat(detections("machine", "hung-up")).isEqualTo(before + 1);
    }

    @Test
    void aMachineUnderLeaveMessageHearsTheEscapedMessageThenTheCallEnds() {
        saved(MachineDetection.LEAVE_MESSAGE, MESSAGE);
        double before = detections("machine", "message");

        try (LogCapture logs = LogCapture.install()) {
            signed(result(sid, "machine_end_silence")).then().statusCode(200);

            assertThat(logs.text()).doesNotContain(MESSAGE).doesNotContain("Dr. Lee").doesNotContain("4155552671");
        }

        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> updates =
                wireMock().findAll(postRequestedFor(urlPathEqualTo(callPath(sid))));
        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.getFormParameters()).doesNotContainKey("Status");
            assertThat(update.formParameter("Twiml").firstValue()).isEqualTo("<Response><Say>Hi, it&apos;s Dr. Lee&apos;s "
                    + "office: call us back at 5 &amp; ask for &quot;Ann&quot; &lt;reception&gt;.</Say><Hangup/></Response>");
        });
        assertThat(answeredBy()).isEqualTo("machine_end_silence");
        assertThat(detections("machine", "message")).isEqualTo(before + 1);
    }

    @Test
    void aMachineUnderLeaveMessageWithoutAMessageKeepsTheAgentOnTheLineAndTellsIt() throws Exception {
        String dataMessage = "/api/calls/uv-" + placementId + "/send_data_message";
        wireMock().stubFor(post(urlPathEqualTo(dataMessage)).willReturn(aResponse().withStatus(204)));
        saved(MachineDetection.LEAVE_MESSAGE, null);
        double before = detections("machine", "agent-told");

        signed(result(sid, "machine_end_other")).then().statusCode(200);
        // A repeat tells it nothing more.
        signed(result(sid, "machine_end_beep")).then().statusCode(200);

        assertThat(twilioUpdates()).isZero();
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> told =
                wireMock().findAll(postRequestedFor(urlPathEqualTo(dataMessage)));
        assertThat(told).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(told.get(0).getBodyAsString());
        assertThat(body.path("type").asText()).isEqualTo("user_text_message");
        assertThat(body.path("text").asText()).contains("answering machine").contains("beep");
        assertThat(answeredBy()).isEqualTo("machine_end_other");
        assertThat(detections("machine", "agent-told")).isEqualTo(before + 1);
    }

    @Test
    void aFaxIsHungUpOnUnderLeaveMessage() {
        saved(MachineDetection.LEAVE_MESSAGE, MESSAGE);

        signed(result(sid, "fax")).then().statusCode(200);

        wireMock().verify(1, postRequestedFor(urlPathEqualTo(callPath(sid))).withFormParam("Status", equalTo("completed")));
        assertThat(wireMock().findAll(postRequestedFor(urlPathEqualTo(callPath(sid))).withFormParam("Twiml",
                containing("Say")))).isEmpty();
        assertThat(answeredBy()).isEqualTo("fax");
    }

    @Test
    void aHumanIsLeftToTheAgent() {
        saved(MachineDetection.HANG_UP, null);
        double before = detections("human", "none");

        signed(result(sid, "human")).then().statusCode(200);

        assertThat(twilioUpdates()).isZero();
        assertThat(answeredBy()).isEqualTo("human");
        assertThat(detections("human", "none")).isEqualTo(before + 1);
    }

    @Test
    void anUndecidedResultIsRecordedAndActedOnAsUnknown() {
        saved(MachineDetection.HANG_UP, null);

        signed(result(sid, "unknown")).then().statusCode(200);

        assertThat(twilioUpdates()).isZero();
        assertThat(answeredBy()).isEqualTo("unknown");
    }

    @Test
    void repeatedAndConflictingResultsAreRecordedAndActedOnOnce() {
        saved(MachineDetection.HANG_UP, null);
        double duplicates = webhooks("duplicate");

        signed(result(sid, "machine_end_beep")).then().statusCode(200);
        signed(result(sid, "machine_end_beep")).then().statusCode(200);
        signed(result(sid, "human")).then().statusCode(200);
        signed(result(sid, "fax")).then().statusCode(200);

        assertThat(twilioUpdates()).isEqualTo(1);
        assertThat(answeredBy()).isEqualTo("machine_end_beep");
        assertThat(webhooks("duplicate")).isEqualTo(duplicates + 3);
    }

    @Test
    void aResultAfterTheCallEndedIsRecordedAndActedOnNoMore() {
        save(placement(MachineDetection.HANG_UP, null));
        CallLedgerContract.await(ledger.recordEvent(sid, new CallEvent(4, "completed", null, 12, null, Instant.now())));

        signed(result(sid, "machine_end_beep")).then().statusCode(200);

        assertThat(twilioUpdates()).isZero();
        assertThat(answeredBy()).isEqualTo("machine_end_beep");
    }

    @Test
    void aTwilioFailureIsLoggedWithoutTheNumberAndTheResultStaysRecorded() {
        saved(MachineDetection.HANG_UP, null);
        wireMock().stubFor(post(urlPathEqualTo(callPath(sid))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"code": 21212, "message": "The number %s is not valid.", "more_info": "https://www.twilio.com/docs/errors/21212", "status": 400}
                        """.formatted(TO))));
        double failed = detections("machine", "failed");

        try (LogCapture logs = LogCapture.install()) {
            signed(result(sid, "machine_end_beep")).then().statusCode(200);

            assertThat(logs.lines()).anyMatch(line -> line.contains("ERROR") && line.contains(placementId)
                    && line.contains(sid) && line.contains("hanging up failed"));
            assertThat(logs.text()).doesNotContain("4155552671");
        }
        assertThat(answeredBy()).isEqualTo("machine_end_beep");
        assertThat(detections("machine", "failed")).isEqualTo(failed + 1);
        // Twilio's retry of the same result is a duplicate: the hang-up is not tried again.
        signed(result(sid, "machine_end_beep")).then().statusCode(200);
        assertThat(twilioUpdates()).isEqualTo(1);
    }

    // --- Which requests are taken ----------------------------------------------------------

    @Test
    void anUnsignedOrForgedResultIsRefusedAndNothingIsRecorded() {
        saved(MachineDetection.HANG_UP, null);
        double rejected = webhooks("rejected_signature");
        Map<String, String> machine = result(sid, "machine_end_beep");
        Map<String, String> signedForAnother = result(sid, "machine_end_beep");

        send(placementId, machine, null).then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/invalid-signature")).body("detail", containsString("X-Twilio-Signature"))
                .body("requestId", notNullValue());
        send(placementId, machine, TwilioSignatures.sign("another-token", url(placementId), machine))
                .then().statusCode(403);
        // A signature for another placement's URL does not carry over to this one.
        send(placementId, signedForAnother, TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN,
                url(UUID.randomUUID().toString()), signedForAnother)).then().statusCode(403);

        assertThat(answeredBy()).isNull();
        assertThat(twilioUpdates()).isZero();
        assertThat(webhooks("rejected_signature")).isEqualTo(rejected + 3);
    }

    @Test
    void aResultForAnUnknownPlacementIsAnsweredAndDropped() {
        double unknown = webhooks("unknown_call");
        String stranger = UUID.randomUUID().toString();

        try (LogCapture logs = LogCapture.install()) {
            send(stranger, result(sid, "machine_end_beep"), sign(stranger, result(sid, "machine_end_beep")))
                    .then().statusCode(200);

            assertThat(logs.lines()).anyMatch(line -> line.contains("INFO") && line.contains(stranger)
                    && line.contains("no placement has that id"));
        }
        assertThat(twilioUpdates()).isZero();
        assertThat(webhooks("unknown_call")).isEqualTo(unknown + 1);
    }

    @Test
    void aResultForAnotherCallThanThePlacementsIsAnsweredAndDropped() {
        saved(MachineDetection.HANG_UP, null);
        String other = "CA" + UUID.randomUUID().toString().replace("-", "");
        double unknown = webhooks("unknown_call");

        try (LogCapture logs = LogCapture.install()) {
            signed(result(other, "machine_end_beep")).then().statusCode(200);

            assertThat(logs.lines()).anyMatch(line -> line.contains("INFO") && line.contains(placementId)
                    && line.contains(other));
            assertThat(logs.text()).doesNotContain("4155552671");
        }
        assertThat(answeredBy()).isNull();
        assertThat(twilioUpdates()).isZero();
        assertThat(wireMock().findAll(postRequestedFor(urlPathEqualTo(callPath(other))))).isEmpty();
        assertThat(webhooks("unknown_call")).isEqualTo(unknown + 1);
    }

    @Test
    void malformedFieldsAreRefusedWithAProblem() {
        saved(MachineDetection.HANG_UP, null);
        Map<String, String> noResult = result(sid, "machine_end_beep");
        noResult.remove("AnsweredBy");
        Map<String, String> oddResult = result(sid, "machine end; beep");
        Map<String, String> oddDuration = result(sid, "machine_end_beep");
        oddDuration.put("MachineDetectionDuration", "soon");

        signed(noResult).then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-callback")).body("detail", containsString("AnsweredBy"));
        signed(oddResult).then().statusCode(400).body("detail", containsString("AnsweredBy"));
        signed(oddDuration).then().statusCode(400).body("detail", containsString("MachineDetectionDuration"));

        assertThat(answeredBy()).isNull();
        assertThat(twilioUpdates()).isZero();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        given().contentType("application/x-www-form-urlencoded").body("AnsweredBy=" + "x".repeat(20_000))
                .post(TwilioWebhookUrl.machineDetectionPath(UUID.randomUUID().toString()))
                .then().statusCode(413).contentType("application/problem+json");
    }

    // --- Where the result is seen ----------------------------------------------------------

    @Test
    void theResultIsInTheCallsViewTheListingAndItsEndedEvent() throws Exception {
        save(placement(MachineDetection.HANG_UP, null));
        Instant joined = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CallLedgerContract.await(ledger.amend(placementId, p -> p.withConversation(
                CallLedgerContract.ended(joined, joined.plusSeconds(2), "hangup"), joined.plusSeconds(2))));
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            String subscription = api().body(Map.of("url", receiver.baseUrl() + "/events", "events",
                    List.of("call.ended"))).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            try {
                signed(result(sid, "machine_end_beep")).then().statusCode(200);
                statusCallback("completed");

                await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
                JsonNode event = JSON.readTree(receiver.received().get(0).body());
                assertThat(event.get("type").asText()).isEqualTo("call.ended");
                assertThat(event.get("data").get("answeredBy").asText()).isEqualTo("machine_end_beep");
                assertThat(event.get("data").get("placement").get("machineDetection").asText()).isEqualTo("hang-up");
            } finally {
                api().delete("/api/v1/webhooks/{id}", subscription);
            }
        }

        api().get("/api/v1/calls/{id}", placementId).then().statusCode(200)
                .body("answeredBy", org.hamcrest.Matchers.equalTo("machine_end_beep"))
                .body("placement.answeredBy", org.hamcrest.Matchers.equalTo("machine_end_beep"))
                .body("placement.machineDetection", org.hamcrest.Matchers.equalTo("hang-up"))
                .body("placement.connectMode", org.hamcrest.Matchers.equalTo("inline"));
        List<Map<String, Object>> listed = api().get("/api/v1/calls?pageSize=100").then().statusCode(200)
                .extract().jsonPath().getList("results");
        assertThat(listed).filteredOn(call -> placementId.equals(call.get("placementId")))
                .singleElement().satisfies(call -> assertThat(call.get("answeredBy")).isEqualTo("machine_end_beep"));
    }

    @Test
    void aLiveCallShowsTheResultBesideTheVendorsState() {
        saved(MachineDetection.LEAVE_MESSAGE, null);
        wireMock().stubFor(get(urlPathEqualTo("/api/calls/uv-" + placementId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(CallFixtures.ultravoxCall("uv-" + placementId,
                        "wss://voice.example/calls/x"))));

        signed(result(sid, "human")).then().statusCode(200);

        api().get("/api/v1/calls/{id}", placementId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("in-progress"))
                .body("answeredBy", org.hamcrest.Matchers.equalTo("human"))
                .body("placement.machineDetection", org.hamcrest.Matchers.equalTo("leave-message"));
    }

    // --- Helpers ---------------------------------------------------------------------------

    private CallPlacement placement(MachineDetection detection, String message) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return CallPlacement.accepted(placementId, CallFixtures.AGENT_ID, TO, FROM, at).ownedBy(OWNER)
                .connectingBy(new CallPlacement.Connection(ConnectMode.INLINE, detection, message, null, null, null))
                .ultravoxCreated("uv-" + placementId, at, at).dialing(at)
                .dialed(sid, "in-progress", at, at.plus(Duration.ofHours(1)));
    }

    private void saved(MachineDetection detection, String message) {
        save(placement(detection, message));
    }

    private void save(CallPlacement placement) {
        CallLedgerContract.await(ledger.save(placement));
    }

    private String answeredBy() {
        return CallLedgerContract.await(ledger.find(placementId)).orElseThrow().connection().answeredBy();
    }

    /** Twilio answering a fetch of any call as in progress, and a change of it as done. */
    private void twilioAnswersUpdates() {
        String calls = "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls/(CA[0-9a-f]+)\\.json";
        wireMock().stubFor(get(urlPathMatching(calls)).willReturn(CallFixtures.json(200,
                CallFixtures.twilioCall(sid, "in-progress", null))));
        wireMock().stubFor(post(urlPathMatching(calls)).willReturn(CallFixtures.json(200,
                CallFixtures.twilioCall(sid, "completed", "12"))));
    }

    private static String callPath(String callSid) {
        return "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls/" + callSid + ".json";
    }

    private int twilioUpdates() {
        return wireMock().findAll(postRequestedFor(urlPathMatching("/2010-04-01/Accounts/.*/Calls/.*"))).size();
    }

    private static Map<String, String> result(String callSid, String answeredBy) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", WireMockVendors.TWILIO_SID);
        fields.put("CallSid", callSid);
        fields.put("AnsweredBy", answeredBy);
        fields.put("MachineDetectionDuration", "4120");
        return fields;
    }

    private static String url(String placement) {
        return MachineDetectionProfile.PUBLIC_BASE_URL + TwilioWebhookUrl.machineDetectionPath(placement);
    }

    private static String sign(String placement, Map<String, String> fields) {
        return TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN, url(placement), fields);
    }

    private Response signed(Map<String, String> fields) {
        return send(placementId, fields, sign(placementId, fields));
    }

    private static Response send(String placement, Map<String, String> fields, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(form(fields));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post(TwilioWebhookUrl.machineDetectionPath(placement));
    }

    private void statusCallback(String status) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", WireMockVendors.TWILIO_SID);
        fields.put("CallSid", sid);
        fields.put("CallStatus", status);
        fields.put("SequenceNumber", "3");
        fields.put("CallDuration", "12");
        String url = MachineDetectionProfile.PUBLIC_BASE_URL + TwilioWebhookUrl.STATUS_PATH;
        given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(form(fields))
                .header("X-Twilio-Signature", TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN, url, fields))
                .post(TwilioWebhookUrl.STATUS_PATH).then().statusCode(200);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private double detections(String answeredBy, String action) {
        return registry.counter("callbridge.calls.machine.detections", "answered_by", answeredBy, "action", action)
                .count();
    }

    private double webhooks(String outcome) {
        return registry.counter("callbridge.webhooks.received", "vendor", "twilio", "outcome", outcome).count();
    }
}
