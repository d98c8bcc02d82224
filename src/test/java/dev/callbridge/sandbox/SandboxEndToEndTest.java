package dev.callbridge.sandbox;

import static dev.callbridge.testing.Api.api;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole product against the built-in simulator, through Callbridge's own API only:
 * agent, call, lifecycle to the end, hang-up, and every magic number's problem.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxEndToEndTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private String agentId;

    @BeforeEach
    void createAgent() {
        agentId = api().body("""
                {"name": "e2e_%s", "callTemplate": {"systemPrompt": "Remind {{patient.firstName}} about {{date}}.",
                 "joinTimeout": "600s", "firstSpeakerSettings": {"user": {}}}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
    }

    @AfterEach
    void deleteAgent() {
        api().delete("/api/v1/agents/" + agentId).then().statusCode(204);
        api().get("/api/v1/agents/" + agentId).then().statusCode(404);
    }

    private io.restassured.response.Response placeCall(String to) {
        return api().body("""
                {"to": "%s", "templateContext": {"patient": {"firstName": "Ada"}, "date": "Monday"},
                 "metadata": {"campaign": "e2e"}}
                """.formatted(to)).post("/api/v1/agents/" + agentId + "/calls");
    }

    @Test
    void callRunsToCompletion() {
        JsonPath placed = placeCall("+14155552671").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/calls/[0-9a-f-]{36}"))
                .body("twilioCallSid", matchesPattern("CA[0-9a-f]{32}"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("joinUrl")))
                .body("from", equalTo(SandboxCredentials.TWILIO_PHONE_NUMBER))
                .body("to", equalTo("+14155552671"))
                .extract().jsonPath();
        String callId = placed.getString("callId");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                api().get("/api/v1/calls/" + callId).then().statusCode(200)
                        .body("status", equalTo("completed"))
                        .body("twilio.status", equalTo("completed"))
                        .body("ultravox.endReason", equalTo("hangup")));
        api().get("/api/v1/calls/" + callId).then().body("ultravox.joined", org.hamcrest.Matchers.notNullValue())
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("joinUrl")));
    }

    /** The two lookups a crash-recovery reconciler makes to find what a placement left at the vendors. */
    @Test
    void aPlacementsVendorCallsAreFoundByItsPlacementIdAndItsNumbers() {
        String to = TwilioCallListTest.freshNumber();
        JsonPath placed = placeCall(to).then().statusCode(201).extract().jsonPath();
        String placementId = api().get("/api/v1/calls/" + placed.getString("callId")).then().statusCode(200)
                .extract().path("placement.placementId");

        SandboxVendors.ultravox().queryParam("metadata.callbridge.placementId", placementId)
                .get(SandboxVendors.ULTRAVOX + "/calls").then().statusCode(200)
                .body("total", equalTo(1))
                .body("results[0].callId", equalTo(placed.getString("callId")))
                .body("results[0].agentId", equalTo(agentId));
        SandboxVendors.twilio().queryParam("To", to).queryParam("From", SandboxCredentials.TWILIO_PHONE_NUMBER)
                .get(SandboxVendors.TWILIO_CALLS).then().statusCode(200)
                .body("calls.sid", equalTo(java.util.List.of(placed.getString("twilioCallSid"))));
    }

    @Test
    void hangingUpEndsALiveCall() {
        String callId = placeCall(MagicNumbers.TALKS_UNTIL_HUNG_UP).then().statusCode(201).extract().path("callId");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                api().get("/api/v1/calls/" + callId).then().body("status", equalTo("in-progress")));
        api().delete("/api/v1/calls/" + callId).then().statusCode(204);
        api().delete("/api/v1/calls/" + callId).then().statusCode(204);
        api().get("/api/v1/calls/" + callId).then().body("twilio.status", equalTo("completed"));
    }

    @Test
    void missingTemplateVariableIsReportedAndNothingIsDialled() {
        api().body("{\"to\": \"+14155552671\", \"templateContext\": {\"date\": \"Monday\"}}")
                .post("/api/v1/agents/" + agentId + "/calls")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/upstream-rejected"))
                .body("errors.field", hasItem("templateContext"))
                .body("errors.message", hasItem(containsString("patient")));
    }

    @ParameterizedTest
    @CsvSource({
            MagicNumbers.INVALID + ", 422, phone-number-rejected, to",
            MagicNumbers.UNROUTABLE + ", 422, phone-number-rejected, to",
            MagicNumbers.NO_INTERNATIONAL_PERMISSION + ", 403, geo-permission-denied, ",
            MagicNumbers.BLOCKED + ", 403, destination-blocked, "})
    void rejectedNumbersGiveTheDocumentedProblem(String to, int status, String type, String field) {
        var response = placeCall(to).then().statusCode(status).contentType("application/problem+json")
                .body("type", endsWith("/" + type))
                .body("detail", containsString("Twilio"));
        if (field != null) {
            response.body("errors[0].field", equalTo(field));
        }
    }

    @ParameterizedTest
    @CsvSource({MagicNumbers.BUSY + ", busy", MagicNumbers.NEVER_ANSWERS + ", no-answer"})
    void unansweredCallsEndWithTwiliosStatus(String to, String finalStatus) {
        String callId = placeCall(to).then().statusCode(201).extract().path("callId");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                api().get("/api/v1/calls/" + callId).then().body("twilio.status", equalTo(finalStatus))
                        .body("status", equalTo(finalStatus)));
    }

    /** The caller-id rows of the README's magic-number table, as a Callbridge client sees them. */
    @ParameterizedTest
    @CsvSource({
            MagicNumbers.INVALID_CALLER_ID + ", 422, from, phone-number-rejected",
            "+14155550100, 422, from, phone-number-rejected",
            "4155550100, 400, from, validation"})
    void refusedCallerIdsGiveTheDocumentedProblem(String from, int status, String field, String type) {
        api().body("""
                {"to": "+14155552671", "from": "%s",
                 "templateContext": {"patient": {"firstName": "Ada"}, "date": "Monday"}}
                """.formatted(from)).post("/api/v1/agents/" + agentId + "/calls")
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", endsWith("/" + type))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void aDestinationNotWrittenInternationallyIsRefusedBeforeAnyVendor() {
        placeCall("4155552671").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void twilioFailingOnceIsA502AndNotRetried() {
        alignFailOnceSoTheNextAttemptFails();
        placeCall(MagicNumbers.FAILS_ONCE).then().statusCode(502).contentType("application/problem+json")
                .body("type", endsWith("/upstream-error"))
                .body("detail", containsString("20500"));
        // The simulator fails every odd attempt; Callbridge sent exactly one, so the next one succeeds.
        placeCall(MagicNumbers.FAILS_ONCE).then().statusCode(201);
    }

    /**
     * The simulator fails every odd-numbered create to {@link MagicNumbers#FAILS_ONCE}, counted
     * across all tests; create directly until one succeeds, so the next attempt is odd.
     */
    private static void alignFailOnceSoTheNextAttemptFails() {
        for (int i = 0; i < 2; i++) {
            int status = SandboxVendors.twilio().formParam("To", MagicNumbers.FAILS_ONCE)
                    .formParam("From", SandboxCredentials.TWILIO_PHONE_NUMBER)
                    .formParam("Twiml", SandboxVendors.connectStream("wss://sandbox.callbridge.invalid/calls/x"))
                    .post(SandboxVendors.TWILIO_CALLS).statusCode();
            if (status == 201) {
                return;
            }
        }
        throw new AssertionError("the simulated Twilio never accepted a create to " + MagicNumbers.FAILS_ONCE);
    }
}
