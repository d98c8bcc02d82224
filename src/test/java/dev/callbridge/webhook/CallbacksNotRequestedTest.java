package dev.callbridge.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without a public base URL Twilio is asked for no callbacks, and the endpoint says so. */
@QuarkusTest
class CallbacksNotRequestedTest {

    @Test
    void theEndpointAnswersNotFoundWithoutAPublicUrl() {
        given().contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", "x")
                .body("CallSid=CA1&CallStatus=ringing&SequenceNumber=1").post("/webhooks/twilio/call-status")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("CALLBRIDGE_PUBLIC_BASE_URL"))
                .body("requestId", notNullValue());
    }
}
