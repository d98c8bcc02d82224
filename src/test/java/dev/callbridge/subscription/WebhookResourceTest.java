package dev.callbridge.subscription;

import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.callbridge.testing.Api;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/webhooks}: create, read, list, delete, validation and per-key isolation. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class WebhookResourceTest {

    private static final String OTHER_KEY = "test-key-2";
    private static final String URL = "http://127.0.0.1:9/events";

    @AfterEach
    void cleanUp() {
        Webhooks.deleteAll(Api.KEY);
        Webhooks.deleteAll(OTHER_KEY);
    }

    @Test
    void createsWithAGeneratedSecretShownOnlyOnce() {
        var created = api().body(Map.of("url", URL, "events", List.of("call.placed", "call.ended")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .header("Location", startsWith("/api/v1/webhooks/"))
                .body("url", equalTo(URL)).body("events", equalTo(List.of("call.placed", "call.ended")))
                .body("createdAt", notNullValue())
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(created.header("Location")).isEqualTo("/api/v1/webhooks/" + id);
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(created.<String>path("secretHint")).isEqualTo("…" + secret.substring(secret.length() - 4));

        String shown = api().get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("id", equalTo(id)).body("secret", nullValue()).extract().asString();
        String listed = api().get("/api/v1/webhooks").then().statusCode(200)
                .body("results.id", hasItem(id)).extract().asString();
        assertThat(shown).doesNotContain(secret);
        assertThat(listed).doesNotContain(secret);
        assertThat(Webhooks.subscribe(Api.KEY, URL, null, "call.placed").getString("secret")).isNotEqualTo(secret);
    }

    @Test
    void keepsAGivenSecret() {
        JsonPath created = Webhooks.subscribe(Api.KEY, URL, "my-own-secret-1234", "call.failed");
        assertThat(created.getString("secret")).isEqualTo("my-own-secret-1234");
        assertThat(created.getString("secretHint")).isEqualTo("…1234");
    }

    @Test
    void deletesAndThenAnswers404() {
        String id = Webhooks.subscribe(Api.KEY, URL, null, "call.placed").getString("id");
        api().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        api().get("/api/v1/webhooks/{id}", id).then().statusCode(404)
                .contentType("application/problem+json").body("requestId", notNullValue());
        api().delete("/api/v1/webhooks/{id}", id).then().statusCode(404);
        api().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(404);
    }

    @Test
    void aKeySeesAndManagesOnlyItsOwnSubscriptions() {
        String mine = Webhooks.subscribe(Api.KEY, URL, null, "call.placed").getString("id");
        String theirs = Webhooks.subscribe(OTHER_KEY, URL, null, "call.placed").getString("id");

        assertThat(api().get("/api/v1/webhooks").then().extract().jsonPath().getList("results.id"))
                .containsExactly(mine);
        api().get("/api/v1/webhooks/{id}", theirs).then().statusCode(404);
        api().get("/api/v1/webhooks/{id}/deliveries", theirs).then().statusCode(404);
        api().delete("/api/v1/webhooks/{id}", theirs).then().statusCode(404);
        Webhooks.as(OTHER_KEY).get("/api/v1/webhooks/{id}", theirs).then().statusCode(200);
    }

    @Test
    void refusesInvalidFieldsWithFieldErrors() {
        api().body(Map.of("events", List.of())).post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://callbridge.dev/problems/validation"))
                .body("requestId", notNullValue())
                .body("errors.field", equalTo(List.of("url", "events")));
        api().body(Map.of("url", URL, "events", List.of("call.placed", "call.exploded", "call.placed")))
                .post("/api/v1/webhooks").then().statusCode(400)
                .body("errors.field", equalTo(List.of("events[1]", "events[2]")));
        api().body(Map.of("url", URL, "events", List.of("call.placed", "call.ringing", "call.answered", "call.joined",
                "call.ended", "call.failed", "call.placed"))).post("/api/v1/webhooks").then().statusCode(400)
                .body("errors[0].message", equalTo("must name at most 6 event types"));
        api().body(Map.of("url", URL, "events", List.of("call.placed"), "secret", "short"))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors.field", equalTo(List.of("secret")));
        api().body(Map.of("url", "ftp://example.com/x", "events", List.of("call.placed")))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors.field", equalTo(List.of("url")));
        api().body(Map.of("url", "http://127.0.0.1/" + "a".repeat(2100), "events", List.of("call.placed")))
                .post("/api/v1/webhooks").then().statusCode(400)
                .body("errors[0].message", equalTo("must be at most 2048 characters"));
        api().body("{\"url\": \"" + URL + "\", \"events\": [\"call.placed\"], \"extra\": 1}")
                .post("/api/v1/webhooks").then().statusCode(400);
    }

    @Test
    void boundsTheSubscriptionsPerKey() {
        for (int i = 0; i < 20; i++) {
            Webhooks.subscribe(Api.KEY, URL + i, null, "call.placed");
        }
        api().body(Map.of("url", URL, "events", List.of("call.placed"))).post("/api/v1/webhooks").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://callbridge.dev/problems/webhook-limit"))
                .body("requestId", notNullValue());
        // Another key is not affected.
        Webhooks.subscribe(OTHER_KEY, URL, null, "call.placed");
    }

    @Test
    void refusesBadDeliveryQueries() {
        String id = Webhooks.subscribe(Api.KEY, URL, null, "call.placed").getString("id");
        api().get("/api/v1/webhooks/{id}/deliveries?state=lost", id).then().statusCode(400)
                .body("errors.field", equalTo(List.of("state")));
        api().get("/api/v1/webhooks/{id}/deliveries?cursor=bogus&pageSize=0", id).then().statusCode(400)
                .body("errors.field", equalTo(List.of("cursor", "pageSize")));
        api().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200)
                .body("results", equalTo(List.of())).body("next", nullValue());
    }
}
