package dev.callbridge.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Without a public base URL Twilio cannot have been given a placed call's connect or detection
 * webhook, and they say so.
 */
@QuarkusTest
class PlacementWebhooksUnservedTest {

    @Test
    void theWebhookAnswersNotFoundWithoutAPublicUrl() {
        given().contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", "x")
                .body("CallSid=CA1&AnsweredBy=machine_end_beep")
                .post("/webhooks/twilio/machine-detection/0c6e1f8a-2b7d-4e59-a3c1-9d8f7e6b5a40")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("machine detection callback"))
                .body("detail", containsString("CALLBRIDGE_PUBLIC_BASE_URL"))
                .body("requestId", notNullValue());
    }

    @Test
    void theConnectWebhookAnswersNotFoundWithoutAPublicUrl() {
        given().contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", "x")
                .body("CallSid=CA1&CallStatus=in-progress")
                .post("/webhooks/twilio/connect/0c6e1f8a-2b7d-4e59-a3c1-9d8f7e6b5a40")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("connect webhook"))
                .body("detail", containsString("CALLBRIDGE_PUBLIC_BASE_URL"))
                .body("requestId", notNullValue());
    }
}
