package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.JOIN_URL;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.call.CallFixtures.json;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The call ledger through the API: the steps of each outcome, the listing and its parameters. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallListingTest {

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @InjectWireMock
    WireMockServer wireMock;

    /** A fresh agent per test, so placements of other tests stay out of its listing. */
    private String agentId;

    @BeforeEach
    void freshAgent() {
        wireMock.resetAll();
        agentId = UUID.randomUUID().toString();
    }

    @Test
    void aDialledCallIsTaggedWithItsPlacementIdAndShowsEveryStep() throws Exception {
        ultravoxCreates(UUID.randomUUID().toString());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        String callId = place("+14155550123").then().statusCode(201).extract().path("callId");

        JsonPath page = list("?agentId=" + agentId);
        assertThat(page.getList("results")).hasSize(1);
        String placementId = page.getString("results[0].placementId");
        assertThat(page.getString("results[0].callId")).isEqualTo(callId);
        assertThat(page.getString("results[0].twilioCallSid")).isEqualTo(SID);
        assertThat(page.getString("results[0].state")).isEqualTo("dialed");
        assertThat(page.getString("results[0].twilioStatus")).isEqualTo("queued");
        assertThat(page.getString("results[0].to")).isEqualTo("+14155550123");
        assertThat(page.getList("results[0].steps.state")).containsExactly("accepted", "ultravox_created", "dialing",
                "dialed");
        assertThat(page.getMap("results[0]")).doesNotContainKey("error");
        assertThat(page.getString("next")).isNull();

        String sent = wireMock.findAll(postRequestedFor(urlPathEqualTo(ultravoxCreate()))).get(0).getBodyAsString();
        assertThat(new ObjectMapper().readTree(sent).path("metadata").path("callbridge.placementId").asText())
                .isEqualTo(placementId);
    }

    @Test
    void aPlacementWhoseUltravoxCreationMayHaveSucceededStaysUnsettledForRecovery() {
        wireMock.stubFor(post(urlPathEqualTo(ultravoxCreate())).willReturn(aResponse().withStatus(500)));
        place("+14155550125").then().statusCode(502);

        JsonPath page = list("?agentId=" + agentId + "&status=accepted");
        assertThat(page.getList("results")).hasSize(1);
        assertThat(page.getString("results[0].to")).isEqualTo("+14155550125");
        assertThat(page.getList("results[0].steps.state")).containsExactly("accepted");
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    @Test
    void aPlacementUltravoxRefusedIsKnownByItsPlacementIdAlone() {
        // A refusal: Ultravox created nothing, so the placement is settled as failed at once.
        wireMock.stubFor(post(urlPathEqualTo(ultravoxCreate())).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"maxDuration\": [\"Too long.\"]}")));
        int answered = place("+14155550124").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .extract().statusCode();

        JsonPath page = list("?agentId=" + agentId + "&status=failed");
        assertThat(page.getList("results")).hasSize(1);
        String placementId = page.getString("results[0].placementId");
        assertThat(page.getMap("results[0]")).doesNotContainKeys("callId", "twilioCallSid");
        assertThat(page.getList("results[0].steps.state")).containsExactly("accepted", "failed");
        assertThat(page.getInt("results[0].error.status")).isEqualTo(answered);
        assertThat(page.getString("results[0].error.kind")).isNotBlank();

        api().when().get("/api/v1/calls/{id}", placementId).then().statusCode(200)
                .body("placement.placementId", equalTo(placementId))
                .body("placement.state", equalTo("failed"))
                .body("$", not(hasKey("twilio")))
                .body("$", not(hasKey("callId")));
        api().when().delete("/api/v1/calls/{id}", placementId).then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("no phone leg"));
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    @Test
    void aPlacementTwilioRefusedIsCompensatedWithItsError() {
        String callId = UUID.randomUUID().toString();
        ultravoxCreates(callId);
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(json(400, CallFixtures.twilioError(21211, 400))));
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
        place("+14155550125").then().statusCode(422);

        api().when().get("/api/v1/calls/{id}", callId).then().statusCode(200)
                .body("callId", equalTo(callId))
                .body("placement.state", equalTo("compensated"))
                .body("placement.steps.state", contains("accepted", "ultravox_created", "dialing", "compensated"))
                .body("placement.error.status", equalTo(422))
                .body("$", not(hasKey("twilioCallSid")));
    }

    @Test
    void pagesFollowTheCursorNewestFirst() {
        ultravoxCreatesDistinct();
        wireMock.stubFor(CallFixtures.twilioCreatesDistinctCalls());
        for (int i = 0; i < 5; i++) {
            place("+1415555020" + i).then().statusCode(201);
        }

        List<String> numbers = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = list("?agentId=" + agentId + "&pageSize=2" + (cursor == null ? "" : "&cursor=" + cursor));
            numbers.addAll(page.getList("results.to"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(numbers).containsExactly("+14155550204", "+14155550203", "+14155550202", "+14155550201",
                "+14155550200");
    }

    @Test
    void invalidParametersAreFieldErrorsAllAtOnce() {
        api().when().get("/api/v1/calls?status=ringing&since=yesterday&cursor=bm9wZQ&pageSize=201")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("requestId", notNullValue())
                .body("errors.field", containsInAnyOrder("status", "since", "cursor", "pageSize"));
        api().when().get("/api/v1/calls?pageSize=0").then().statusCode(400).body("errors", hasSize(1));
    }

    @Test
    void theListingNeedsTheApiKey() {
        io.restassured.RestAssured.given().when().get("/api/v1/calls").then().statusCode(401)
                .body("results", nullValue());
    }

    private io.restassured.response.Response place(String to) {
        return api().body("{\"to\": \"" + to + "\"}").when().post("/api/v1/agents/{agentId}/calls", agentId);
    }

    private JsonPath list(String query) {
        return api().when().get("/api/v1/calls" + query).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    private String ultravoxCreate() {
        return "/api/agents/" + agentId + "/calls";
    }

    private void ultravoxCreates(String callId) {
        wireMock.stubFor(post(urlPathEqualTo(ultravoxCreate()))
                .willReturn(json(201, CallFixtures.ultravoxCall(callId, JOIN_URL))));
    }

    private void ultravoxCreatesDistinct() {
        wireMock.stubFor(post(urlPathEqualTo(ultravoxCreate())).willReturn(json(201,
                CallFixtures.ultravoxCall("{{randomValue type='UUID'}}", JOIN_URL)).withTransformers("response-template")));
    }
}
