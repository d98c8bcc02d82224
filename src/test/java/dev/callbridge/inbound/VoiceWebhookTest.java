package dev.callbridge.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.callbridge.inbound.InboundFixtures.AGENT_ID;
import static dev.callbridge.inbound.InboundFixtures.CALLER;
import static dev.callbridge.inbound.InboundFixtures.ULTRAVOX_CREATE;
import static dev.callbridge.inbound.InboundFixtures.newNumber;
import static dev.callbridge.inbound.InboundFixtures.newSid;
import static dev.callbridge.inbound.InboundFixtures.postSigned;
import static dev.callbridge.inbound.InboundFixtures.route;
import static dev.callbridge.inbound.InboundFixtures.ultravoxCall;
import static dev.callbridge.inbound.InboundFixtures.voiceWebhook;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.callbridge.admission.CallAdmission;
import dev.callbridge.call.CallLedger;
import dev.callbridge.call.CallPlacement;
import dev.callbridge.call.InboundConnector;
import dev.callbridge.sandbox.TwilioSignatures;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * {@code POST /webhooks/twilio/voice} against WireMock: a routed number's call reaches its agent
 * with the caller's context, every failure answers the fallback TwiML, a repeated webhook never
 * creates a second agent call, and the call is an inbound ledger entry like any other.
 */
@QuarkusTest
@TestProfile(InboundProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class VoiceWebhookTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private static final String BASE = InboundProfile.PUBLIC_BASE_URL;
    private static final String JOIN_SECRET = "join-secret-91c4";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CallLedger ledger;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper mapper;

    @Inject
    CallAdmission admission;

    private String number;
    private String sid;
    private String callId;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathMatching("/api/calls/.*"))
                .willReturn(aResponse().withStatus(204)));
        number = newNumber();
        sid = newSid();
        callId = UUID.randomUUID().toString();
    }

    private String joinUrl() {
        return "wss://voice.example/calls/" + callId + "/twilio?token=" + JOIN_SECRET + "&sig=x";
    }

    private void ultravoxCreates(int delayMillis) {
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(ultravoxCall(callId, joinUrl()))
                .withFixedDelay(delayMillis)));
    }

    private Response call(Map<String, String> fields) {
        return postSigned(BASE, fields);
    }

    private Response call() {
        return call(voiceWebhook(sid, CALLER, number));
    }

    private String fallback() {
        return "<Response><Say>Sorry &amp; goodbye &lt;for now&gt;</Say><Hangup/></Response>";
    }

    private CallPlacement placement() {
        return ledger.find(sid).await().atMost(Duration.ofSeconds(5)).orElseThrow();
    }

    private double outcome(String outcome) {
        return registry.counter("callbridge.inbound.calls", "outcome", outcome).count();
    }

    @Test
    void aRoutedNumberConnectsTheCallerToItsAgentWithTheCallersContext() throws Exception {
        route(wireMock, number, "{\"agentId\": \"" + AGENT_ID + "\", \"templateContext\": {\"clinic\": \"North\", "
                + "\"caller\": {\"vip\": true}}, \"metadata\": {\"line\": \"reception\"}, "
                + "\"greeting\": \"Thanks for calling North Clinic.\"}");
        ultravoxCreates(0);
        Map<String, String> fields = voiceWebhook(sid, CALLER, number);
        fields.put("FromCity", "SAN FRANCISCO");
        fields.put("FromCountry", "US");
        double connected = outcome("connected");

        Response answer = call(fields);

        answer.then().statusCode(200).contentType(startsWith("text/xml"));
        assertThat(streamUrls(answer.asString())).containsExactly(joinUrl());
        assertThat(outcome("connected")).isEqualTo(connected + 1);
        JsonNode request = mapper.readTree(onlyCreate().getBodyAsString());
        assertThat(request.at("/medium/twilio").isObject()).isTrue();
        assertThat(request.at("/templateContext/caller/number").asText()).isEqualTo(CALLER);
        assertThat(request.at("/templateContext/caller/city").asText()).isEqualTo("SAN FRANCISCO");
        assertThat(request.at("/templateContext/caller/country").asText()).isEqualTo("US");
        assertThat(request.at("/templateContext/caller/zip").isTextual()).as("unknown values are empty strings").isTrue();
        assertThat(request.at("/templateContext/caller/vip").asBoolean()).as("the route's context merged over").isTrue();
        assertThat(request.at("/templateContext/called/number").asText()).isEqualTo(number);
        assertThat(request.at("/templateContext/clinic").asText()).isEqualTo("North");
        assertThat(request.at("/firstSpeakerSettings/agent/text").asText()).isEqualTo("Thanks for calling North Clinic.");
        assertThat(request.at("/metadata/line").asText()).isEqualTo("reception");
        assertThat(request.at("/metadata/callbridge.placementId").asText()).isEqualTo(InboundConnector.placementId(sid));
        assertThat(request.at("/joinTimeout").asText()).isEqualTo("30s");

        CallPlacement placement = placement();
        assertThat(placement.direction()).isEqualTo(CallPlacement.Direction.INBOUND);
        assertThat(placement.state()).isEqualTo(CallPlacement.State.DIALED);
        assertThat(placement.callId()).isEqualTo(callId);
        assertThat(placement.to()).isEqualTo(number);
        assertThat(placement.from()).isEqualTo(CALLER);
        assertThat(api().get("/api/v1/calls?direction=inbound&pageSize=200").jsonPath().getList(
                "results.findAll { it.twilioCallSid == '" + sid + "' }.direction")).containsExactly("inbound");
        assertThat(api().get("/api/v1/calls?direction=outbound&pageSize=200").jsonPath().getList("results.direction"))
                .doesNotContain("inbound");
        api().get("/api/v1/calls?direction=sideways").then().statusCode(400)
                .body("errors[0].field", equalTo("direction"));
    }

    @Test
    void theNumbersStatusCallbackEndsTheCallWithoutASequenceNumber() {
        route(wireMock, number);
        ultravoxCreates(0);
        call().then().statusCode(200);
        Map<String, String> completed = voiceWebhook(sid, CALLER, number);
        completed.put("CallStatus", "completed");
        completed.put("CallDuration", "42");
        String url = BASE + "/webhooks/twilio/call-status";

        InboundFixtures.post(completed, null).then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN, url, completed))
                .body(InboundFixtures.form(completed)).post("/webhooks/twilio/call-status").then().statusCode(200);

        assertThat(placement().twilioStatus()).isEqualTo("completed");
        assertThat(ledger.events(placement().placementId()).await().atMost(Duration.ofSeconds(5)))
                .singleElement().satisfies(event -> assertThat(event.durationSeconds()).isEqualTo(42));
    }

    @Test
    void aCallerWhoHangsUpWhileTheAgentCallIsMadeLeavesNoAgentWaiting() {
        route(wireMock, number);
        ultravoxCreates(600);
        // Ultravox confirms nobody joined before the call is released.
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + callId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ultravoxCall(callId, joinUrl()))));
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(this::call);
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.find(sid).await().atMost(Duration.ofSeconds(5))
                .isPresent());

        statusCallback("completed").then().statusCode(200);

        answer.join().then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            wireMock.verify(deleteRequestedFor(urlPathEqualTo("/api/calls/" + callId)));
            CallPlacement placement = placement();
            assertThat(placement.ended()).isTrue();
            assertThat(placement.conversation().endReason()).isEqualTo("unjoined");
        });
    }

    @Test
    void aShortCallThatJoinedBeforeItsWebhookArrivedIsNeverDeleted() {
        route(wireMock, number);
        ultravoxCreates(600);
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + callId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ultravoxCall(callId, joinUrl())
                        .replace("\"joined\": null", "\"joined\": \"2025-06-01T12:00:01Z\""))));
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(this::call);
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.find(sid).await().atMost(Duration.ofSeconds(5))
                .isPresent());

        statusCallback("completed").then().statusCode(200);
        answer.join().then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                wireMock.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        urlPathEqualTo("/api/calls/" + callId))));
        // A wrong release would follow the read at once: none comes for a while after it.
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() ->
                wireMock.findAll(deleteRequestedFor(urlPathEqualTo("/api/calls/" + callId))).isEmpty());
        assertThat(placement().conversation().ended()).isNull();
    }

    private Response statusCallback(String status) {
        Map<String, String> fields = voiceWebhook(sid, CALLER, number);
        fields.put("CallStatus", status);
        fields.put("CallDuration", "1");
        String url = BASE + "/webhooks/twilio/call-status";
        return io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN, url, fields))
                .body(InboundFixtures.form(fields)).post("/webhooks/twilio/call-status");
    }

    @Test
    void anUnsignedOrForgedWebhookIsRefusedAndCreatesNothing() {
        route(wireMock, number);
        ultravoxCreates(0);
        Map<String, String> fields = voiceWebhook(sid, CALLER, number);

        InboundFixtures.post(fields, null).then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("X-Twilio-Signature"));
        InboundFixtures.post(fields, TwilioSignatures.sign("another-token", BASE + "/webhooks/twilio/voice", fields))
                .then().statusCode(403).contentType("application/problem+json");
        // Signed for the request's own URL, not the public one Twilio was given.
        InboundFixtures.post(fields, TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN,
                "http://localhost:8081/webhooks/twilio/voice", fields)).then().statusCode(403);

        wireMock.verify(0, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        assertThat(ledger.find(sid).await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aNumberWithoutARouteHearsTheFallback() {
        double before = outcome("no-route");

        Response answer = call();

        answer.then().statusCode(200).contentType(startsWith("text/xml"));
        assertThat(answer.asString()).endsWith(fallback());
        assertThat(outcome("no-route")).isEqualTo(before + 1);
        wireMock.verify(0, postRequestedFor(urlPathMatching("/api/agents/.*/calls")));
    }

    @Test
    void aRouteToADeletedAgentHearsTheFallbackAndTheFailureIsRecorded() {
        route(wireMock, number);
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Not found.\"}")));

        assertThat(call().then().statusCode(200).extract().asString()).endsWith(fallback());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            CallPlacement placement = placement();
            assertThat(placement.state()).isEqualTo(CallPlacement.State.FAILED);
            assertThat(placement.direction()).isEqualTo(CallPlacement.Direction.INBOUND);
        });
    }

    @Test
    void anUltravoxRefusalOrErrorHearsTheFallback() {
        route(wireMock, number);
        for (int status : new int[] {400, 500, 503}) {
            wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"no\"}")));
            String callSid = newSid();

            assertThat(call(voiceWebhook(callSid, CALLER, number)).then().statusCode(200).extract().asString())
                    .as("Ultravox %d", status).endsWith(fallback());
        }
    }

    @Test
    void anUltravoxSlowerThanTheBudgetHearsTheFallbackAndItsLateCallIsDeleted() {
        route(wireMock, number);
        // Below the test's 2 s read timeout of the Ultravox client, above the 800 ms budget.
        ultravoxCreates(1_800);
        double before = outcome("timeout");
        long started = System.nanoTime();

        String answer = call().then().statusCode(200).extract().asString();

        // Answered before Ultravox did: by the 800 ms budget, not by the vendor.
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_800);
        assertThat(answer).endsWith(fallback());
        assertThat(outcome("timeout")).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            wireMock.verify(deleteRequestedFor(urlPathEqualTo("/api/calls/" + callId)));
            CallPlacement placement = placement();
            assertThat(placement.state()).isEqualTo(CallPlacement.State.COMPENSATED);
            assertThat(placement.error().kind()).isEqualTo("answer-timeout");
        });
    }

    @Test
    void twilioSendingTheWebhookAgainGetsTheSameStreamAndNoSecondAgentCall() {
        route(wireMock, number);
        ultravoxCreates(300);
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + callId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ultravoxCall(callId, joinUrl()))));
        double repeated = outcome("connected");

        // Two at once (the second arrives while the first waits for Ultravox), then one later.
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> call().asString());
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> call().asString());
        List<String> answers = List.of(first.join(), second.join(), call().asString());

        assertThat(answers).allSatisfy(answer -> assertThat(streamUrls(answer)).containsExactly(joinUrl()));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        assertThat(outcome("connected")).isEqualTo(repeated + 3);
    }

    @Test
    void whenEveryCallSlotIsTakenTheCallerHearsTheFallbackAndNoAgentCallIsMade() {
        route(wireMock, number);
        ultravoxCreates(0);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        double before = outcome("overloaded");
        try {
            for (int i = 0; i < admission.limit(); i++) {
                admission.admit(AGENT_ID, CALLER, () -> Uni.createFrom().completionStage(gate))
                        .subscribe().with(done -> { }, failure -> { });
            }

            assertThat(call().then().statusCode(200).extract().asString()).endsWith(fallback());
        } finally {
            gate.complete(null);
        }
        assertThat(outcome("overloaded")).isEqualTo(before + 1);
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
    }

    @Test
    void aHostileJoinUrlIsEscapedIntoOneStreamAttribute() throws Exception {
        route(wireMock, number);
        String hostile = "wss://voice.example/calls/" + callId + "?a=\"/><Hangup/><Say>x</Say><Stream_url=\"wss://evil&b='<x>'";
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(ultravoxCall(callId, hostile))));

        String answer = call().then().statusCode(200).extract().asString();

        assertThat(streamUrls(answer)).containsExactly(hostile);
        assertThat(answer).doesNotContain("<Hangup/>").doesNotContain("<Say>");
    }

    @Test
    void anInboundCallCanBeHungUpThroughTheApi() {
        route(wireMock, number);
        ultravoxCreates(0);
        call().then().statusCode(200);
        String path = "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls/" + sid + ".json";
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(twilioCall("in-progress")));
        wireMock.stubFor(post(urlPathEqualTo(path)).willReturn(twilioCall("completed")));

        api().delete("/api/v1/calls/{id}", sid).then().statusCode(204);

        wireMock.verify(postRequestedFor(urlPathEqualTo(path)).withFormParam("Status",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("completed")));
    }

    private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder twilioCall(String status) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"sid": "%s", "account_sid": "%s", "to": "%s", "from": "%s", "status": "%s",
                 "date_created": "Sun, 01 Jun 2025 12:00:06 +0000", "date_updated": "Sun, 01 Jun 2025 12:00:06 +0000",
                 "start_time": "Sun, 01 Jun 2025 12:00:06 +0000", "end_time": null, "duration": null,
                 "direction": "inbound", "api_version": "2010-04-01", "queue_time": "0"}
                """.formatted(sid, WireMockVendors.TWILIO_SID, number, CALLER, status));
    }

    @Test
    void noJoinUrlAndNoFullCallerNumberIsLogged() {
        route(wireMock, number);
        ultravoxCreates(0);
        try (LogCapture logs = LogCapture.install()) {
            java.util.logging.Logger.getLogger("dev.callbridge").setLevel(Level.FINEST);
            call().then().statusCode(200);
            wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(500)));
            call(voiceWebhook(newSid(), CALLER, number)).then().statusCode(200);

            assertThat(logs.text()).contains(sid).doesNotContain(JOIN_SECRET).doesNotContain(CALLER)
                    .doesNotContain(number);
        } finally {
            java.util.logging.Logger.getLogger("dev.callbridge").setLevel(null);
        }
    }

    @Test
    void aMalformedWebhookIsAProblemNotAnError() {
        Map<String, String> fields = voiceWebhook(sid, CALLER, number);
        fields.remove("CallSid");

        call(fields).then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("CallSid is required: at most 64 letters and digits."));
    }

    private LoggedRequest onlyCreate() {
        List<LoggedRequest> creates = wireMock.findAll(postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        assertThat(creates).hasSize(1);
        return creates.get(0);
    }

    /** The {@code url} of every {@code <Stream>} in a TwiML document, read by an XML parser as Twilio would. */
    private static List<String> streamUrls(String twiml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(twiml)));
        var streams = document.getElementsByTagName("Stream");
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < streams.getLength(); i++) {
            urls.add(((Element) streams.item(i)).getAttribute("url"));
        }
        return urls;
    }
}
