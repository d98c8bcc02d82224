package dev.callbridge.http;

import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every failure of the HTTP layer itself answers problem+json with a request id. */
@QuarkusTest
class HttpErrorsTest {

    @Test
    void unknownRouteUnderApi() {
        api().when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("type", containsString("not-found"))
                .body("instance", equalTo("/api/v1/nothing-here"))
                .body("requestId", notNullValue());
    }

    @Test
    void unknownRouteOutsideApi() {
        given().when().get("/definitely/not/here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("/definitely/not/here"));
    }

    @Test
    void wrongMethod() {
        api().when().put("/api/v1/agents")
                .then().statusCode(405).contentType("application/problem+json")
                .body("detail", containsString("PUT"));
    }

    @Test
    void wrongContentType() {
        given().header("X-API-Key", "test-key-1").contentType(ContentType.XML).body("<agent/>")
                .when().post("/api/v1/agents")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void oversizedBody() {
        String prompt = "x".repeat(1024 * 1024 + 10);
        api().body("{\"name\": \"big\", \"callTemplate\": {\"systemPrompt\": \"" + prompt + "\"}}")
                .when().post("/api/v1/agents")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("size limit"));
    }

    @Test
    void requestIdIsEchoedWhenWellFormedAndReplacedOtherwise() {
        api().header("X-Request-Id", "client-id-123").when().get("/api/v1/nothing")
                .then().header("X-Request-Id", "client-id-123")
                .body("requestId", equalTo("client-id-123"));
        api().header("X-Request-Id", "bad id with spaces\u00e9").when().get("/api/v1/nothing")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void missingOrWrongApiKeyIs401() {
        given().when().get("/api/v1/agents")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("X-API-Key"));
        given().header("X-API-Key", "nope").when().get("/api/v1/agents")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-API-Key", "nope").when().get("/api/v1/unknown")
                .then().statusCode(401);
        given().header("X-API-Key", "test-key-2").when().get("/api/v1/unknown")
                .then().statusCode(404);
    }

    @Test
    void probesAndMetricsNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
