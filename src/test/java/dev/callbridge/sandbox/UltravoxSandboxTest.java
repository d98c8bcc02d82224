package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.ULTRAVOX;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated Ultravox against contracts/ultravox.md. */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class UltravoxSandboxTest {

    static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    static final String ISO_MICROS = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$";

    static String createAgent(String name, String systemPrompt) {
        return ultravox().body("{\"name\": \"" + name + "\", \"callTemplate\": {\"systemPrompt\": \""
                        + systemPrompt + "\", \"medium\": {\"twilio\": {}}}}")
                .when().post(ULTRAVOX + "/agents")
                .then().statusCode(201).extract().path("agentId");
    }

    @Test
    void rejectsMissingOrWrongApiKeyWithDrfDetail() {
        given().when().get(ULTRAVOX + "/agents")
                .then().statusCode(401).contentType(ContentType.JSON)
                .body("detail", equalTo("Authentication credentials were not provided."));
        given().header("X-API-Key", "wrong000.0123456789abcdef0123456789abcdef").when().get(ULTRAVOX + "/agents")
                .then().statusCode(401).body("detail", equalTo("Invalid API key."));
    }

    @Test
    void createsAgentInUltravoxShape() {
        ultravox().body("{\"name\": \"shape_check\", \"callTemplate\": {\"systemPrompt\": \"Hello\", \"voice\": \"Jessica\"}}")
                .when().post(ULTRAVOX + "/agents")
                .then().statusCode(201)
                .body("agentId", matchesPattern(UUID))
                .body("publishedRevisionId", matchesPattern(UUID))
                .body("name", equalTo("shape_check"))
                .body("created", matchesPattern(ISO_MICROS))
                .body("callTemplate.voice", equalTo("Jessica"))
                .body("callTemplate.created", matchesPattern(ISO_MICROS))
                .body("statistics.calls", equalTo(0));
    }

    @Test
    void appliesNameRulesAndProtobufStrictnessWithFieldErrors() {
        ultravox().body("{\"callTemplate\": {}}").when().post(ULTRAVOX + "/agents")
                .then().statusCode(400).body("name[0]", equalTo("This field is required."));
        ultravox().body("{\"name\": \"" + "a".repeat(65) + "\"}").when().post(ULTRAVOX + "/agents")
                .then().statusCode(400).body("name[0]", equalTo("Ensure this field has no more than 64 characters."));
        ultravox().body("{\"name\": \"ok\", \"callTemplate\": {\"systemPromt\": \"typo\"}}").when().post(ULTRAVOX + "/agents")
                .then().statusCode(400)
                .body("callTemplate[0]", equalTo("Message type \"ultravox.v1.CallTemplate\" has no field named \"systemPromt\"."));
        ultravox().body("[1]").when().post(ULTRAVOX + "/agents")
                .then().statusCode(400).body("non_field_errors[0]", startsWith("Invalid data."));
        ultravox().body("{not json").when().post(ULTRAVOX + "/agents")
                .then().statusCode(400).body("detail", startsWith("JSON parse error"));
    }

    @Test
    void patchMergesTemplateAndUnknownIdsAre404() {
        String id = createAgent("patch_me", "Be brief");
        ultravox().body("{\"name\": \"patched\", \"callTemplate\": {\"temperature\": 0.5}}")
                .when().patch(ULTRAVOX + "/agents/" + id)
                .then().statusCode(200)
                .body("name", equalTo("patched"))
                .body("callTemplate.systemPrompt", equalTo("Be brief"))
                .body("callTemplate.temperature", equalTo(0.5f));
        ultravox().when().delete(ULTRAVOX + "/agents/" + id).then().statusCode(204);
        ultravox().when().get(ULTRAVOX + "/agents/" + id)
                .then().statusCode(404).body("detail", equalTo("No Agent matches the given query."));
        ultravox().when().delete(ULTRAVOX + "/agents/" + id).then().statusCode(404);
    }

    @Test
    void cursorPaginationWalksEveryAgentOnceThroughAbsoluteNextUrls() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(createAgent("page_" + i, "p"));
        }
        List<String> seen = new ArrayList<>();
        JsonPath page = ultravox().when().get(ULTRAVOX + "/agents?pageSize=2").then().statusCode(200)
                .body("previous", nullValue()).extract().jsonPath();
        int total = page.getInt("total");
        String secondPageUrl = page.getString("next");
        while (true) {
            seen.addAll(page.getList("results.agentId"));
            String next = page.getString("next");
            if (next == null) {
                break;
            }
            assertThat(next).startsWith(SandboxVendors.baseUrl() + ULTRAVOX + "/agents?").contains("pageSize=2");
            page = ultravox().when().get(next).then().statusCode(200).extract().jsonPath();
        }
        assertThat(seen).hasSize(total).doesNotHaveDuplicates().containsAll(created);
        String previous = ultravox().when().get(secondPageUrl).then().extract().path("previous");
        ultravox().when().get(previous).then().statusCode(200)
                .body("results.agentId", equalTo(seen.subList(0, 2)));
        ultravox().when().get(ULTRAVOX + "/agents?cursor=bogus").then().statusCode(404)
                .body("detail", equalTo("Invalid cursor"));
    }

    @Test
    void createsCallWithFakeJoinUrlAndRenderedPrompt() {
        String agent = createAgent("caller", "Hello {{patient.firstName}}, see you {{date}}");
        String callId = ultravox().body("""
                {"templateContext": {"patient": {"firstName": "Dana"}, "date": "June 3"},
                 "medium": {"twilio": {}}, "firstSpeakerSettings": {"user": {}}, "metadata": {"campaign": "c-1"}}
                """)
                .when().post(ULTRAVOX + "/agents/" + agent + "/calls")
                .then().statusCode(201)
                .body("callId", matchesPattern(UUID))
                .body("joinUrl", matchesPattern("^wss://sandbox\\.callbridge\\.invalid/calls/[0-9a-f-]{36}$"))
                .body("created", matchesPattern(ISO_MICROS))
                .body("joined", nullValue()).body("ended", nullValue()).body("endReason", nullValue())
                .body("systemPrompt", equalTo("Hello Dana, see you June 3"))
                .body("firstSpeaker", equalTo("FIRST_SPEAKER_USER"))
                .body("medium.twilio.size()", equalTo(0))
                .body("joinTimeout", equalTo("30s"))
                .body("billingStatus", equalTo("BILLING_STATUS_PENDING"))
                .body("agentId", equalTo(agent))
                .body("metadata.campaign", equalTo("c-1"))
                .body("$", org.hamcrest.Matchers.hasKey("billedSideInputTokens"))
                .body("billedSideInputTokens", nullValue())
                .body("$", org.hamcrest.Matchers.hasKey("billedSideOutputTokens"))
                .body("billedSideOutputTokens", nullValue())
                .body("callbacks", equalTo(java.util.Map.of()))
                .body("dataConnectionConfig", equalTo(java.util.Map.of()))
                .body("externalVoice", equalTo(java.util.Map.of()))
                .body("voiceOverrides", equalTo(java.util.Map.of()))
                .extract().path("callId");
        ultravox().when().get(ULTRAVOX + "/calls/" + callId).then().statusCode(200).body("callId", equalTo(callId));
        ultravox().when().get(ULTRAVOX + "/agents/" + agent).then().body("statistics.calls", equalTo(1));
        ultravox().when().delete(ULTRAVOX + "/calls/" + callId).then().statusCode(204);
        ultravox().when().get(ULTRAVOX + "/calls/" + callId).then().statusCode(404)
                .body("detail", equalTo("No Call matches the given query."));
    }

    @Test
    void objectFieldsOfACallEchoTheRequestAndRefuseNonObjects() {
        String agent = createAgent("callbacks", "x");
        ultravox().body("{\"callbacks\": {\"ended\": {\"url\": \"https://example.com/ended\"}}, "
                        + "\"voiceOverrides\": {\"elevenLabs\": {\"speed\": 1.1}}}")
                .when().post(ULTRAVOX + "/agents/" + agent + "/calls")
                .then().statusCode(201)
                .body("callbacks.ended.url", equalTo("https://example.com/ended"))
                .body("voiceOverrides.elevenLabs.speed", equalTo(1.1f));
        ultravox().body("{\"callbacks\": \"https://example.com\"}")
                .when().post(ULTRAVOX + "/agents/" + agent + "/calls")
                .then().statusCode(400).body("callbacks", equalTo(List.of("Expected an object.")));
    }

    @Test
    void refusesUnknownTopLevelFieldsLikeProtobuf() {
        String agent = createAgent("strict", "x");
        ultravox().body("{\"medium\": {\"twilio\": {}}, \"vadSettings\": {}}")
                .when().post(ULTRAVOX + "/agents/" + agent + "/calls")
                .then().statusCode(400)
                .body("detail", startsWith("Message type \"ultravox.v1.StartAgentCallRequest\" has no field named \"vadSettings\""));
    }

    @Test
    void requiresEveryTemplateVariable() {
        String agent = createAgent("templated", "Hi {{user.name}} from {{company}}");
        ultravox().body("{\"templateContext\": {\"company\": \"Acme\"}}")
                .when().post(ULTRAVOX + "/agents/" + agent + "/calls")
                .then().statusCode(400)
                .body("templateContext", equalTo(List.of("Missing value for template variable 'user.name'.")));
        ultravox().body("{\"metadata\": {\"ultravox.x\": \"1\"}, \"templateContext\": {\"company\": \"A\", \"user\": {\"name\": \"B\"}}}")
                .when().post(ULTRAVOX + "/agents/" + agent + "/calls")
                .then().statusCode(400).body("metadata", hasSize(1));
        ultravox().body("{}").when().post(ULTRAVOX + "/agents/00000000-0000-0000-0000-000000000000/calls")
                .then().statusCode(404);
    }

    @Test
    void callNobodyJoinsEndsUnjoinedAfterJoinTimeout() {
        String agent = createAgent("lonely", "x");
        String callId = ultravox().body("{\"joinTimeout\": \"5s\"}").when().post(ULTRAVOX + "/agents/" + agent + "/calls")
                .then().statusCode(201).extract().path("callId");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> ultravox().when().get(ULTRAVOX + "/calls/" + callId)
                .then().body("endReason", equalTo("unjoined"))
                .body("ended", matchesPattern(ISO_MICROS))
                .body("joined", nullValue())
                .body("billedDuration", equalTo("0s"))
                .body("billingStatus", equalTo("BILLING_STATUS_FREE_ZERO_EFFECTIVE_DURATION")));
    }

    @Test
    void dataMessagesReachOnlyATalkingCall() {
        String agent = createAgent("messaged", "x");
        String callId = ultravox().body("{\"joinTimeout\": \"30s\"}").when()
                .post(ULTRAVOX + "/agents/" + agent + "/calls").then().statusCode(201).extract().path("callId");
        String message = "{\"type\": \"user_text_message\", \"text\": \"A machine answered.\"}";

        ultravox().body(message).when().post(ULTRAVOX + "/calls/" + callId + "/send_data_message")
                .then().statusCode(422).body("detail", equalTo("Call is not active."));
        ultravox().body(message).when().post(ULTRAVOX + "/calls/7d3c1f52-0000-4000-8000-000000000000/send_data_message")
                .then().statusCode(404);
        ultravox().body("{\"type\": \"shout\"}").when().post(ULTRAVOX + "/calls/" + callId + "/send_data_message")
                .then().statusCode(400);
        ultravox().when().delete(ULTRAVOX + "/calls/" + callId).then().statusCode(204);
    }

    @Test
    void concurrencyLimitAnswers429WithRetryAfter() {
        String agent = createAgent("busy_agent", "x");
        List<String> calls = new ArrayList<>();
        try {
            io.restassured.response.Response refused = null;
            for (int i = 0; i <= 5 && refused == null; i++) {
                var response = ultravox().body("{\"joinTimeout\": \"600s\"}")
                        .when().post(ULTRAVOX + "/agents/" + agent + "/calls");
                if (response.statusCode() == 201) {
                    calls.add(response.path("callId"));
                } else {
                    refused = response;
                }
            }
            assertThat(refused).as("a 429 within limit + 1 calls").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("2");
            assertThat(refused.<String>path("detail")).startsWith("Concurrent call limit of 5 reached.");
        } finally {
            calls.forEach(id -> ultravox().when().delete(ULTRAVOX + "/calls/" + id));
        }
        ultravox().body("{}").when().post(ULTRAVOX + "/agents/" + agent + "/calls").then().statusCode(201);
    }

    @Test
    void timesAreFresh() {
        String created = ultravox().body("{\"name\": \"clock\"}").when().post(ULTRAVOX + "/agents")
                .then().extract().path("created");
        assertThat(Instant.parse(created)).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }
}
