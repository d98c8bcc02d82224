package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.ULTRAVOX;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.callbridge.testing.Api;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Agent PATCH against the simulated Ultravox: a null removes a field that holds a non-default
 * value, through Callbridge and directly, and the simulator merges the way Ultravox's docs
 * suggest (objects member by member).
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxAgentPatchTest {

    static final String RICH_TEMPLATE = """
            {"systemPrompt": "Remind {{patient}} of the visit.", "voice": "Jessica", "languageHint": "en-US",
             "temperature": 0.7, "maxDuration": "600s", "selectedTools": [{"toolName": "hangUp"}],
             "firstSpeakerSettings": {"user": {"fallback": {"delay": "5s", "text": "Hello?"}}}}
            """;

    private static String createThroughCallbridge() {
        return api().body("{\"name\": \"patch_" + UUID.randomUUID().toString().substring(0, 8)
                        + "\", \"callTemplate\": " + RICH_TEMPLATE + "}")
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
    }

    @Test
    void nullRemovesNonDefaultFieldsThroughCallbridge() {
        String id = createThroughCallbridge();
        try {
            api().body("""
                    {"callTemplate": {"voice": null, "languageHint": null, "temperature": null, "selectedTools": null,
                     "firstSpeakerSettings": {"user": {"fallback": null}}}}
                    """)
                    .patch("/api/v1/agents/" + id).then().statusCode(200)
                    .body("callTemplate", not(hasKey("voice")));

            api().get("/api/v1/agents/" + id).then().statusCode(200)
                    .body("callTemplate", not(hasKey("voice")))
                    .body("callTemplate", not(hasKey("languageHint")))
                    .body("callTemplate", not(hasKey("temperature")))
                    .body("callTemplate", not(hasKey("selectedTools")))
                    .body("callTemplate.firstSpeakerSettings.user", not(hasKey("fallback")))
                    .body("callTemplate.systemPrompt", equalTo("Remind {{patient}} of the visit."))
                    .body("callTemplate.maxDuration", equalTo("600s"));
        } finally {
            api().delete("/api/v1/agents/" + id).then().statusCode(204);
        }
    }

    @Test
    void mergePatchMediaTypeIsAcceptedThroughCallbridge() {
        String id = createThroughCallbridge();
        try {
            given().header("X-API-Key", Api.KEY).contentType("application/merge-patch+json")
                    .body("{\"callTemplate\": {\"voice\": null, \"temperature\": 0.2}}")
                    .patch("/api/v1/agents/" + id).then().statusCode(200);
            api().get("/api/v1/agents/" + id).then()
                    .body("callTemplate", not(hasKey("voice")))
                    .body("callTemplate.temperature", equalTo(0.2f))
                    .body("callTemplate.languageHint", equalTo("en-US"));
        } finally {
            api().delete("/api/v1/agents/" + id).then().statusCode(204);
        }
    }

    @Test
    void simulatorDeepMergesAndTreatsNullAsUnset() {
        String id = ultravox().body("{\"name\": \"deep_merge\", \"callTemplate\": " + RICH_TEMPLATE + "}")
                .post(ULTRAVOX + "/agents").then().statusCode(201).extract().path("agentId");
        ultravox().body("""
                {"callTemplate": {"firstSpeakerSettings": {"user": {"fallback": {"text": "Anyone there?"}}},
                 "voice": null, "selectedTools": [{"toolName": "leaveVoicemail"}]}}
                """)
                .patch(ULTRAVOX + "/agents/" + id).then().statusCode(200)
                .body("callTemplate.firstSpeakerSettings.user.fallback.text", equalTo("Anyone there?"))
                .body("callTemplate.firstSpeakerSettings.user.fallback.delay", equalTo("5s"))
                .body("callTemplate", not(hasKey("voice")))
                .body("callTemplate.selectedTools.toolName", equalTo(java.util.List.of("leaveVoicemail")))
                .body("callTemplate.languageHint", equalTo("en-US"))
                .body("callTemplate.temperature", equalTo(0.7f));
        // firstSpeakerSettings is a protobuf oneof: setting agent clears user.
        ultravox().body("{\"callTemplate\": {\"firstSpeakerSettings\": {\"agent\": {\"text\": \"Hi\"}}}}")
                .patch(ULTRAVOX + "/agents/" + id).then().statusCode(200)
                .body("callTemplate.firstSpeakerSettings", not(hasKey("user")))
                .body("callTemplate.firstSpeakerSettings.agent.text", equalTo("Hi"));
        ultravox().delete(ULTRAVOX + "/agents/" + id).then().statusCode(204);
    }

    @Test
    void simulatorStoresNoNullsOnCreate() {
        ultravox().body("{\"name\": \"nulls_on_create\", \"callTemplate\": {\"systemPrompt\": \"x\", \"voice\": null}}")
                .post(ULTRAVOX + "/agents").then().statusCode(201)
                .body("callTemplate", not(hasKey("voice")));
    }
}
