package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_ACCOUNT;
import static dev.callbridge.sandbox.SandboxVendors.ULTRAVOX;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Unknown routes and methods of the simulated vendors answer in the vendor's error shape. */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxErrorShapesTest {

    @Test
    void ultravoxUnknownRoutesAreDrf404s() {
        for (String path : new String[] {ULTRAVOX + "/voices", ULTRAVOX + "/agents/x/y/z", "/sandbox/ultravox/other",
                "/sandbox/ultravox"}) {
            ultravox().when().get(path).then().statusCode(404)
                    .contentType("application/json")
                    .body("detail", equalTo("Not found."))
                    .body("$", not(hasKey("type")));
        }
        given().when().get(ULTRAVOX + "/voices").then().statusCode(404).body("detail", equalTo("Not found."));
    }

    @Test
    void ultravoxWrongMethodIsADrf405() {
        ultravox().body("{}").when().put(ULTRAVOX + "/agents/00000000-0000-0000-0000-000000000000")
                .then().statusCode(405).contentType("application/json")
                .body("detail", equalTo("Method \"PUT\" not allowed."));
        ultravox().when().delete(ULTRAVOX + "/agents").then().statusCode(405)
                .body("detail", equalTo("Method \"DELETE\" not allowed."));
    }

    @Test
    void twilioUnknownRoutesAreTwilio404s() {
        twilio().when().get(TWILIO_ACCOUNT + "/Messages.json").then().statusCode(404)
                .contentType("application/json")
                .body("code", equalTo(20404))
                .body("message", equalTo("The requested resource /2010-04-01/Accounts/"
                        + SandboxCredentials.TWILIO_ACCOUNT_SID + "/Messages.json was not found"))
                .body("more_info", equalTo("https://www.twilio.com/docs/errors/20404"))
                .body("status", equalTo(404));
        twilio().when().get("/sandbox/twilio/2010-04-01/Nothing.json").then().statusCode(404)
                .body("code", equalTo(20404))
                .body("message", equalTo("The requested resource /2010-04-01/Nothing.json was not found"));
    }

    @Test
    void twilioWrongMethodIsATwilio405() {
        twilio().when().delete(SandboxVendors.TWILIO_CALLS).then().statusCode(405)
                .contentType("application/json")
                .body("code", equalTo(20004))
                .body("message", equalTo("Method not allowed"))
                .body("status", equalTo(405))
                .body("more_info", startsWith("https://www.twilio.com/docs/errors/"));
    }

    @Test
    void callbridgeOwnPathsKeepProblemJson() {
        given().when().get("/sandbox/elsewhere").then().statusCode(404)
                .contentType("application/problem+json");
        dev.callbridge.testing.Api.api().when().put("/api/v1/agents").then().statusCode(405)
                .contentType("application/problem+json");
    }
}
