package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.TO;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The call and vendor meters exist after calls, count what happened, and carry no ids or numbers. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallMetricsTest {

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
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void placeCall(int expectedStatus) {
        api().body("{\"to\": \"" + TO + "\"}").post("/api/v1/agents/" + AGENT_ID + "/calls")
                .then().statusCode(expectedStatus);
    }

    @Test
    void outcomesStagesAndErrorsAreCounted() {
        String before = metrics();
        placeCall(201);
        api().body("{\"to\": \"not a number\"}").post("/api/v1/agents/" + AGENT_ID + "/calls").then().statusCode(400);
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(CallFixtures.json(500,
                CallFixtures.twilioError(20500, 500))));
        placeCall(502);
        String after = metrics();

        assertThat(delta(before, after, "callbridge_calls_total{outcome=\"placed\"}")).isEqualTo(1);
        assertThat(delta(before, after, "callbridge_calls_total{outcome=\"rejected_validation\"}")).isEqualTo(1);
        assertThat(delta(before, after, "callbridge_calls_total{outcome=\"compensated\"}")).isEqualTo(1);
        assertThat(delta(before, after,
                "callbridge_upstream_errors_total{operation=\"create_call\",status_class=\"5xx\",vendor=\"twilio\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after,
                "callbridge_upstream_latency_seconds_count{operation=\"create_call\",outcome=\"success\",vendor=\"ultravox\"}"))
                .isEqualTo(2);
        assertThat(after).contains("callbridge_calls_pipeline_seconds{outcome=\"placed\",quantile=\"0.99\"}")
                .contains("callbridge_calls_pipeline_seconds_bucket{outcome=\"placed\"")
                .contains("callbridge_upstream_latency_seconds{operation=\"create_call\",outcome=\"success\","
                        + "vendor=\"twilio\",quantile=\"0.5\"}")
                .contains("callbridge_calls_in_flight ")
                .contains("callbridge_calls_compensation_failures_total ")
                .contains("callbridge_calls_total{outcome=\"ultravox_error\"}")
                .contains("callbridge_calls_total{outcome=\"twilio_error\"}");
        assertThat(value(after, "callbridge_calls_in_flight")).isZero();
    }

    @Test
    void agentOperationsAreCountedByOutcome() {
        String before = metrics();
        api().get("/api/v1/agents/not-a-uuid").then().statusCode(400);
        String after = metrics();
        assertThat(delta(before, after, "callbridge_agents_operations_total{operation=\"get\",outcome=\"rejected\"}"))
                .isEqualTo(1);
    }

    @Test
    void noIdentifierOrPhoneNumberBecomesATag() {
        placeCall(201);
        String all = metrics();
        assertThat(all).doesNotContain(AGENT_ID).doesNotContain(CallFixtures.CALL_ID).doesNotContain(CallFixtures.SID)
                .doesNotContain(TO.substring(1)).doesNotContain("4155550123");
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }
}
