package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.CALL_PATH;
import static dev.callbridge.call.CallFixtures.JOIN_URL;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.call.CallFixtures.TWIML;
import static dev.callbridge.call.CallFixtures.ULTRAVOX_CREATE;
import static dev.callbridge.call.CallFixtures.json;
import static dev.callbridge.call.CallFixtures.twilioCall;
import static dev.callbridge.call.CallFixtures.ultravoxCall;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.callbridge.inbound.InboundFixtures;
import dev.callbridge.sandbox.TwilioSignatures;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import dev.callbridge.twilio.TwilioWebhookUrl;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code parallel} and {@code on-answer} connect modes against WireMock: what each asks of
 * which vendor and when, the connect webhook's answer (stream or apology), and every failure path:
 * Ultravox failing after Twilio dialled, Twilio retrying the webhook, an unknown placement, a
 * forged request, the answer reaching a replica that did not place the call.
 */
@QuarkusTest
@TestProfile(ConnectProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class ConnectModesTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private static final String APOLOGY = "<Response><Say>Sorry &amp; goodbye</Say><Hangup/></Response>";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CallLedger ledger;

    @Inject
    JoinUrls joinUrls;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "ringing", null))));
        wireMock.stubFor(post(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "canceled", null))));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID))
                .willReturn(json(200, ultravoxCall(CALL_ID, JOIN_URL))));
    }

    private void ultravoxCreates(int delayMillis) {
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE))
                .willReturn(json(201, ultravoxCall(CALL_ID, JOIN_URL)).withFixedDelay(delayMillis)));
    }

    private JsonNode place(String mode, int status) throws Exception {
        String body = api().body("{\"to\": \"+14155550123\", \"connectMode\": \"" + mode + "\", "
                        + "\"templateContext\": {\"patient\": \"Ada\"}, \"metadata\": {\"ref\": \"r-1\"}}")
                .post("/api/v1/agents/{agentId}/calls", AGENT_ID).then().statusCode(status).extract().asString();
        return mapper.readTree(body);
    }

    /** The connect webhook as Twilio posts it when the callee answered, signed for the public URL. */
    static Response answered(String placementId, String callSid) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", WireMockVendors.TWILIO_SID);
        fields.put("ApiVersion", "2010-04-01");
        fields.put("CallSid", callSid);
        fields.put("CallStatus", "in-progress");
        fields.put("Direction", "outbound-api");
        fields.put("From", WireMockVendors.TWILIO_NUMBER);
        fields.put("To", "+14155550123");
        String path = TwilioWebhookUrl.connectPath(placementId);
        String signature = TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN, ConnectProfile.PUBLIC_BASE_URL + path,
                fields);
        return given().contentType("application/x-www-form-urlencoded; charset=utf-8").header("X-Twilio-Signature",
                signature).body(InboundFixtures.form(fields)).post(path);
    }

    private static Map<String, String> formOf(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2)).collect(
                Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
    }

    private CallPlacement stored(String placementId) {
        return ledger.find(placementId).await().atMost(Duration.ofSeconds(5)).orElseThrow();
    }

    private int ultravoxCreations() {
        return wireMock.findAll(postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE))).size();
    }

    @Test
    void parallelDialsWithTheConnectUrlAndAnswersTheStream() throws Exception {
        ultravoxCreates(0);
        JsonNode placed = place("parallel", 201);
        String placementId = placed.get("placementId").asText();
        assertThat(placed.get("callId").asText()).isEqualTo(CALL_ID);
        assertThat(placed.get("twilioCallSid").asText()).isEqualTo(SID);

        Map<String, String> dial = formOf(wireMock.findAll(postRequestedFor(urlPathEqualTo(CALLS_PATH))).get(0));
        assertThat(dial).containsEntry("Url", ConnectProfile.PUBLIC_BASE_URL + "/webhooks/twilio/connect/" + placementId)
                .containsEntry("Method", "POST").doesNotContainKey("Twiml").doesNotContainKey("MachineDetection");
        assertThat(ultravoxCreations()).isEqualTo(1);

        Response answer = answered(placementId, SID);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/xml");
        assertThat(answer.asString()).isEqualTo(TWIML);
        // The join URL came from this instance's memory: Ultravox was not asked again.
        wireMock.verify(0, getRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
        CallPlacement call = stored(placementId);
        assertThat(call.state()).isEqualTo(CallPlacement.State.DIALED);
        assertThat(call.connection().mode()).isEqualTo(ConnectMode.PARALLEL);
        assertThat(call.steps()).containsKeys(CallPlacement.State.DIALING, CallPlacement.State.ULTRAVOX_CREATED);
    }

    @Test
    void parallelAnsweredOnAnotherReplicaReadsTheJoinUrlFromUltravox() throws Exception {
        ultravoxCreates(0);
        String placementId = place("parallel", 201).get("placementId").asText();
        // Another replica never saw the agent call being made.
        joinUrls.forget(placementId);

        assertThat(answered(placementId, SID).asString()).isEqualTo(TWIML);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
        // Twilio retrying the webhook gets the same stream; no second agent call.
        assertThat(answered(placementId, SID).asString()).isEqualTo(TWIML);
        assertThat(ultravoxCreations()).isEqualTo(1);
    }

    @Test
    void parallelWhoseAgentCallFailsHangsUpTheRingingPhoneAndFailsWithUltravoxsProblem() throws Exception {
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(json(404,
                "{\"detail\": \"Not found.\"}")));

        JsonNode problem = place("parallel", 404);
        assertThat(problem.get("type").asText()).endsWith("not-found");

        List<LoggedRequest> updates = wireMock.findAll(postRequestedFor(urlPathEqualTo(CALL_PATH)));
        assertThat(updates).hasSize(1);
        assertThat(formOf(updates.get(0))).containsEntry("Status", "canceled");
        CallPlacement failed = ledger.find(SID).await().atMost(Duration.ofSeconds(5)).orElseThrow();
        assertThat(failed.state()).isEqualTo(CallPlacement.State.FAILED);
        assertThat(failed.callId()).isNull();
        // Should the callee have answered meanwhile, they hear the apology.
        assertThat(answered(failed.placementId(), SID).asString()).isEqualTo(APOLOGY);
    }

    @Test
    void parallelWhoseAgentCallFailsAfterTheCalleeAnsweredLetsTheApologyEndTheCall() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "in-progress", null))));
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(json(404,
                "{\"detail\": \"Not found.\"}")));

        place("parallel", 404);

        // Not cut off mid-apology: the TwiML's own <Hangup/> ends an answered call.
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CALL_PATH)));
    }

    @Test
    void parallelAnswerThatGotTheApologyReleasesTheAgentCallWhenThePhoneHangsUp() throws Exception {
        ultravoxCreates(0);
        String placementId = place("parallel", 201).get("placementId").asText();
        joinUrls.forget(placementId);
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(503, "{}")));
        assertThat(answered(placementId, SID).asString()).isEqualTo(APOLOGY);
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID))
                .willReturn(json(200, ultravoxCall(CALL_ID, JOIN_URL))));

        statusCallback(SID, "completed", 3);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stored(placementId).ended()).isTrue());
    }

    @Test
    void anOnAnswerAgentCallMadeWhileTheCalleeHungUpIsReleased() throws Exception {
        ultravoxCreates(400);
        String placementId = place("on-answer", 201).get("placementId").asText();

        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> answered(placementId, SID).asString());
        await().atMost(Duration.ofSeconds(5)).until(() -> ultravoxCreations() == 1);
        // The callee hangs up while Ultravox creates the agent call.
        statusCallback(SID, "completed", 3);

        assertThat(answer.get()).isEqualTo(TWIML);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stored(placementId).ended()).isTrue());
    }

    @Test
    void anOnAnswerWebhookAfterThePhoneHungUpMakesNoAgentCall() throws Exception {
        ultravoxCreates(0);
        String placementId = place("on-answer", 201).get("placementId").asText();
        statusCallback(SID, "completed", 3);

        assertThat(answered(placementId, SID).asString()).isEqualTo(APOLOGY);
        assertThat(ultravoxCreations()).isZero();
        assertThat(stored(placementId).connection().agentClaimedAt()).isNull();
    }

    @Test
    void parallelWhoseDialFailsDeletesTheAgentCall() throws Exception {
        ultravoxCreates(0);
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(json(400, CallFixtures.twilioError(21211, 400))));

        place("parallel", 422);

        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    @Test
    void onAnswerDialsFirstAndMakesTheAgentCallOnlyWhenTheCalleeAnswers() throws Exception {
        ultravoxCreates(0);
        JsonNode placed = place("on-answer", 201);
        String placementId = placed.get("placementId").asText();
        assertThat(placed.get("callId").isNull()).isTrue();
        assertThat(placed.get("twilioCallSid").asText()).isEqualTo(SID);
        assertThat(ultravoxCreations()).isZero();
        assertThat(formOf(wireMock.findAll(postRequestedFor(urlPathEqualTo(CALLS_PATH))).get(0)))
                .containsEntry("Url", ConnectProfile.PUBLIC_BASE_URL + "/webhooks/twilio/connect/" + placementId);

        assertThat(answered(placementId, SID).asString()).isEqualTo(TWIML);

        List<LoggedRequest> creations = wireMock.findAll(postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        assertThat(creations).hasSize(1);
        JsonNode request = mapper.readTree(creations.get(0).getBodyAsString());
        assertThat(request.at("/templateContext/patient").asText()).isEqualTo("Ada");
        assertThat(request.at("/metadata/ref").asText()).isEqualTo("r-1");
        assertThat(request.at("/metadata/callbridge.placementId").asText()).isEqualTo(placementId);
        assertThat(request.at("/medium/twilio").isObject()).isTrue();
        assertThat(request.get("joinTimeout").asText()).isEqualTo("90s");
        CallPlacement call = stored(placementId);
        assertThat(call.callId()).isEqualTo(CALL_ID);
        assertThat(call.connection().agentClaimedAt()).isNotNull();
        assertThat(stored(CALL_ID).placementId()).as("found by its agent call").isEqualTo(placementId);

        // Twilio retrying, here and on a replica that never saw the call: the same stream, one agent call.
        assertThat(answered(placementId, SID).asString()).isEqualTo(TWIML);
        joinUrls.forget(placementId);
        assertThat(answered(placementId, SID).asString()).isEqualTo(TWIML);
        assertThat(ultravoxCreations()).isEqualTo(1);
    }

    @Test
    void onAnswerWebhooksArrivingTogetherMakeOneAgentCall() throws Exception {
        ultravoxCreates(200);
        String placementId = place("on-answer", 201).get("placementId").asText();

        List<CompletableFuture<String>> answers = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> answered(placementId, SID).asString())).toList();

        for (CompletableFuture<String> answer : answers) {
            assertThat(answer.get()).isEqualTo(TWIML);
        }
        assertThat(ultravoxCreations()).isEqualTo(1);
    }

    @Test
    void onAnswerWhoseAgentCallFailsApologisesAndEndsWithThePhone() throws Exception {
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(json(500, "{\"detail\": \"boom\"}")));
        String placementId = place("on-answer", 201).get("placementId").asText();

        assertThat(answered(placementId, SID).asString()).isEqualTo(APOLOGY);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stored(placementId).conversation()
                .endReason()).isEqualTo(CallTimeline.AGENT_UNAVAILABLE));
        assertThat(answered(placementId, SID).asString()).as("a retry after the failure").isEqualTo(APOLOGY);
        assertThat(ultravoxCreations()).isEqualTo(1);
        statusCallback(SID, "completed", 3);
        assertThat(stored(placementId).ended()).isTrue();
    }

    @Test
    void onAnswerWithUltravoxSlowerThanTheBudgetApologisesAndDeletesTheLateAgentCall() throws Exception {
        ultravoxCreates(1500);
        String placementId = place("on-answer", 201).get("placementId").asText();

        long start = System.nanoTime();
        assertThat(answered(placementId, SID).asString()).isEqualTo(APOLOGY);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            CallPlacement call = stored(placementId);
            assertThat(call.callId()).isEqualTo(CALL_ID);
            assertThat(call.conversation().endReason()).isEqualTo("unjoined");
        });
    }

    @Test
    void anOnAnswerAgentCallWhoseCreationTimedOutIsLookedUpByItsTagAndDeleted() throws Exception {
        // Slower than the Ultravox client's read timeout (2 s): Callbridge never learns whether it exists.
        ultravoxCreates(2500);
        String placementId = place("on-answer", 201).get("placementId").asText();
        wireMock.stubFor(get(urlPathEqualTo("/api/calls"))
                .withQueryParam("metadata.callbridge.placementId", equalTo(placementId))
                .willReturn(json(200, "{\"results\": [{\"callId\": \"" + CALL_ID + "\", \"agentId\": \"" + AGENT_ID
                        + "\", \"created\": \"" + java.time.Instant.now() + "\", \"joined\": null, \"ended\": null, "
                        + "\"metadata\": {\"callbridge.placementId\": \"" + placementId + "\"}}], \"next\": null, "
                        + "\"previous\": null, \"total\": 1}")));

        assertThat(answered(placementId, SID).asString()).isEqualTo(APOLOGY);

        // Once a creation could no longer be under way (its timeout and retries), the tagged call goes.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID))));
        assertThat(stored(placementId).conversation().endReason()).isEqualTo(CallTimeline.AGENT_UNAVAILABLE);
    }

    @Test
    void anUnansweredOnAnswerCallNeverMakesAnAgentCallAndEndsWithTwilio() throws Exception {
        ultravoxCreates(0);
        String placementId = place("on-answer", 201).get("placementId").asText();

        statusCallback(SID, "no-answer", 2);

        assertThat(stored(placementId).ended()).isTrue();
        assertThat(ultravoxCreations()).isZero();
    }

    @Test
    void unknownPlacementsOtherCallsAndForgedRequestsGetNoStream() throws Exception {
        ultravoxCreates(0);
        String placementId = place("on-answer", 201).get("placementId").asText();

        assertThat(answered("7d3c1f52-0000-4000-8000-000000000000", SID).asString()).isEqualTo(APOLOGY);
        assertThat(answered(placementId, "CA00000000000000000000000000000000").asString()).isEqualTo(APOLOGY);
        given().contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", "forged")
                .body("CallSid=" + SID).post(TwilioWebhookUrl.connectPath(placementId))
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(ultravoxCreations()).isZero();
        assertThat(stored(placementId).connection().agentClaimedAt()).isNull();
    }

    @Test
    void anInlinePlacementIsNotConnectedThroughTheWebhook() throws Exception {
        ultravoxCreates(0);
        String placementId = place("inline", 201).get("placementId").asText();

        assertThat(answered(placementId, SID).asString()).isEqualTo(APOLOGY);
        assertThat(ultravoxCreations()).isEqualTo(1);
    }

    @Test
    void anUnknownModeIsAFieldError() {
        api().body("{\"to\": \"+14155550123\", \"connectMode\": \"eventually\"}")
                .post("/api/v1/agents/{agentId}/calls", AGENT_ID).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("connectMode"));
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    private static void statusCallback(String sid, String status, int sequence) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", WireMockVendors.TWILIO_SID);
        fields.put("CallSid", sid);
        fields.put("CallStatus", status);
        fields.put("SequenceNumber", Integer.toString(sequence));
        String url = ConnectProfile.PUBLIC_BASE_URL + TwilioWebhookUrl.STATUS_PATH;
        given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN, url, fields))
                .body(InboundFixtures.form(fields)).post(TwilioWebhookUrl.STATUS_PATH).then().statusCode(200);
    }
}
