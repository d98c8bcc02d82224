package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_CALLS;
import static dev.callbridge.sandbox.SandboxVendors.connectStream;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.sandbox.SandboxVendors.twilioCall;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The simulated Twilio Calls API against contracts/twilio.md, over plain HTTP. */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class TwilioSandboxTest {

    static final String FROM = SandboxCredentials.TWILIO_PHONE_NUMBER;
    static final String CALL_SID = "^CA[0-9a-f]{32}$";
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    static final String TWIML = connectStream("wss://sandbox.callbridge.invalid/calls/not-an-ultravox-call");

    /**
     * An Ultravox call to connect a Twilio call to; returns {callId, joinUrl}. Its join timeout
     * is long (6 s real) so a slow machine cannot make it end unjoined before Twilio answers.
     */
    static String[] ultravoxCall() {
        return ultravoxCall("600s");
    }

    static String[] ultravoxCall(String joinTimeout) {
        String agent = UltravoxSandboxTest.createAgent("twilio_peer", "Hello");
        Response r = ultravox().body("{\"medium\": {\"twilio\": {}}, \"joinTimeout\": \"" + joinTimeout + "\"}")
                .when().post(SandboxVendors.ULTRAVOX + "/agents/" + agent + "/calls");
        r.then().statusCode(201);
        return new String[] {r.path("callId"), r.path("joinUrl")};
    }

    static RequestSpecification create(String to, String twiml) {
        return twilio().formParam("To", to).formParam("From", FROM).formParam("Twiml", twiml);
    }

    @Test
    void wrongCredentialsGet401Code20003() {
        given().auth().preemptive().basic(SandboxCredentials.TWILIO_ACCOUNT_SID, "wrong")
                .contentType(ContentType.URLENC).formParam("To", "+14155550100")
                .when().post(TWILIO_CALLS)
                .then().statusCode(401)
                .body("code", equalTo(20003)).body("message", equalTo("Authenticate"))
                .body("more_info", equalTo("https://www.twilio.com/docs/errors/20003")).body("status", equalTo(401));
        given().when().get(twilioCall("CA00000000000000000000000000000000")).then().statusCode(401);
        twilio().when().get("/sandbox/twilio/2010-04-01/Accounts/AC11111111111111111111111111111111/Calls/x.json")
                .then().statusCode(401).body("code", equalTo(20003));
    }

    @Test
    void createAnswers201InTwilioShape() {
        Response r = create("+14155550123", TWIML).when().post(TWILIO_CALLS);
        r.then().statusCode(201).contentType(ContentType.JSON)
                .body("sid", matchesPattern(CALL_SID))
                .body("account_sid", equalTo(SandboxCredentials.TWILIO_ACCOUNT_SID))
                .body("status", equalTo("queued"))
                .body("to", equalTo("+14155550123")).body("to_formatted", equalTo("(415) 555-0123"))
                .body("from", equalTo(FROM))
                .body("direction", equalTo("outbound-api")).body("api_version", equalTo("2010-04-01"))
                .body("queue_time", equalTo("0"))
                .body("duration", nullValue()).body("start_time", nullValue())
                .body("uri", equalTo("/2010-04-01/Accounts/" + SandboxCredentials.TWILIO_ACCOUNT_SID + "/Calls/"
                        + r.path("sid") + ".json"))
                .body("subresource_uris.streams", notNullValue());
        ZonedDateTime created = ZonedDateTime.parse(r.path("date_created"), RFC_2822);
        assertThat(created).isBetween(ZonedDateTime.now().minusMinutes(1), ZonedDateTime.now().plusMinutes(1));
        assertThat((String) r.path("date_created")).endsWith(" +0000");
        twilio().when().get(twilioCall(r.path("sid"))).then().statusCode(200).body("sid", equalTo(r.path("sid")));
    }

    @Test
    void validatesParametersWithTwilioCodes() {
        twilio().formParam("From", FROM).formParam("Twiml", TWIML).when().post(TWILIO_CALLS)
                .then().statusCode(400).body("code", equalTo(21201)).body("status", equalTo(400));
        twilio().formParam("To", "+14155550123").formParam("Twiml", TWIML).when().post(TWILIO_CALLS)
                .then().statusCode(400).body("code", equalTo(21213));
        create("4155550123", TWIML).when().post(TWILIO_CALLS).then().statusCode(400).body("code", equalTo(21211));
        create("+1415555012a", TWIML).when().post(TWILIO_CALLS).then().statusCode(400).body("code", equalTo(21211));
        twilio().formParam("To", "+14155550123").formParam("From", "+14155550999").formParam("Twiml", TWIML)
                .when().post(TWILIO_CALLS).then().statusCode(400).body("code", equalTo(21210));
        twilio().formParam("To", "+14155550123").formParam("From", MagicNumbers.INVALID_CALLER_ID)
                .formParam("Twiml", TWIML).when().post(TWILIO_CALLS).then().statusCode(400).body("code", equalTo(21212));
        twilio().formParam("To", "+14155550123").formParam("From", FROM)
                .when().post(TWILIO_CALLS).then().statusCode(400).body("code", equalTo(21200));
        create("+14155550123", TWIML).formParam("Url", "https://example.com/twiml")
                .when().post(TWILIO_CALLS).then().statusCode(400).body("code", equalTo(21200));
        create("+14155550123", TWIML).formParam("StatusCallbackEvent", "rung")
                .when().post(TWILIO_CALLS).then().statusCode(400).body("code", equalTo(21626));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<Response><Connect><Stream url='wss://x/y'></Connect></Response> | not well-formed XML",
        "<Response><Say>hi</Say></Response>                                | <Connect><Stream url",
        "<Response><Connect><Stream/></Connect></Response>                  | <Connect><Stream url",
        "<Response><Connect><Stream url='https://x/y'/></Connect></Response>| wss://",
        "<Reply><Connect><Stream url='wss://x/y'/></Connect></Reply>        | root element",
        "<!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><Response>&e;</Response> | not well-formed XML"})
    void rejectsTwimlWithoutAWellFormedConnectStream(String twiml, String reason) {
        create("+14155550123", twiml).when().post(TWILIO_CALLS)
                .then().statusCode(400).body("code", equalTo(21200))
                .body("message", org.hamcrest.Matchers.containsString(reason));
    }

    @Test
    void rejectsTwimlOver4000Characters() {
        String padded = "<Response><Connect><Stream url=\"wss://x/y\"/></Connect><!--" + "x".repeat(4000) + "--></Response>";
        create("+14155550123", padded).when().post(TWILIO_CALLS)
                .then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("4000"));
    }

    @ParameterizedTest
    @CsvSource({"+15005550001, 21217", "+15005550002, 21214", "+15005550003, 21215", "+15005550004, 21216"})
    void magicNumbersAreRefusedWithTheirCodes(String to, int code) {
        create(to, TWIML).when().post(TWILIO_CALLS)
                .then().statusCode(400).body("code", equalTo(code)).body("status", equalTo(400))
                .body("more_info", equalTo("https://www.twilio.com/docs/errors/" + code));
    }

    @Test
    void failsOnceNumberAnswers500ThenAccepts() {
        create(MagicNumbers.FAILS_ONCE, TWIML).when().post(TWILIO_CALLS)
                .then().statusCode(500).body("code", equalTo(20500)).body("status", equalTo(500));
        create(MagicNumbers.FAILS_ONCE, TWIML).when().post(TWILIO_CALLS).then().statusCode(201);
    }

    @Test
    void callPlaysItsLifecycleAndTheUltravoxCallJoinsAndEnds() {
        String[] uv = ultravoxCall();
        String sid = create("+14155550123", connectStream(uv[1])).when().post(TWILIO_CALLS)
                .then().statusCode(201).extract().path("sid");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> twilio().when().get(twilioCall(sid))
                .then().body("status", equalTo("completed")).body("duration", equalTo("6"))
                .body("start_time", notNullValue()).body("end_time", notNullValue()));
        ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0]).then().statusCode(200)
                .body("joined", notNullValue()).body("ended", notNullValue())
                .body("endReason", equalTo("hangup"))
                .body("billingStatus", equalTo("BILLING_STATUS_BILLED"))
                .body("metadata.'ultravox.twilio.call_sid'", equalTo(sid));
    }

    @Test
    void busyAndNeverAnsweringNumbersEndWithoutJoining() {
        String[] uv = ultravoxCall("30s");
        String busy = create(MagicNumbers.BUSY, connectStream(uv[1])).when().post(TWILIO_CALLS)
                .then().statusCode(201).extract().path("sid");
        String silent = create(MagicNumbers.NEVER_ANSWERS, TWIML).formParam("Timeout", "20").when().post(TWILIO_CALLS)
                .then().statusCode(201).extract().path("sid");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            twilio().when().get(twilioCall(busy)).then().body("status", equalTo("busy")).body("duration", nullValue());
            twilio().when().get(twilioCall(silent)).then().body("status", equalTo("no-answer"));
            ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0])
                    .then().body("endReason", equalTo("unjoined")).body("joined", nullValue());
        });
    }

    @Test
    void hangingUpALiveCallCompletesItAndEndsTheAgentCall() {
        String[] uv = ultravoxCall();
        String sid = create(MagicNumbers.TALKS_UNTIL_HUNG_UP, connectStream(uv[1])).when().post(TWILIO_CALLS)
                .then().statusCode(201).extract().path("sid");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> twilio().when().get(twilioCall(sid))
                .then().body("status", equalTo("in-progress")));
        twilio().formParam("Status", "canceled").when().post(twilioCall(sid))
                .then().statusCode(200).body("status", equalTo("in-progress"));
        twilio().formParam("Status", "completed").when().post(twilioCall(sid))
                .then().statusCode(200).body("status", equalTo("completed")).body("duration", notNullValue());
        ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0]).then().body("endReason", equalTo("hangup"));
        twilio().formParam("Status", "completed").when().post(twilioCall(sid))
                .then().statusCode(200).body("status", equalTo("completed"));
    }

    @Test
    void cancelingARingingCallAndUnknownSids() {
        String sid = create(MagicNumbers.NEVER_ANSWERS, TWIML).formParam("Timeout", "600")
                .when().post(TWILIO_CALLS).then().extract().path("sid");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> twilio().when().get(twilioCall(sid))
                .then().body("status", equalTo("ringing")));
        twilio().formParam("Status", "canceled").when().post(twilioCall(sid))
                .then().statusCode(200).body("status", equalTo("canceled"));
        twilio().formParam("Status", "ringing").when().post(twilioCall(sid)).then().statusCode(400);
        String unknown = "CA" + "0".repeat(32);
        twilio().when().get(twilioCall(unknown)).then().statusCode(404).body("code", equalTo(20404))
                .body("message", equalTo("The requested resource /2010-04-01/Accounts/"
                        + SandboxCredentials.TWILIO_ACCOUNT_SID + "/Calls/" + unknown + ".json was not found"));
    }

    @Test
    void concurrencyLimitAnswers429Code20429() {
        List<String> sids = new ArrayList<>();
        try {
            Response refused = null;
            for (int i = 0; i <= 5 && refused == null; i++) {
                Response r = create(MagicNumbers.NEVER_ANSWERS, TWIML).formParam("Timeout", "600")
                        .when().post(TWILIO_CALLS);
                if (r.statusCode() == 201) {
                    sids.add(r.path("sid"));
                } else {
                    refused = r;
                }
            }
            assertThat(refused).as("a 429 within limit + 1 calls").isNotNull();
            refused.then().statusCode(429).body("code", equalTo(20429)).body("status", equalTo(429));
        } finally {
            sids.forEach(sid -> twilio().formParam("Status", "canceled").when().post(twilioCall(sid)));
        }
    }
}
