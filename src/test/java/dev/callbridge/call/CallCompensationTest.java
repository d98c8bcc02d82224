package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.json;
import static dev.callbridge.call.CallFixtures.twilioError;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way Twilio can fail after the Ultravox call exists: the client gets the mapped
 * problem, Twilio saw exactly one request, and the Ultravox call was deleted.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallCompensationTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
    }

    @Test
    void invalidToRejectedByTwilioIs422OnTo() {
        twilioAnswers(json(400, twilioError(21211, 400)));

        place("{\"to\": \"+14155550123\"}").statusCode(422)
                .body("errors[0].field", equalTo("to"))
                .body("detail", org.hamcrest.Matchers.containsString("21211"));

        assertOneTwilioPostAndCompensated();
    }

    @Test
    void serverErrorIsNotRetriedAndIs502() {
        twilioAnswers(json(500, "{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}"));

        place("{\"to\": \"+14155550123\"}").statusCode(502).body("type", org.hamcrest.Matchers.endsWith("upstream-error"));

        assertOneTwilioPostAndCompensated();
    }

    @Test
    void unavailableIsNotRetriedByEitherLayer() {
        twilioAnswers(aResponse().withStatus(503).withHeader("Retry-After", "1").withBody("<html>busy</html>"));

        long started = System.nanoTime();
        place("{\"to\": \"+14155550123\"}").statusCode(502);

        assertThat((System.nanoTime() - started) / 1_000_000).as("no Retry-After wait").isLessThan(900);
        assertOneTwilioPostAndCompensated();
    }

    @Test
    void timeoutIs504AndCompensated() {
        // The test profile sets twilio.read-timeout to 1 s.
        twilioAnswers(json(201, CallFixtures.twilioCall(CallFixtures.SID, "queued", null)).withFixedDelay(2500));

        place("{\"to\": \"+14155550123\"}").statusCode(504).body("type", org.hamcrest.Matchers.endsWith("upstream-timeout"));

        assertOneTwilioPostAndCompensated();
    }

    @Test
    void connectionResetIs502AndCompensated() {
        twilioAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        place("{\"to\": \"+14155550123\"}").statusCode(502).body("type", org.hamcrest.Matchers.endsWith("upstream-unavailable"));

        assertOneTwilioPostAndCompensated();
    }

    @Test
    void emptyResponseIs502AndCompensated() {
        twilioAnswers(aResponse().withFault(Fault.EMPTY_RESPONSE));

        place("{\"to\": \"+14155550123\"}").statusCode(502);

        assertOneTwilioPostAndCompensated();
    }

    @Test
    void rateLimitIs429WithTwiliosRetryAfter() {
        twilioAnswers(json(429, twilioError(20429, 429)).withHeader("Retry-After", "7"));

        place("{\"to\": \"+14155550123\"}").statusCode(429).header("Retry-After", "7");

        assertOneTwilioPostAndCompensated();
    }

    @Test
    void rejectedCredentialsAre502() {
        twilioAnswers(json(401, "{\"code\": 20003, \"message\": \"Authenticate\", "
                + "\"more_info\": \"https://www.twilio.com/docs/errors/20003\", \"status\": 401}"));

        place("{\"to\": \"+14155550123\"}").statusCode(502).body("title", equalTo("Twilio credentials rejected"));

        assertOneTwilioPostAndCompensated();
    }

    @Test
    void refusedCallerIdIsTheClientsFaultOnlyWhenTheClientChoseIt() {
        twilioAnswers(json(400, twilioError(21210, 400)));

        place("{\"to\": \"+14155550123\", \"from\": \"+442079460958\"}").statusCode(422)
                .body("errors[0].field", equalTo("from"));
        place("{\"to\": \"+14155550123\"}").statusCode(502).body("errors", nullValue())
                .body("detail", org.hamcrest.Matchers.containsString("TWILIO_PHONE_NUMBER"));

        wireMock.verify(2, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    @Test
    void geoPermissionIs403() {
        twilioAnswers(json(400, twilioError(21215, 400)));

        place("{\"to\": \"+14155550123\"}").statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("Geo permissions"));

        assertOneTwilioPostAndCompensated();
    }

    @Test
    void failedCompensationIsLoggedWithBothIdsAndCounted() {
        twilioAnswers(json(500, "{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}"));
        wireMock.stubFor(delete(urlPathMatching("/api/calls/.*")).willReturn(aResponse().withStatus(500)));
        // Absent before the first use of the call service: the counter is registered with it.
        double before = compensationFailures().orElse(0.0);

        try (LogCapture logs = LogCapture.install()) {
            place("{\"to\": \"+14155550123\"}").statusCode(502).body("type", org.hamcrest.Matchers.endsWith("upstream-error"));

            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("ERROR").contains(CALL_ID).contains(AGENT_ID).contains("Orphaned"));
        }
        assertThat(compensationFailures()).contains(before + 1);
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
        // A delete is safe to repeat: all attempts (callbridge.resilience.retry.max-attempts) were made.
        wireMock.verify(3, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    private void twilioAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(response));
    }

    private static ValidatableResponse place(String body) {
        return api().body(body).when().post("/api/v1/agents/{agentId}/calls", AGENT_ID).then()
                .contentType("application/problem+json");
    }

    private void assertOneTwilioPostAndCompensated() {
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    private static java.util.Optional<Double> compensationFailures() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^callbridge_calls_compensation_failures_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        return m.find() ? java.util.Optional.of(Double.parseDouble(m.group(1))) : java.util.Optional.empty();
    }
}
