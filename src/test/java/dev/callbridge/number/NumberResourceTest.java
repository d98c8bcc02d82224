package dev.callbridge.number;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.callbridge.number.Numbers.AGENT_ID;
import static dev.callbridge.number.Numbers.OTHER_AGENT_ID;
import static dev.callbridge.number.Numbers.as;
import static dev.callbridge.number.Numbers.body;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/numbers}: routing, replacing, reading, paging, deleting, validation and per-key ownership. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class NumberResourceTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailuresAnd("io.vertx.core.net.impl.ConnectionBase");

    private static final String OTHER_KEY = "test-key-2";
    private static final String NUMBER = "+14155550100";
    private static final String PATH = "/api/v1/numbers/";

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void knownAgents() {
        wireMock.resetAll();
        Numbers.ultravoxKnows(wireMock, AGENT_ID);
        Numbers.ultravoxKnows(wireMock, OTHER_AGENT_ID);
    }

    @AfterEach
    void unroute() {
        Numbers.unrouteAll(Api.KEY);
        Numbers.unrouteAll(OTHER_KEY);
    }

    @Test
    void createsThenReplacesKeepingCreatedAt() throws InterruptedException {
        JsonPath created = as(Api.KEY).body("""
                {"agentId": "%s", "templateContext": {"clinic": "Example Dental", "caller": {"vip": true}},
                 "metadata": {"line": "reception"}, "greeting": "  Thank you for calling.  "}""".formatted(AGENT_ID))
                .put(PATH + NUMBER).then().statusCode(201)
                .contentType("application/json")
                .header("Location", "/api/v1/numbers/%2B14155550100")
                .body("number", equalTo(NUMBER)).body("agentId", equalTo(AGENT_ID))
                .body("templateContext.clinic", equalTo("Example Dental"))
                .body("templateContext.caller.vip", equalTo(true))
                .body("metadata.line", equalTo("reception"))
                .body("greeting", equalTo("Thank you for calling."))
                .body("voiceUrl", nullValue()).body("statusCallbackUrl", nullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("owner")))
                .extract().jsonPath();
        assertThat(created.getString("createdAt")).isEqualTo(created.getString("updatedAt"));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/api/agents/" + AGENT_ID)));
        Thread.sleep(5);

        JsonPath replaced = as(Api.KEY).body(body(OTHER_AGENT_ID)).put(PATH + NUMBER).then().statusCode(200)
                .header("Location", nullValue())
                .body("agentId", equalTo(OTHER_AGENT_ID)).body("templateContext", nullValue())
                .body("metadata.size()", equalTo(0)).body("greeting", nullValue())
                .extract().jsonPath();
        assertThat(replaced.getString("createdAt")).isEqualTo(created.getString("createdAt"));
        assertThat(Instant.parse(replaced.getString("updatedAt")))
                .isAfter(Instant.parse(created.getString("updatedAt")));

        as(Api.KEY).body(body(OTHER_AGENT_ID)).put(PATH + NUMBER).then().statusCode(200);
        as(Api.KEY).get(PATH + NUMBER).then().statusCode(200).body("agentId", equalTo(OTHER_AGENT_ID))
                .body("createdAt", equalTo(created.getString("createdAt")));
    }

    @Test
    void theNumberIsNormalisedWhateverFormThePathUses() {
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + "%2B1%20415%20555%200100").then().statusCode(201)
                .body("number", equalTo(NUMBER));

        as(Api.KEY).get(PATH + "%2B14155550100").then().statusCode(200).body("number", equalTo(NUMBER));
        as(Api.KEY).get(PATH + "+1-415-555-0100").then().statusCode(200).body("number", equalTo(NUMBER));
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + "+14155550100").then().statusCode(200);
        as(Api.KEY).delete(PATH + "+14155550100").then().statusCode(204);
    }

    @Test
    void deletesAndThenAnswers404() {
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + NUMBER).then().statusCode(201);

        as(Api.KEY).delete(PATH + NUMBER).then().statusCode(204);

        as(Api.KEY).get(PATH + NUMBER).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("not routed")).body("requestId", notNullValue());
        as(Api.KEY).delete(PATH + NUMBER).then().statusCode(404).contentType("application/problem+json");
        as(Api.KEY).get("/api/v1/numbers").then().statusCode(200).body("results.size()", equalTo(0));
    }

    @Test
    void listsInNumberOrderPageByPage() {
        List<String> numbers = List.of("+14155550104", "+14155550101", "+442071838750", "+14155550103",
                "+4930901820");
        for (String number : numbers) {
            as(Api.KEY).body(body(AGENT_ID)).put(PATH + number).then().statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = as(Api.KEY).get("/api/v1/numbers?pageSize=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("results.number", String.class));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("+14155550101", "+14155550103", "+14155550104", "+442071838750",
                "+4930901820");
        as(Api.KEY).get("/api/v1/numbers").then().statusCode(200).body("results.size()", equalTo(5))
                .body("next", nullValue()).body("results[0].agentId", equalTo(AGENT_ID));
    }

    @Test
    void refusesBadPageSizesAndCursors() {
        for (String query : List.of("pageSize=0", "pageSize=201", "pageSize=ten", "cursor=bm90LW91cnM")) {
            as(Api.KEY).get("/api/v1/numbers?" + query).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field[0]", equalTo(query.substring(0, query.indexOf('='))));
        }
    }

    @Test
    void anInvalidNumberIsA400NamingTheField() {
        for (String written : List.of("4155550100", "+1415555", "%2B999123456789", "+1abc5550100")) {
            as(Api.KEY).body(body(AGENT_ID)).put(PATH + written).then().statusCode(400)
                    .contentType("application/problem+json").body("requestId", notNullValue())
                    .body("errors.field", hasItems("number"));
            as(Api.KEY).get(PATH + written).then().statusCode(400).body("errors[0].field", equalTo("number"));
            as(Api.KEY).delete(PATH + written).then().statusCode(400).body("errors[0].field", equalTo("number"));
        }
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnknownAgentIsRefusedWith422() {
        String missing = "0f1e2d3c-4b5a-4968-8776-655443322110";
        wireMock.stubFor(get("/api/agents/" + missing).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Not found.\"}")));

        as(Api.KEY).body(body(missing)).put(PATH + NUMBER).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("unknown-agent")).body("detail", containsString(missing))
                .body("errors[0].field", equalTo("agentId")).body("requestId", notNullValue());

        as(Api.KEY).get(PATH + NUMBER).then().statusCode(404);
    }

    @Test
    void anAgentIdThatIsNoUuidIsRefusedWithoutAskingUltravox() {
        as(Api.KEY).body(body("reception")).put(PATH + NUMBER).then().statusCode(400)
                .body("errors[0].field", equalTo("agentId"));
        as(Api.KEY).body("{}").put(PATH + NUMBER).then().statusCode(400).body("errors[0].field", equalTo("agentId"));
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUltravoxOutageIsTheUsualUpstreamProblemAndStoresNothing() {
        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse().withStatus(503)));
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + NUMBER).then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("Ultravox"))
                .body("requestId", notNullValue());

        wireMock.stubFor(get("/api/agents/" + AGENT_ID).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + NUMBER).then().statusCode(502)
                .contentType("application/problem+json");

        as(Api.KEY).get(PATH + NUMBER).then().statusCode(404);
    }

    @Test
    void anotherKeysNumberCannotBeTakenReadOrDeleted() {
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + NUMBER).then().statusCode(201);

        as(OTHER_KEY).body(body(OTHER_AGENT_ID)).put(PATH + NUMBER).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("number-routed-elsewhere"))
                .body("detail", containsString("routed by another API key")).body("requestId", notNullValue());
        wireMock.verify(0, getRequestedFor(urlEqualTo("/api/agents/" + OTHER_AGENT_ID)));
        as(OTHER_KEY).get(PATH + NUMBER).then().statusCode(404).contentType("application/problem+json");
        as(OTHER_KEY).delete(PATH + NUMBER).then().statusCode(404);
        as(OTHER_KEY).get("/api/v1/numbers").then().statusCode(200).body("results.size()", equalTo(0));

        as(Api.KEY).get(PATH + NUMBER).then().statusCode(200).body("agentId", equalTo(AGENT_ID));
        as(Api.KEY).get("/api/v1/numbers").then().statusCode(200).body("results.number", equalTo(List.of(NUMBER)));
    }

    @Test
    void templateContextMetadataAndGreetingHaveTheLimitsOfACall() {
        String deep = "{\"a\":".repeat(12) + "1" + "}".repeat(12);
        as(Api.KEY).body("""
                {"agentId": "%s", "templateContext": %s, "metadata": {"ultravox.x": "y", "k": "%s"},
                 "greeting": "%s"}""".formatted(AGENT_ID, deep, "v".repeat(1000), "g".repeat(501)))
                .put(PATH + NUMBER).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("templateContext", "metadata[ultravox.x]", "metadata[k]", "greeting"));

        as(Api.KEY).body("{\"agentId\": \"%s\", \"templateContext\": [1, 2]}".formatted(AGENT_ID))
                .put(PATH + NUMBER).then().statusCode(400).body("errors[0].field", equalTo("templateContext"));
        as(Api.KEY).body("{\"agentId\": \"%s\", \"greeting\": \"   \"}".formatted(AGENT_ID))
                .put(PATH + NUMBER).then().statusCode(400).body("errors[0].field", equalTo("greeting"));
        as(Api.KEY).body("{\"agentId\": \"%s\", \"greeting\": \"%s\"}".formatted(AGENT_ID, "g".repeat(500)))
                .put(PATH + NUMBER).then().statusCode(201).body("greeting.length()", equalTo(500));
    }

    @Test
    void unknownFieldsWrongTypesAndNoBodyAreRefused() {
        as(Api.KEY).body("{\"agentId\": \"%s\", \"agent\": \"x\"}".formatted(AGENT_ID)).put(PATH + NUMBER)
                .then().statusCode(400).contentType("application/problem+json").body("requestId", notNullValue());
        as(Api.KEY).body("{\"agentId\": \"%s\", \"greeting\": 5}".formatted(AGENT_ID)).put(PATH + NUMBER)
                .then().statusCode(400).contentType("application/problem+json");
        as(Api.KEY).body("{\"agentId\": \"%s\", \"metadata\": {\"k\": 1}}".formatted(AGENT_ID)).put(PATH + NUMBER)
                .then().statusCode(400).contentType("application/problem+json");
        as(Api.KEY).put(PATH + NUMBER).then().statusCode(400).contentType("application/problem+json");
        as(Api.KEY).get(PATH + NUMBER).then().statusCode(404);
    }

    @Test
    void theApiKeyIsRequired() {
        given().contentType("application/json").body(body(AGENT_ID)).put(PATH + "%2B14155550100")
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/numbers").then().statusCode(401);
    }

    @Test
    void logsShowTheNumberMasked() {
        try (LogCapture logs = LogCapture.install()) {
            as(Api.KEY).body(body(AGENT_ID)).put(PATH + NUMBER).then().statusCode(201);
            as(OTHER_KEY).body(body(AGENT_ID)).put(PATH + "%2B14155550100").then().statusCode(409);
            as(Api.KEY).delete(PATH + NUMBER).then().statusCode(204);

            assertThat(logs.text()).contains("+1******0100").doesNotContain("4155550100");
            assertThat(logs.lines()).anyMatch(line -> line.contains("409") && line.contains("+1******0100"));
        }
    }
}
