package dev.callbridge.sandbox;

import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.callbridge.config.TwilioConfig;
import dev.callbridge.config.UltravoxConfig;
import dev.callbridge.health.VendorHealth;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the sandbox on, Callbridge's own clients reach the simulator over real loopback HTTP. */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxSwitchingTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @Inject
    VendorHealth vendorHealth;

    @Inject
    UltravoxConfig ultravox;

    @Inject
    TwilioConfig twilio;

    @Test
    void vendorSettingsPointAtTheSandboxEvenOverTestResources() {
        String base = SandboxVendors.baseUrl() + "/sandbox";
        assertThat(ultravox.baseUrl()).isEqualTo(base + "/ultravox");
        assertThat(ultravox.apiKey()).contains(SandboxCredentials.ULTRAVOX_API_KEY);
        assertThat(ConfigProvider.getConfig().getValue("quarkus.rest-client.ultravox.url", String.class))
                .isEqualTo(base + "/ultravox");
        assertThat(twilio.baseUrl()).isEqualTo(base + "/twilio");
        assertThat(twilio.accountSid()).contains(SandboxCredentials.TWILIO_ACCOUNT_SID);
        assertThat(twilio.authToken()).contains(SandboxCredentials.TWILIO_AUTH_TOKEN);
        assertThat(twilio.phoneNumber()).contains(SandboxCredentials.TWILIO_PHONE_NUMBER);
    }

    @Test
    void agentRoundTripThroughCallbridgeReachesTheSimulatedUltravox() {
        String id = api().body("""
                {"name": "sandbox_round_trip", "callTemplate": {"systemPrompt": "Hi {{name}}", "voice": "Jessica"}}
                """)
                .when().post("/api/v1/agents")
                .then().statusCode(201)
                .body("name", equalTo("sandbox_round_trip"))
                .body("statistics.calls", equalTo(0))
                .extract().path("agentId");

        SandboxVendors.ultravox().when().get(SandboxVendors.ULTRAVOX + "/agents/" + id)
                .then().statusCode(200).body("callTemplate.systemPrompt", equalTo("Hi {{name}}"));
        api().when().get("/api/v1/agents/" + id)
                .then().statusCode(200).body("callTemplate.voice", equalTo("Jessica"));
        api().body("{\"callTemplate\": {\"temperature\": 0.4}}").when().patch("/api/v1/agents/" + id)
                .then().statusCode(200)
                .body("callTemplate.temperature", equalTo(0.4f))
                .body("callTemplate.systemPrompt", equalTo("Hi {{name}}"));
        api().when().get("/api/v1/agents?pageSize=200")
                .then().statusCode(200).body("results.agentId", hasItem(id));
        api().when().delete("/api/v1/agents/" + id).then().statusCode(204);
        api().when().get("/api/v1/agents/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invalidNameIsRejectedBySimulatorAsUltravoxWould() {
        // Callbridge checks names itself, so go straight to the simulator for its own rule.
        SandboxVendors.ultravox().body("{\"name\": \"has spaces\", \"callTemplate\": {\"systemPrompt\": \"x\"}}")
                .when().post(SandboxVendors.ULTRAVOX + "/agents")
                .then().statusCode(400).body("name[0]", equalTo("Agent names may contain only letters, digits, '_' and '-'."));
    }

    @Test
    void readinessSaysSandboxAndStaysUpOutsideProduction() {
        // Background checks are off in tests: run one now, against the simulated vendors.
        vendorHealth.refresh().await().atMost(java.time.Duration.ofSeconds(10));
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'ultravox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'twilio' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'sandbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'sandbox' }.data.sandbox", equalTo(true));
    }
}
