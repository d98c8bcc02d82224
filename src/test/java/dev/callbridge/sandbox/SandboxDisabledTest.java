package dev.callbridge.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With the sandbox off (the default test setup), its endpoints do not exist. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxDisabledTest {

    @Test
    void sandboxPathsAnswer404ProblemEvenWithValidCredentials() {
        SandboxVendors.ultravox().when().get(SandboxVendors.ULTRAVOX + "/agents")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("No endpoint matches GET /sandbox/ultravox/api/agents."));
        SandboxVendors.twilio().formParam("To", "+14155550123").when().post(SandboxVendors.TWILIO_CALLS)
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/sandbox").then().statusCode(404).contentType("application/problem+json");
        // The vendor-shaped fallbacks stay silent too.
        SandboxVendors.ultravox().when().get("/sandbox/ultravox/unknown")
                .then().statusCode(404).contentType("application/problem+json");
        SandboxVendors.twilio().when().delete(SandboxVendors.TWILIO_CALLS)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readinessReportsNoSandboxAndSwaggerHidesIt() {
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'sandbox' }.data.sandbox", equalTo(false));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet().findAll { it.startsWith('/sandbox') }.size()", equalTo(0));
    }
}
