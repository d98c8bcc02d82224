package dev.callbridge.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class ReadinessTest {

    static final String ACCOUNT_PATH = "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + ".json";
    static final String ACCOUNT_JSON = """
            {"sid": "%s", "friendly_name": "Callbridge", "status": "active", "type": "Full"}
            """.formatted(WireMockVendors.TWILIO_SID);
    static final String TWILIO_401 = """
            {"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003",
             "status": 401}
            """;

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    VendorHealth vendors;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        vendors.forget();
    }

    @Test
    void readyWhenBothVendorsAcceptTheCredentials() {
        stubUltravox(200);
        stubTwilio(200, ACCOUNT_JSON);
        refresh();

        ready(200)
                .body("status", equalTo("UP"))
                .body(check("ultravox") + ".status", equalTo("UP"))
                .body(check("ultravox") + ".data.lastSuccess", notNullValue())
                .body(check("ultravox") + ".data.vendor", equalTo("ultravox"))
                .body(check("ultravox") + ".data.reachable", equalTo(true))
                .body(check("twilio") + ".status", equalTo("UP"))
                .body(check("twilio") + ".data.lastSuccess", notNullValue())
                .body(check("twilio") + ".data.lastErrorStatus", nullValue())
                .body(check("configuration") + ".status", equalTo("UP"));
        well(200)
                .body(check("ultravox-reachable") + ".status", equalTo("UP"))
                .body(check("twilio-reachable") + ".status", equalTo("UP"));
        assertThat(metrics()).contains("callbridge_vendor_up{vendor=\"ultravox\"} 1.0",
                "callbridge_vendor_up{vendor=\"twilio\"} 1.0");
        // The probes authenticate exactly as the real calls do.
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/agents"))
                .withQueryParam("pageSize", WireMock.equalTo("1"))
                .withHeader("X-API-Key", WireMock.equalTo(WireMockVendors.ULTRAVOX_KEY)));
        String basic = Base64.getEncoder().encodeToString((WireMockVendors.TWILIO_SID + ":"
                + WireMockVendors.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
        wireMock.verify(getRequestedFor(urlPathEqualTo(ACCOUNT_PATH))
                .withHeader("Authorization", WireMock.equalTo("Basic " + basic)));
    }

    @Test
    void theMemoryStoreHasNoDatabaseToCheckSoItsCheckIsUp() {
        stubUltravox(200);
        stubTwilio(200, ACCOUNT_JSON);
        refresh();

        ready(200)
                .body(check("database") + ".status", equalTo("UP"))
                .body(check("database") + ".data.store", equalTo("memory"))
                .body(check("database") + ".data.lastCheck", nullValue())
                .body(check("database") + ".data.detail", nullValue());
    }

    @Test
    void notReadyBeforeTheFirstCheck() {
        ready(503)
                .body(check("ultravox") + ".status", equalTo("DOWN"))
                .body(check("ultravox") + ".data.detail", equalTo("Not checked yet."))
                .body(check("twilio") + ".status", equalTo("DOWN"));
    }

    @Test
    void notReadyWhileUltravoxRefusesAKeyItNeverAcceptedAndNoSecretIsReported() {
        stubUltravox(401);
        stubTwilio(200, ACCOUNT_JSON);
        refresh();

        String body = ready(503)
                .body("status", equalTo("DOWN"))
                .body(check("ultravox") + ".status", equalTo("DOWN"))
                .body(check("ultravox") + ".data.lastErrorStatus", equalTo(401))
                .body(check("ultravox") + ".data.lastErrorCode", equalTo("credentials_rejected"))
                .body(check("ultravox") + ".data.reachable", equalTo(false))
                .body(check("twilio") + ".status", equalTo("UP"))
                .extract().asString();
        assertThat(body).doesNotContain(WireMockVendors.ULTRAVOX_KEY, WireMockVendors.TWILIO_TOKEN);
        well(503).body(check("ultravox-reachable") + ".status", equalTo("DOWN"));
    }

    @Test
    void notReadyWhileTwilioRefusesCredentialsItNeverAcceptedAndItsErrorCodeIsReported() {
        stubUltravox(200);
        stubTwilio(401, TWILIO_401);
        refresh();

        String body = ready(503)
                .body(check("twilio") + ".status", equalTo("DOWN"))
                .body(check("twilio") + ".data.lastErrorStatus", equalTo(401))
                .body(check("twilio") + ".data.lastErrorCode", equalTo("20003"))
                .extract().asString();
        assertThat(body).doesNotContain(WireMockVendors.TWILIO_TOKEN);
    }

    @Test
    void readinessStaysUpThroughATwilioOutageWhichWellnessAndMetricsReport() {
        stubUltravox(200);
        stubTwilio(200, ACCOUNT_JSON);
        refresh();
        String firstSuccess = ready(200).extract().path(check("twilio") + ".data.lastSuccess");

        stubTwilio(500, "");
        try (LogCapture logs = LogCapture.install()) {
            refresh();
            assertThat(logs.text()).contains("WARN dev.callbridge.health.VendorHealth Vendor twilio is not reachable: "
                    + "status=500 code=http-500 Twilio answered status 500.");
        }

        ready(200)
                .body("status", equalTo("UP"))
                .body(check("twilio") + ".status", equalTo("UP"))
                .body(check("twilio") + ".data.reachable", equalTo(false))
                .body(check("twilio") + ".data.lastErrorStatus", equalTo(500))
                .body(check("twilio") + ".data.lastErrorCode", equalTo("http-500"))
                .body(check("twilio") + ".data.lastSuccess", equalTo(firstSuccess));
        well(503)
                .body("status", equalTo("DOWN"))
                .body(check("twilio-reachable") + ".status", equalTo("DOWN"))
                .body(check("twilio-reachable") + ".data.lastErrorStatus", equalTo(500))
                .body(check("ultravox-reachable") + ".status", equalTo("UP"));
        assertThat(metrics()).contains("callbridge_vendor_up{vendor=\"twilio\"} 0.0",
                "callbridge_vendor_up{vendor=\"ultravox\"} 1.0");
    }

    @Test
    void readinessStaysUpWhenUltravoxIsDownFromTheStart() {
        stubUltravox(503);
        stubTwilio(200, ACCOUNT_JSON);
        refresh();

        ready(200)
                .body(check("ultravox") + ".status", equalTo("UP"))
                .body(check("ultravox") + ".data.reachable", equalTo(false))
                .body(check("ultravox") + ".data.lastErrorStatus", equalTo(503))
                .body(check("ultravox") + ".data.lastSuccess", nullValue());
        well(503).body(check("ultravox-reachable") + ".status", equalTo("DOWN"));
        assertThat(metrics()).contains("callbridge_vendor_up{vendor=\"ultravox\"} 0.0");
    }

    @Test
    void readinessStaysUpWhenCredentialsOnceAcceptedAreRefusedLater() {
        stubUltravox(200);
        stubTwilio(200, ACCOUNT_JSON);
        refresh();

        stubTwilio(401, TWILIO_401);
        refresh();

        // Every replica shares the credentials: pulling them all would only hide the 502 problem.
        ready(200)
                .body(check("twilio") + ".status", equalTo("UP"))
                .body(check("twilio") + ".data.lastErrorStatus", equalTo(401))
                .body(check("twilio") + ".data.lastErrorCode", equalTo("20003"));
        well(503).body(check("twilio-reachable") + ".status", equalTo("DOWN"));
    }

    @Test
    void probesAnswerFromTheCacheWithoutCallingVendors() {
        stubUltravox(200);
        stubTwilio(200, ACCOUNT_JSON);
        refresh();
        int afterRefresh = wireMock.getAllServeEvents().size();
        assertThat(afterRefresh).isEqualTo(2);

        for (int i = 0; i < 5; i++) {
            ready(200);
            well(200);
            given().get("/q/health").then().statusCode(200);
        }

        assertThat(wireMock.getAllServeEvents()).hasSize(afterRefresh);
    }

    @Test
    void livenessAndStartupNeedNoVendor() {
        stubUltravox(500);
        stubTwilio(500, "");
        refresh();

        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    private void refresh() {
        vendors.refresh().await().atMost(Duration.ofSeconds(15));
    }

    private void stubUltravox(int status) {
        wireMock.stubFor(get(urlPathEqualTo("/api/agents")).willReturn(status == 200
                ? okJson("{\"results\": [], \"next\": null, \"previous\": null, \"total\": 0}")
                : aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": \"no\"}")));
    }

    private void stubTwilio(int status, String body) {
        wireMock.stubFor(get(urlPathEqualTo(ACCOUNT_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static ValidatableResponse well(int status) {
        return given().get("/q/health/well").then().statusCode(status);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static ValidatableResponse ready(int status) {
        return given().get("/q/health/ready").then().statusCode(status);
    }

    private static String check(String name) {
        return "checks.find { it.name == '" + name + "' }";
    }
}
