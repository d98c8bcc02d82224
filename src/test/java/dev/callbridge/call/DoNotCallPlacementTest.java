package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.ULTRAVOX_CREATE;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/do-not-call}: listing, reading, paging and taking numbers off, and every
 * placement to a listed number refused before anything is recorded or reaches a vendor.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class DoNotCallPlacementTest {

    private static final String LIST = "/api/v1/do-not-call";
    private static final String NUMBER = "+14155550177";

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    @AfterEach
    void emptyList() {
        wireMock.resetAll();
        List<String> listed = api().get(LIST + "?pageSize=200").then().statusCode(200).extract().path("results.number");
        listed.forEach(number -> api().delete(LIST + "/{number}", number).then().statusCode(204));
    }

    @Test
    void aListedNumberIsNeverDialledWhoeverPlacesTheCall() {
        api().put(LIST + "/{number}", NUMBER).then().statusCode(201)
                .header("Location", LIST + "/%2B14155550177")
                .body("number", equalTo(NUMBER)).body("addedAt", notNullValue());

        for (String key : List.of("test-key-1", "test-key-2")) {
            io.restassured.RestAssured.given().header("X-API-Key", key).contentType("application/json").body("{\"to\": \"" + NUMBER + "\"}")
                    .post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://callbridge.dev/problems/do-not-call"))
                    .body("title", equalTo("Number on the do-not-call list"))
                    .body("detail", containsString("do-not-call list")).body("requestId", notNullValue());
        }

        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        api().get("/api/v1/calls").then().statusCode(200).body("results.findAll { it.to == '" + NUMBER + "' }",
                emptyIterable());
    }

    @Test
    void aNumberTakenOffTheListIsCalledAgain() {
        api().put(LIST + "/{number}", NUMBER).then().statusCode(201);
        api().delete(LIST + "/{number}", NUMBER).then().statusCode(204);
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());

        api().body("{\"to\": \"" + NUMBER + "\"}").post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(201);

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    @Test
    void numbersAreListedOnceAndPagedInNumberOrder() {
        api().put(LIST + "/{number}", "+442071838750").then().statusCode(201).body("number", equalTo("+442071838750"));
        String addedAt = api().urlEncodingEnabled(false).get(LIST + "/%2B442071838750").then().statusCode(200).extract().path("addedAt");
        api().put(LIST + "/{number}", "+442071838750").then().statusCode(200).body("addedAt", equalTo(addedAt));
        api().put(LIST + "/{number}", "+14155550101").then().statusCode(201);
        api().put(LIST + "/{number}", "+14155550102").then().statusCode(201);

        String next = api().get(LIST + "?pageSize=2").then().statusCode(200)
                .body("results.number", equalTo(List.of("+14155550101", "+14155550102")))
                .body("next", notNullValue()).extract().path("next");
        api().queryParam("cursor", next).get(LIST + "?pageSize=2").then().statusCode(200)
                .body("results.number", equalTo(List.of("+442071838750"))).body("next", nullValue());
    }

    @Test
    void badNumbersCursorsAndUnlistedNumbersGetProblems() {
        api().put(LIST + "/{number}", "not-a-number").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("number")).body("requestId", notNullValue());
        api().get(LIST + "?cursor=bogus").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
        api().get(LIST + "?pageSize=0").then().statusCode(400).contentType("application/problem+json");
        api().get(LIST + "/{number}", NUMBER).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("not on the do-not-call list"));
        api().delete(LIST + "/{number}", NUMBER).then().statusCode(404).contentType("application/problem+json");
        io.restassured.RestAssured.given().put(LIST + "/{number}", NUMBER).then().statusCode(401);
    }
}
