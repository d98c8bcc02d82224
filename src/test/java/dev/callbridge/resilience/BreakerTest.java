package dev.callbridge.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.resilience.VendorStubs.BODY;
import static dev.callbridge.resilience.VendorStubs.PLACE;
import static dev.callbridge.resilience.VendorStubs.TWILIO_CREATE;
import static dev.callbridge.resilience.VendorStubs.ULTRAVOX_CREATE;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The vendor circuit breakers in the running service. The test profile opens a breaker after
 * 30 failures in a row and keeps it open for 1 s.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class BreakerTest extends VendorFaultTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private static final int THRESHOLD = 30;

    @Test
    void sustainedUltravoxFailuresOpenItsBreakerWhichFailsFastAndClosesAfterARecovery() throws Exception {
        wireMock.stubFor(VendorStubs.ultravoxCreate(aResponse().withStatus(500)));
        for (int i = 0; i < THRESHOLD; i++) {
            api().body(BODY).post(PLACE).then().statusCode(502);
        }

        long started = System.nanoTime();
        api().body(BODY).post(PLACE).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", endsWith("vendor-unavailable"))
                .body("detail", containsString("Ultravox"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("fails fast").isLessThan(500);
        wireMock.verify(THRESHOLD, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        assertThat(breakerReadiness().getString("ultravox")).isEqualTo("open");
        assertThat(breakerReadiness().getString("twilio")).isEqualTo("closed");
        assertThat(metrics()).contains("callbridge_vendor_breaker_state{vendor=\"ultravox\"} 2.0")
                .contains("callbridge_vendor_requests_total{operation=\"create_call\",outcome=\"short_circuited\",vendor=\"ultravox\"}");

        wireMock.stubFor(VendorStubs.ultravoxCreates());
        wireMock.stubFor(VendorStubs.twilioCreates());
        Thread.sleep(1_100);
        api().body(BODY).post(PLACE).then().statusCode(201);
        assertThat(breakerReadiness().getString("ultravox")).isEqualTo("closed");
    }

    @Test
    void clientErrorsDoNotCountAgainstTheVendor() {
        wireMock.stubFor(VendorStubs.ultravoxCreate(VendorStubs.json(422, "{\"maxDuration\": [\"too long\"]}")));
        for (int i = 0; i < THRESHOLD + 5; i++) {
            api().body(BODY).post(PLACE).then().statusCode(422);
        }
        assertThat(resilience.ultravox().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anOpenTwilioBreakerRefusesBeforeAnUltravoxCallIsCreated() {
        wireMock.stubFor(VendorStubs.ultravoxCreates());
        wireMock.stubFor(VendorStubs.twilioCreate(aResponse().withStatus(500)));
        for (int i = 0; i < THRESHOLD; i++) {
            api().body(BODY).post(PLACE).then().statusCode(502);
        }
        wireMock.resetRequests();

        api().body(BODY).post(PLACE).then().statusCode(503).body("detail", containsString("Twilio"))
                .header("Retry-After", "1");

        wireMock.verify(0, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));

        // Bad input is still reported as such while the breaker is open: validation comes first.
        api().body("{\"to\": \"not a number\"}").post(PLACE).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
    }

    @Test
    void readsAreRetriedAndCounted() {
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/agents"))
                .willReturn(aResponse().withStatus(503)));
        api().get("/api/v1/agents").then().statusCode(502);

        wireMock.verify(3, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/agents")));
        assertThat(metrics()).contains("callbridge_vendor_retries_total{operation=\"list_agents\",vendor=\"ultravox\"}");
    }

    private static JsonPath breakerReadiness() {
        JsonPath ready = given().get("/q/health/ready").then().extract().jsonPath();
        return ready.setRootPath("checks.find { it.name == 'circuit-breakers' }.data");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
