package dev.callbridge.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class AgentResourceTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailuresAnd("io.vertx.core.net.impl.ConnectionBase");

    static final String AGENT_ID = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90";
    static final String AGENT_JSON = """
            {"agentId": "%s", "publishedRevisionId": null, "name": "support_bot",
             "created": "2025-06-01T12:00:00.123456Z",
             "callTemplate": {"systemPrompt": "Be kind to {{name}}", "temperature": 0.3, "voice": "Jessica",
                              "vadSettings": {"turnEndpointDelay": "0.384s"},
                              "created": "2025-06-01T12:00:00Z", "updated": "2025-06-01T12:00:00Z"},
             "statistics": {"calls": 2}, "someFutureField": true}
            """.formatted(AGENT_ID);

    /** An agent whose template holds non-default values, so that removing them is visible. */
    static final String RICH_AGENT_JSON = """
            {"agentId": "%s", "publishedRevisionId": null, "name": "rich_bot",
             "created": "2025-06-01T12:00:00.123456Z",
             "callTemplate": {"systemPrompt": "Be kind to {{name}}", "voice": "Jessica", "languageHint": "en-US",
                              "temperature": 0.7, "maxDuration": "600s", "selectedTools": [{"toolName": "hangUp"}],
                              "firstSpeakerSettings": {"user": {"fallback": {"delay": "5s", "text": "Hello?"}}},
                              "vadSettings": {"turnEndpointDelay": "0.384s"},
                              "created": "2025-06-01T12:00:00Z", "updated": "2025-06-01T12:00:00Z"},
             "statistics": {"calls": 0}}
            """.formatted(AGENT_ID);

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void createsAgentAndPassesUnknownTemplateFieldsThrough() {
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));

        api().body("""
                {"name": "support_bot", "callTemplate": {"systemPrompt": "Be kind to {{name}}", "temperature": 0.3,
                 "voice": "Jessica", "vadSettings": {"turnEndpointDelay": "0.384s"}, "created": "ignored"}}
                """)
                .when().post("/api/v1/agents")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/agents/" + AGENT_ID))
                .body("agentId", equalTo(AGENT_ID))
                .body("name", equalTo("support_bot"))
                .body("callTemplate.vadSettings.turnEndpointDelay", equalTo("0.384s"))
                .body("statistics.calls", equalTo(2))
                .body("created", equalTo("2025-06-01T12:00:00.123456Z"));

        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/agents"))
                .withHeader("X-API-Key", WireMock.equalTo(WireMockVendors.ULTRAVOX_KEY))
                .withRequestBody(equalToJson("""
                        {"name": "support_bot", "callTemplate": {"systemPrompt": "Be kind to {{name}}",
                         "temperature": 0.3, "voice": "Jessica", "vadSettings": {"turnEndpointDelay": "0.384s"}}}
                        """)));
    }

    @Test
    void rejectsEveryInvalidFieldAtOnceWithoutCallingUltravox() {
        api().body("""
                {"name": "has spaces!", "callTemplate": {"temperature": 1.5, "maxDuration": "PT30S",
                 "languageHint": "english please", "firstSpeakerSettings": {"agent": {}, "user": {}},
                 "selectedTools": [{"toolName": "hangUp"}, {}], "recordingEnabled": "yes"}}
                """)
                .when().post("/api/v1/agents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("validation"))
                .body("status", equalTo(400))
                .body("requestId", notNullValue())
                .body("errors.field", hasItems("name", "callTemplate.systemPrompt", "callTemplate.temperature",
                        "callTemplate.maxDuration", "callTemplate.languageHint",
                        "callTemplate.firstSpeakerSettings", "callTemplate.selectedTools[1]",
                        "callTemplate.recordingEnabled"))
                .body("errors", hasSize(8));
        wireMock.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void rejectsBadBodies() {
        api().body("").when().post("/api/v1/agents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        api().body("{\"name\": ").when().post("/api/v1/agents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("malformed-json"));
        api().body("{\"name\": 42, \"callTemplate\": {\"systemPrompt\": \"x\"}}").when().post("/api/v1/agents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        api().body("{\"name\": \"ok\", \"callTemplate\": [1]}").when().post("/api/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("callTemplate"));
        api().body("{\"name\": \"ok\", \"callTemplate\": {\"systemPrompt\": \"x\"}, \"colour\": \"red\"}")
                .when().post("/api/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("unknown field"));
        api().body("{\"name\": \"Ågent_ünïcode\", \"callTemplate\": {\"systemPrompt\": \"x\"}}")
                .when().post("/api/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        api().body("{\"name\": \"" + "a".repeat(65) + "\", \"callTemplate\": {\"systemPrompt\": \"x\"}}")
                .when().post("/api/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        api().body("{\"name\": \"big\", \"callTemplate\": {\"systemPrompt\": \"" + "p".repeat(50_001) + "\"}}")
                .when().post("/api/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("callTemplate.systemPrompt"))
                .body("errors[0].message", containsString("at most"));
        wireMock.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void acceptsUnicodeInsidePrompts() {
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));
        api().body("{\"name\": \"bot\", \"callTemplate\": {\"systemPrompt\": \"Grüß Gott, 你好 👋\"}}")
                .when().post("/api/v1/agents").then().statusCode(201);
        wireMock.verify(postRequestedFor(urlEqualTo("/api/agents")).withRequestBody(
                equalToJson("{\"name\": \"bot\", \"callTemplate\": {\"systemPrompt\": \"Grüß Gott, 你好 👋\"}}")));
    }

    @Test
    void listsAgentsPassingTheCursorThrough() {
        wireMock.stubFor(get(urlPathEqualTo("/api/agents")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"next\": \"https://api.ultravox.ai/api/agents?cursor=cD0yMDI1%3D&pageSize=1\","
                        + " \"previous\": null, \"total\": 7, \"results\": [" + AGENT_JSON + "]}")));

        api().queryParam("cursor", "abc=").queryParam("pageSize", 1)
                .when().get("/api/v1/agents")
                .then().statusCode(200)
                .body("results", hasSize(1))
                .body("results[0].agentId", equalTo(AGENT_ID))
                .body("next", equalTo("cD0yMDI1="))
                .body("previous", nullValue())
                .body("total", equalTo(7));

        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/agents"))
                .withQueryParam("cursor", WireMock.equalTo("abc="))
                .withQueryParam("pageSize", WireMock.equalTo("1")));
    }

    @Test
    void rejectsBadPageSize() {
        api().queryParam("pageSize", "many").when().get("/api/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("pageSize"));
        api().queryParam("pageSize", 0).when().get("/api/v1/agents").then().statusCode(400);
        wireMock.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void readsOneAgent() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));
        api().when().get("/api/v1/agents/" + AGENT_ID)
                .then().statusCode(200).body("callTemplate.systemPrompt", equalTo("Be kind to {{name}}"));
    }

    @Test
    void unknownAgentIsA404NamingTheId() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Not found.\"}")));
        api().when().get("/api/v1/agents/" + AGENT_ID)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(AGENT_ID))
                .body("instance", equalTo("/api/v1/agents/" + AGENT_ID));
    }

    @Test
    void malformedAgentIdIsRejectedLocally() {
        api().when().get("/api/v1/agents/not-a-uuid")
                .then().statusCode(400).body("errors[0].field", equalTo("agentId"));
        wireMock.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void patchMergesIntoTheCurrentTemplate() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));
        wireMock.stubFor(patch(urlEqualTo("/api/agents/" + AGENT_ID)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));

        api().body("{\"name\": \"renamed\", \"callTemplate\": {\"temperature\": 0.8, \"voice\": null}}")
                .when().patch("/api/v1/agents/" + AGENT_ID)
                .then().statusCode(200).body("agentId", equalTo(AGENT_ID));

        wireMock.verify(patchRequestedFor(urlEqualTo("/api/agents/" + AGENT_ID))
                .withHeader("X-API-Key", WireMock.equalTo(WireMockVendors.ULTRAVOX_KEY))
                .withRequestBody(equalToJson("""
                        {"name": "renamed", "callTemplate": {"systemPrompt": "Be kind to {{name}}",
                         "temperature": 0.8, "voice": null, "vadSettings": {"turnEndpointDelay": "0.384s"}}}
                        """)));
    }

    @Test
    void patchSendsTheWholeTemplateWithAnExplicitNullForEachRemovedField() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(RICH_AGENT_JSON)));
        wireMock.stubFor(patch(urlEqualTo("/api/agents/" + AGENT_ID)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));

        api().body("""
                {"callTemplate": {"voice": null, "languageHint": null, "temperature": null, "selectedTools": null,
                 "firstSpeakerSettings": {"user": {"fallback": null}}, "neverSet": null,
                 "vadSettings": {"minimumTurnDuration": "0.1s"}}}
                """)
                .when().patch("/api/v1/agents/" + AGENT_ID)
                .then().statusCode(200);

        // Nothing but removals is null: never the read-only times, nor a field the agent did not have.
        wireMock.verify(1, patchRequestedFor(urlEqualTo("/api/agents/" + AGENT_ID))
                .withRequestBody(equalToJson("""
                        {"callTemplate": {"systemPrompt": "Be kind to {{name}}", "maxDuration": "600s",
                         "voice": null, "languageHint": null, "temperature": null, "selectedTools": null,
                         "firstSpeakerSettings": {"user": {"fallback": null}},
                         "vadSettings": {"turnEndpointDelay": "0.384s", "minimumTurnDuration": "0.1s"}}}
                        """)));
    }

    @Test
    void patchAcceptsTheMergePatchMediaType() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(RICH_AGENT_JSON)));
        wireMock.stubFor(patch(urlEqualTo("/api/agents/" + AGENT_ID)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));

        given().header("X-API-Key", Api.KEY)
                .contentType("application/merge-patch+json").accept("application/json")
                .body("{\"callTemplate\": {\"voice\": null}}")
                .when().patch("/api/v1/agents/" + AGENT_ID)
                .then().statusCode(200).body("agentId", equalTo(AGENT_ID));

        wireMock.verify(1, patchRequestedFor(urlEqualTo("/api/agents/" + AGENT_ID))
                .withRequestBody(equalToJson("""
                        {"callTemplate": {"systemPrompt": "Be kind to {{name}}", "voice": null, "languageHint": "en-US",
                         "temperature": 0.7, "maxDuration": "600s", "selectedTools": [{"toolName": "hangUp"}],
                         "firstSpeakerSettings": {"user": {"fallback": {"delay": "5s", "text": "Hello?"}}},
                         "vadSettings": {"turnEndpointDelay": "0.384s"}}}
                        """)));
    }

    @Test
    void patchReportsNameAndTemplateViolationsTogether() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(RICH_AGENT_JSON)));
        api().body("""
                {"name": "has spaces!", "callTemplate": {"temperature": 5, "languageHint": "english please",
                 "selectedTools": [{}]}}
                """)
                .when().patch("/api/v1/agents/" + AGENT_ID)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "callTemplate.temperature", "callTemplate.languageHint",
                        "callTemplate.selectedTools[0]"))
                .body("errors", hasSize(4));
        wireMock.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void patchOfNameOnlyDoesNotReadTheTemplate() {
        wireMock.stubFor(patch(urlEqualTo("/api/agents/" + AGENT_ID)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));
        api().body("{\"name\": \"renamed\"}").when().patch("/api/v1/agents/" + AGENT_ID).then().statusCode(200);
        wireMock.verify(0, getRequestedFor(anyUrl()));
        wireMock.verify(patchRequestedFor(urlEqualTo("/api/agents/" + AGENT_ID))
                .withRequestBody(equalToJson("{\"name\": \"renamed\"}")));
    }

    @Test
    void patchValidatesTheMergedResult() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));
        api().body("{\"callTemplate\": {\"systemPrompt\": null, \"temperature\": -1}}")
                .when().patch("/api/v1/agents/" + AGENT_ID)
                .then().statusCode(400)
                .body("errors.field", hasItems("callTemplate.systemPrompt", "callTemplate.temperature"));
        api().body("{}").when().patch("/api/v1/agents/" + AGENT_ID).then().statusCode(400);
        wireMock.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void deletesAgent() {
        wireMock.stubFor(delete("/api/agents/" + AGENT_ID).willReturn(aResponse().withStatus(204)));
        api().when().delete("/api/v1/agents/" + AGENT_ID).then().statusCode(204);
        wireMock.verify(deleteRequestedFor(urlEqualTo("/api/agents/" + AGENT_ID))
                .withHeader("X-API-Key", WireMock.equalTo(WireMockVendors.ULTRAVOX_KEY)));
    }

    @Test
    void ultravoxValidationErrorsBecome422WithItsFieldMessages() {
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"name\": [\"Agent with this name already exists.\"],"
                        + " \"callTemplate\": {\"voice\": [\"Unknown voice.\"]}}")));
        api().body("{\"name\": \"dup\", \"callTemplate\": {\"systemPrompt\": \"x\"}}")
                .when().post("/api/v1/agents")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "callTemplate.voice"))
                .body("errors.message", hasItems("Agent with this name already exists.", "Unknown voice."));
    }

    @Test
    void rejectedCredentialsBecome502WithoutTheKey() {
        wireMock.stubFor(get(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\": \"Invalid API key " + WireMockVendors.ULTRAVOX_KEY + "\"}")));
        api().when().get("/api/v1/agents")
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("credentials"))
                .body(not(containsString(WireMockVendors.ULTRAVOX_KEY)));
    }

    @Test
    void rateLimitPassesRetryAfterOn() {
        wireMock.stubFor(get(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"detail\": \"Request was throttled.\"}")));
        api().when().get("/api/v1/agents")
                .then().statusCode(429).header("Retry-After", "7").contentType("application/problem+json");
    }

    @Test
    void serverErrorsTimeoutsAndResetsAreGatewayErrors() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse().withStatus(503)));
        api().when().get("/api/v1/agents/" + AGENT_ID).then().statusCode(502)
                .body("detail", containsString("Ultravox"));

        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse().withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));
        api().when().get("/api/v1/agents/" + AGENT_ID).then().statusCode(504)
                .body("detail", containsString("Ultravox"));

        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        api().when().get("/api/v1/agents/" + AGENT_ID).then().statusCode(502)
                .contentType("application/problem+json");
    }
}
