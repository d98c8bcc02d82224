package dev.callbridge.number;

import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;

/** Shorthands for the number route tests: requests as one API key, an agent Ultravox knows, clean-up. */
final class Numbers {

    static final String AGENT_ID = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90";
    static final String OTHER_AGENT_ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";

    private Numbers() {
    }

    /** A JSON request as {@code apiKey}, sending the path exactly as written (no escaping by the client). */
    static RequestSpecification as(String apiKey) {
        return given().header("X-API-Key", apiKey).contentType(ContentType.JSON).accept(ContentType.JSON)
                .urlEncodingEnabled(false);
    }

    /** A body routing to {@code agentId}. */
    static String body(String agentId) {
        return "{\"agentId\": \"" + agentId + "\"}";
    }

    /** Makes the WireMock Ultravox know {@code agentId}. */
    static void ultravoxKnows(WireMockServer wireMock, String agentId) {
        wireMock.stubFor(WireMock.get("/api/agents/" + agentId).willReturn(WireMock.aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"agentId": "%s", "publishedRevisionId": null, "name": "reception_bot",
                         "created": "2026-06-01T12:00:00Z", "callTemplate": {"systemPrompt": "Answer the phone."},
                         "statistics": {"calls": 0}}""".formatted(agentId))));
    }

    /** Deletes every route of {@code apiKey}. */
    static void unrouteAll(String apiKey) {
        List<String> numbers = as(apiKey).get("/api/v1/numbers?pageSize=200").then().statusCode(200)
                .extract().jsonPath().getList("results.number", String.class);
        for (String number : numbers) {
            as(apiKey).delete("/api/v1/numbers/" + number.replace("+", "%2B")).then().statusCode(204);
        }
    }
}
