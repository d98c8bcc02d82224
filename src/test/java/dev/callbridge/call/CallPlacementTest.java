package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.JOIN_SECRET;
import static dev.callbridge.call.CallFixtures.JOIN_URL;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.call.CallFixtures.TO;
import static dev.callbridge.call.CallFixtures.TWIML;
import static dev.callbridge.call.CallFixtures.ULTRAVOX_CREATE;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallPlacementTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    static final ObjectMapper JSON = new ObjectMapper();

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void placesACallThroughUltravoxAndTwilio() {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());

        api().body("""
                {"to": "+1 (415) 555-0123", "templateContext": {"customer": {"name": "Ada"}},
                 "metadata": {"crmId": "42"}, "maxDuration": 600, "recordingEnabled": true, "timeoutSeconds": 30}
                """)
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.equalTo("/api/v1/calls/" + CALL_ID))
                .body("callId", org.hamcrest.Matchers.equalTo(CALL_ID))
                .body("twilioCallSid", org.hamcrest.Matchers.equalTo(SID))
                .body("agentId", org.hamcrest.Matchers.equalTo(AGENT_ID))
                .body("to", org.hamcrest.Matchers.equalTo(TO))
                .body("from", org.hamcrest.Matchers.equalTo(WireMockVendors.TWILIO_NUMBER))
                .body("status", org.hamcrest.Matchers.equalTo("queued"))
                .body("createdAt", org.hamcrest.Matchers.equalTo("2025-06-01T12:00:00.123456Z"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("joinUrl")));

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE))
                .withHeader("X-API-Key", equalTo(WireMockVendors.ULTRAVOX_KEY))
                .withRequestBody(equalToJson("""
                        {"medium": {"twilio": {}}, "templateContext": {"customer": {"name": "Ada"}},
                         "metadata": {"crmId": "42", "callbridge.placementId": "${json-unit.any-string}"},
                         "maxDuration": "600s", "recordingEnabled": true, "joinTimeout": "60s"}
                        """)));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH))
                .withBasicAuth(new BasicCredentials(WireMockVendors.TWILIO_SID, WireMockVendors.TWILIO_TOKEN))
                .withFormParam("To", equalTo(TO))
                .withFormParam("From", equalTo(WireMockVendors.TWILIO_NUMBER))
                .withFormParam("Twiml", equalTo(TWIML))
                .withFormParam("Timeout", equalTo("30")));
        assertThat(formParams(single(CALLS_PATH))).containsExactlyInAnyOrder("To", "From", "Twiml", "Timeout");
        wireMock.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void theClientsJoinTimeoutIsSentAsItIs() {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());

        api().body("{\"to\": \"+14155550123\", \"timeoutSeconds\": 20, \"joinTimeout\": 300}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID).then().statusCode(201);

        wireMock.verify(postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE))
                .withRequestBody(matchingJsonPath("$.joinTimeout", equalTo("300s"))));
    }

    @Test
    void theClientsFirstSpeakerSettingsAreSentAsUltravoxNamesThem() {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());

        api().body("{\"to\": \"+14155550123\", \"firstSpeakerSettings\": {\"user\": {\"fallback\": "
                + "{\"delay\": \"4s\", \"text\": \"Hello, this is Maya from Example Dental.\"}}}}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID).then().statusCode(201);

        wireMock.verify(postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE))
                .withRequestBody(matchingJsonPath("$.firstSpeakerSettings", equalToJson("""
                        {"user": {"fallback": {"delay": "4s", "text": "Hello, this is Maya from Example Dental."}}}
                        """))));
    }

    @Test
    void firstSpeakerSettingsUltravoxWouldRefuseAreRefusedBeforeAnyCall() {
        api().body("{\"to\": \"+14155550123\", \"firstSpeakerSettings\": {\"agent\": {\"text\": \"Hi\"}, "
                + "\"user\": {}}}").when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("firstSpeakerSettings"));
        api().body("{\"to\": \"+14155550123\", \"firstSpeakerSettings\": {\"agent\": {\"words\": \"Hi\"}}}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(400).contentType("application/problem+json");

        wireMock.verify(0, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
    }

    @Test
    void sendsOnlyTheFieldsTheClientGave() {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());

        api().body("{\"to\": \"+14155550123\", \"from\": \"+44 20 7946 0958\"}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(201).body("from", org.hamcrest.Matchers.equalTo("+442079460958"));

        wireMock.verify(postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE))
                .withRequestBody(equalToJson("""
                        {"medium": {"twilio": {}}, "metadata": {"callbridge.placementId": "${json-unit.any-string}"},
                         "joinTimeout": "90s"}
                        """)));
        assertThat(formParams(single(CALLS_PATH))).containsExactlyInAnyOrder("To", "From", "Twiml");
        wireMock.verify(postRequestedFor(urlPathEqualTo(CALLS_PATH)).withFormParam("From", equalTo("+442079460958")));
    }

    @Test
    void nestedUnicodeTemplateContextArrivesEqualInMeaning() throws Exception {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        String context = """
                {"customer": {"name": "Zoë Ångström-山田 🚀", "tags": ["vip", "café", "\\u00e9\\u0301"],
                  "balance": 1234.5, "overdue": false, "nickname": null, "visits": [1, 2, 3],
                  "address": {"lines": ["Straße 1", "מיקוד 2"], "geo": {"lat": -33.865143, "lng": 151.2093,
                    "precision": {"meters": 10, "source": {"kind": "gps"}}}}},
                 "greeting": "Привет, \\"друг\\" <&>", "emptyObject": {}, "emptyList": [], "big": 12345678901234}
                """;

        api().body("{\"to\": \"+14155550123\", \"templateContext\": " + context + "}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(201);

        JsonNode sent = JSON.readTree(single(ULTRAVOX_CREATE).getBodyAsString()).get("templateContext");
        assertThat(sent).isEqualTo(JSON.readTree(context));
        assertThat(sent.at("/customer/address/geo/precision/source/kind").asText()).isEqualTo("gps");
    }

    @Test
    void recoversAfterAnInvalidNumber() {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());

        api().body("{\"to\": \"4155550123\"}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
        wireMock.verify(0, anyRequestedFor(anyUrl()));

        api().body("{\"to\": \"+14155550123\"}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(201).body("twilioCallSid", org.hamcrest.Matchers.equalTo(SID));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    @Test
    void rejectsBadInputBeforeAnyUpstreamRequest() {
        String deep = "{\"a\":".repeat(9) + "1" + "}".repeat(9);
        api().body("{\"to\": \"+19005550123\", \"from\": \"+1-800-FLOWERS\", \"templateContext\": " + deep
                        + ", \"metadata\": {\"ultravox.x\": \"y\"}, \"timeoutSeconds\": 1000}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder(
                        "to", "from", "templateContext", "metadata[ultravox.x]", "timeoutSeconds"));
        api().body("{\"to\": \"+14155550123\", \"metadata\": {\"n\": 5}}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(400);
        api().body("{\"to\": \"+14155550123\"}")
                .when().post("/api/v1/agents/{agentId}/calls", "not-a-uuid")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("agentId"));

        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void unknownAgentIs404AndTwilioIsNeverCalled() {
        String unknown = "00000000-0000-4000-8000-000000000000";
        wireMock.stubFor(post(urlPathEqualTo("/api/agents/" + unknown + "/calls"))
                .willReturn(CallFixtures.json(404, "{\"detail\": \"Not found.\"}")));

        api().body("{\"to\": \"+14155550123\"}")
                .when().post("/api/v1/agents/{agentId}/calls", unknown)
                .then().statusCode(404).contentType("application/problem+json");

        wireMock.verify(0, anyRequestedFor(urlPathMatching("/2010-04-01/.*")));
        wireMock.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void concurrentCallsFromOneAgentGetDistinctSids() throws Exception {
        wireMock.stubFor(CallFixtures.ultravoxCreatesDistinctCalls());
        wireMock.stubFor(CallFixtures.twilioCreatesDistinctCalls());
        int calls = 12;
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/v1/agents/" + AGENT_ID + "/calls");

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, calls)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(uri)
                        .header("X-API-Key", Api.KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"+14155550123\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        Set<String> sids = new HashSet<>();
        Set<String> callIds = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode body = JSON.readTree(r.body());
            sids.add(body.get("twilioCallSid").asText());
            callIds.add(body.get("callId").asText());
        }
        assertThat(sids).hasSize(calls).allMatch(sid -> sid.matches("CA[0-9a-fA-F]{32}"));
        assertThat(callIds).hasSize(calls);
        wireMock.verify(calls, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
        wireMock.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void logsNeitherSecretsNorFullPhoneNumbers() {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        try (LogCapture logs = LogCapture.install()) {
            api().body("{\"to\": \"+14155550123\"}")
                    .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                    .then().statusCode(201);
            wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH))
                    .willReturn(CallFixtures.json(400, CallFixtures.twilioError(21211, 400))));
            api().body("{\"to\": \"+14155550123\", \"from\": \"+442079460958\"}")
                    .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                    .then().statusCode(422);

            String text = logs.text();
            assertThat(text).contains("+1******0123").contains(CALL_ID).contains(SID);
            assertThat(text).doesNotContain(JOIN_SECRET).doesNotContain("voice.example")
                    .doesNotContain(WireMockVendors.TWILIO_TOKEN).doesNotContain(WireMockVendors.ULTRAVOX_KEY)
                    .doesNotContain("4155550123").doesNotContain("2079460958").doesNotContain("4155550100");
        }
    }

    @Test
    void joinUrlIsNeverPartOfAnError() {
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(CallFixtures.json(201,
                CallFixtures.ultravoxCall(CALL_ID, "https://voice.example/calls/x?token=" + JOIN_SECRET))));
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());

        String body = api().body("{\"to\": \"+14155550123\"}")
                .when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(502).body("joinUrl", nullValue())
                .extract().asString();

        assertThat(body).doesNotContain(JOIN_SECRET);
        wireMock.verify(0, anyRequestedFor(urlPathMatching("/2010-04-01/.*")));
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    private LoggedRequest single(String path) {
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static Set<String> formParams(LoggedRequest request) {
        return request.getFormParameters().keySet();
    }
}
