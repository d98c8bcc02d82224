package dev.callbridge.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callbridge.http.ApiKeyOwner;
import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox inbox receives the service's own events, as in the Quickstart. */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxInboxTest {

    @Inject
    CallNotifications notifications;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @AfterEach
    void cleanUp() {
        Webhooks.deleteAll(Api.KEY);
    }

    @Test
    void keepsTheEventsOfASubscriptionToIt() {
        String inbox = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = Webhooks.subscribe(Api.KEY, "http://localhost:" + port + "/sandbox/inbox/" + inbox, null,
                "call.placed", "call.ended").getString("secret");
        String placement = UUID.randomUUID().toString();
        for (String type : List.of("call.placed", "call.ended")) {
            notifications.publish(ApiKeyOwner.of(Api.KEY), placement, type, Instant.now(), Map.of("type", type))
                    .await().atMost(Duration.ofSeconds(5));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(inbox).getList("$").size() == 2);
        JsonPath received = inbox(inbox);
        assertThat(received.getList("headers.Callbridge-Event-Type")).containsExactly("call.placed", "call.ended");
        assertThat(received.getString("[0].headers.Callbridge-Signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(received.getString("[0].body")).contains("\"type\":\"call.placed\"").doesNotContain(secret);
        assertThat(received.getString("[0].receivedAt")).isNotNull();

        given().delete("/sandbox/inbox/{name}", inbox).then().statusCode(204);
        assertThat(inbox(inbox).getList("$")).isEmpty();
        given().body("{}").post("/sandbox/inbox/{name}", "bad name!").then().statusCode(400);
    }

    private static JsonPath inbox(String name) {
        return given().get("/sandbox/inbox/{name}", name).then().statusCode(200).extract().jsonPath();
    }
}
