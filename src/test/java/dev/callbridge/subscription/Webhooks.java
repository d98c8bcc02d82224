package dev.callbridge.subscription;

import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** Test shorthands for the webhook API. */
final class Webhooks {

    private Webhooks() {
    }

    /** A JSON request with this API key. */
    static RequestSpecification as(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Subscribes {@code url} to {@code events} with {@code secret} (generated when null); the 201's body. */
    static JsonPath subscribe(String key, String url, String secret, String... events) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("url", url, "events", List.of(events)));
        if (secret != null) {
            body.put("secret", secret);
        }
        return as(key).body(body).post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath();
    }

    /** Deletes every subscription of the key. */
    static void deleteAll(String key) {
        List<String> ids = as(key).get("/api/v1/webhooks").then().statusCode(200)
                .extract().jsonPath().getList("results.id");
        ids.forEach(id -> as(key).delete("/api/v1/webhooks/{id}", id));
    }

    /** The subscription's deliveries, newest first. */
    static JsonPath deliveries(String id) {
        return api().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200).extract().jsonPath();
    }
}
