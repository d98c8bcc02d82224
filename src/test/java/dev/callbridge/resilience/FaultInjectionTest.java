package dev.callbridge.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.callbridge.resilience.VendorStubs.BODY;
import static dev.callbridge.resilience.VendorStubs.PLACE;
import static dev.callbridge.resilience.VendorStubs.TWILIO_CREATE;
import static dev.callbridge.resilience.VendorStubs.ULTRAVOX_CALL;
import static dev.callbridge.resilience.VendorStubs.ULTRAVOX_CREATE;
import static dev.callbridge.resilience.VendorStubs.json;
import static dev.callbridge.resilience.VendorStubs.twilioCreate;
import static dev.callbridge.resilience.VendorStubs.twilioError;
import static dev.callbridge.resilience.VendorStubs.ultravoxCreate;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vendor faults injected with WireMock against the real Ultravox REST client and the real
 * Twilio SDK. For each: the documented problem within the timeout budget, never a second
 * Twilio call creation, every Ultravox call without a phone leg deleted again (the request
 * journal proves it), and a normal call placed right afterwards. The test profile sets every
 * timeout to 1 s and backoffs to milliseconds.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class FaultInjectionTest extends VendorFaultTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailuresAnd("io.vertx.core.net.impl.ConnectionBase");

    /** One attempt's timeout in the test profile, plus slack for a loaded machine. */
    private static final long TIMEOUT_BUDGET_MS = 1_000 + 1_200;
    private static final long FAST_MS = 1_200;

    // Ultravox failing to create the call: Twilio is never asked.

    @Test
    void ultravox500() {
        wireMock.stubFor(ultravoxCreate(aResponse().withStatus(500)));
        expectProblem(502, "upstream-error", FAST_MS);
        assertUltravoxCreates(1);
        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    @Test
    void ultravox503PassesRetryAfterOn() {
        wireMock.stubFor(ultravoxCreate(aResponse().withStatus(503).withHeader("Retry-After", "4")));
        expectProblem(502, "upstream-error", FAST_MS).then().header("Retry-After", "4");
        assertUltravoxCreates(1);
        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    @Test
    void ultravox429IsRetriedAfterRetryAfterWithinTheBudget() {
        wireMock.stubFor(ultravoxCreate(json(429, "{}").withHeader("Retry-After", "1"))
                .inScenario("throttled").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open"));
        wireMock.stubFor(VendorStubs.ultravoxCreates().inScenario("throttled").whenScenarioStateIs("open"));
        wireMock.stubFor(VendorStubs.twilioCreates());

        long started = System.nanoTime();
        api().body(BODY).post(PLACE).then().statusCode(201);

        assertThat(millisSince(started)).as("waited Retry-After").isBetween(950L, 2_500L);
        assertUltravoxCreates(2);
        assertTwilioCreates(1);
    }

    @Test
    void ultravox429BeyondTheBudgetIsPassedOn() {
        wireMock.stubFor(ultravoxCreate(json(429, "{}").withHeader("Retry-After", "1")));
        // One retry after 1 s fits the 1.5 s budget of the test profile, a second does not.
        expectProblem(429, "rate-limited", 2_500).then().header("Retry-After", "1");
        assertUltravoxCreates(2);
        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    @Test
    void ultravoxTimeoutIs504AndNotRetried() {
        wireMock.stubFor(VendorStubs.ultravoxCreates().willReturn(
                json(201, VendorStubs.ultravoxCall("wss://voice.example/x")).withFixedDelay(3_000)));
        Response response = expectProblem(504, "upstream-timeout", TIMEOUT_BUDGET_MS);
        assertThat(response.time()).isGreaterThanOrEqualTo(900L);
        assertUltravoxCreates(1);
        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    @Test
    void ultravoxConnectionResetIsNotRetried() {
        wireMock.stubFor(ultravoxCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        expectProblem(502, "upstream-error", FAST_MS);
        // The request may have reached Ultravox: a creation is not repeated.
        assertUltravoxCreates(1);
        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    @Test
    void ultravoxEmptyReply() {
        wireMock.stubFor(ultravoxCreate(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        expectProblem(502, "upstream-error", FAST_MS);
        assertUltravoxCreates(1);
        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    @Test
    void ultravoxMalformedJson() {
        wireMock.stubFor(ultravoxCreate(json(201, "{\"callId\": \"" + VendorStubs.CALL_ID + "\", \"joinUrl\": ")));
        expectProblem(502, "upstream-error", FAST_MS);
        assertUltravoxCreates(1);
        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    @Test
    void ultravoxAnswerWithoutJoinUrlIsDeletedAgain() {
        wireMock.stubFor(ultravoxCreate(json(201, VendorStubs.ultravoxCall(null))));
        expectProblem(502, "upstream-bad-response", FAST_MS);
        assertTwilioCreates(0);
        assertUltravoxDeletes(1);
        assertHealthyAfterwards();
    }

    @Test
    void slowUltravoxJustAboveTheTimeout() {
        wireMock.stubFor(VendorStubs.ultravoxCreates().willReturn(
                json(201, VendorStubs.ultravoxCall("wss://voice.example/x")).withFixedDelay(1_300)));
        expectProblem(504, "upstream-timeout", TIMEOUT_BUDGET_MS);
        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    // Twilio failing after the Ultravox call exists: one creation request at most, then compensation.

    @Test
    void twilio500() {
        twilioFails(json(500, twilioError(20500, 500)), 502, "upstream-error", FAST_MS);
    }

    @Test
    void twilio503() {
        twilioFails(aResponse().withStatus(503).withHeader("Retry-After", "1"), 502, "upstream-error", FAST_MS);
    }

    @Test
    void twilio429() {
        twilioFails(json(429, twilioError(20429, 429)).withHeader("Retry-After", "1"), 429, "rate-limited", FAST_MS);
    }

    @Test
    void twilioTimeoutAfterSend() {
        twilioFails(json(201, "{}").withFixedDelay(3_000), 504, "upstream-timeout", TIMEOUT_BUDGET_MS);
    }

    @Test
    void twilioConnectionReset() {
        twilioFails(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 502, "upstream-unavailable", FAST_MS);
    }

    @Test
    void twilioMalformedJson() {
        twilioFails(json(201, "{\"sid\": \"CA"), 502, "upstream-bad-response", FAST_MS);
    }

    @Test
    void bothVendorsDown() {
        wireMock.stubFor(ultravoxCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wireMock.stubFor(twilioCreate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathMatching("/api/calls/.*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        expectProblem(502, "upstream-error", FAST_MS);

        assertTwilioCreates(0);
        assertHealthyAfterwards();
    }

    private void twilioFails(ResponseDefinitionBuilder twilioAnswer, int status, String kind, long withinMs) {
        wireMock.stubFor(VendorStubs.ultravoxCreates());
        wireMock.stubFor(twilioCreate(twilioAnswer));

        expectProblem(status, kind, withinMs);

        assertTwilioCreates(1);
        assertUltravoxDeletes(1);
        assertHealthyAfterwards();
    }

    private static Response expectProblem(int status, String kind, long withinMs) {
        long started = System.nanoTime();
        Response response = api().body(BODY).post(PLACE);
        long took = millisSince(started);
        response.then().statusCode(status).contentType("application/problem+json").body("type", endsWith(kind));
        assertThat(took).as("answered within the timeout budget").isLessThan(withinMs);
        return response;
    }

    /** The service is unharmed: with both vendors answering again, a call is placed. */
    private void assertHealthyAfterwards() {
        wireMock.resetAll();
        wireMock.stubFor(VendorStubs.ultravoxCreates());
        wireMock.stubFor(VendorStubs.twilioCreates());
        api().body(BODY).post(PLACE).then().statusCode(201);
        assertTwilioCreates(1);
    }

    private void assertUltravoxCreates(int n) {
        wireMock.verify(n, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
    }

    private void assertTwilioCreates(int n) {
        wireMock.verify(n, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));
    }

    private void assertUltravoxDeletes(int n) {
        wireMock.verify(n, deleteRequestedFor(urlPathEqualTo(ULTRAVOX_CALL)));
        wireMock.verify(n, deleteRequestedFor(anyUrl()));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
