package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_ACCOUNT;
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

import com.twilio.security.RequestValidator;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulated Twilio ringing a number: {@code IncomingCalls.json} sends the signed voice
 * webhook, plays the TwiML answer (stream, say, dial, or Twilio's application error) and runs
 * the inbound call's lifecycle with its {@code completed} callback.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxIncomingCallsTest {

    static final String INCOMING = TWILIO_ACCOUNT + "/IncomingCalls.json";
    static final String CALLER = "+14155550100";
    static final String NUMBER = "+14155550161";
    static final Duration WAIT = Duration.ofSeconds(10);

    final RequestValidator validator = new RequestValidator(SandboxCredentials.TWILIO_AUTH_TOKEN);

    static RequestSpecification ring(String voiceUrl) {
        return ring(voiceUrl, CALLER);
    }

    static RequestSpecification ring(String voiceUrl, String from) {
        return twilio().formParam("From", from).formParam("To", NUMBER).formParam("Url", voiceUrl);
    }

    static String heard(String sid) {
        return TWILIO_ACCOUNT + "/IncomingCalls/" + sid + ".json";
    }

    static JsonPath awaitStatus(String sid, String status) {
        await().atMost(WAIT).until(() -> status.equals(twilio().when().get(twilioCall(sid)).path("status")));
        return twilio().when().get(heard(sid)).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void sendsTheVoiceWebhookWithTwilioFieldsAndASignatureTheSdkAccepts() throws Exception {
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.twiml("<Response><Say>Hi</Say></Response>")) {
            String url = voice.baseUrl() + "/webhooks/twilio/voice?tenant=a";
            Response created = ring(url).formParam("FromCity", "SAN FRANCISCO").formParam("FromState", "CA")
                    .when().post(INCOMING);
            created.then().statusCode(201).contentType(ContentType.JSON)
                    .body("sid", matchesPattern("^CA[0-9a-f]{32}$"))
                    .body("direction", equalTo("inbound")).body("status", equalTo("ringing"))
                    .body("from", equalTo(CALLER)).body("to", equalTo(NUMBER))
                    .body("start_time", notNullValue()).body("end_time", nullValue());
            String sid = created.path("sid");

            await().atMost(WAIT).until(() -> voice.received().size() == 1);
            VoiceWebhookReceiver.Received webhook = voice.received().get(0);
            assertThat(webhook.url()).isEqualTo(url);
            assertThat(webhook.contentType()).startsWith("application/x-www-form-urlencoded");
            assertThat(webhook.params()).containsAllEntriesOf(Map.of(
                    "AccountSid", SandboxCredentials.TWILIO_ACCOUNT_SID, "ApiVersion", "2010-04-01",
                    "CallSid", sid, "CallStatus", "ringing", "Direction", "inbound",
                    "From", CALLER, "Caller", CALLER, "To", NUMBER, "Called", NUMBER))
                    .containsEntry("FromCity", "SAN FRANCISCO").containsEntry("FromState", "CA")
                    .containsEntry("FromCountry", "US").containsEntry("CallerCountry", "US")
                    .doesNotContainKey("FromZip");
            assertThat(validator.validate(url, webhook.params(), webhook.signature())).isTrue();
            assertThat(new RequestValidator("another-token").validate(url, webhook.params(), webhook.signature()))
                    .isFalse();
            awaitStatus(sid, "completed");
        }
    }

    @Test
    void theCallersCountryDefaultsToTheNumbersRegion() throws Exception {
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.twiml("<Response><Say>Hi</Say></Response>")) {
            ring(voice.baseUrl() + "/voice", "+442071838750").when().post(INCOMING).then().statusCode(201);
            await().atMost(WAIT).until(() -> voice.received().size() == 1);
            assertThat(voice.received().get(0).params()).containsEntry("FromCountry", "GB")
                    .doesNotContainKey("FromCity");
        }
    }

    @Test
    void aStreamAnswerJoinsTheUltravoxCallAndReportsASignedCompletedCallback() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.twiml(connectStream(uv[1]));
                CallbackReceiver status = CallbackReceiver.start()) {
            String callbackUrl = status.baseUrl() + "/webhooks/twilio/call-status";
            String sid = ring(voice.baseUrl() + "/voice").formParam("StatusCallback", callbackUrl)
                    .when().post(INCOMING).then().statusCode(201).extract().path("sid");

            JsonPath heard = awaitStatus(sid, "completed");
            assertThat(heard.getString("webhook.state")).isEqualTo("answered");
            assertThat(heard.getInt("webhook.status")).isEqualTo(200);
            assertThat(heard.getBoolean("heard.stream")).isTrue();
            assertThat(heard.getString("heard.agentCallId")).isEqualTo(uv[0]);
            assertThat(heard.prettify()).doesNotContain(uv[1]);
            ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0]).then()
                    .body("joined", notNullValue()).body("ended", notNullValue()).body("endReason", equalTo("hangup"));
            twilio().when().get(twilioCall(sid)).then().body("duration", equalTo("6"))
                    .body("direction", equalTo("inbound"));

            await().atMost(WAIT).until(() -> status.received().size() == 1);
            CallbackReceiver.Received completed = status.received().get(0);
            assertThat(completed.params()).containsEntry("CallSid", sid).containsEntry("CallStatus", "completed")
                    .containsEntry("Direction", "inbound").containsEntry("CallDuration", "6")
                    .containsEntry("FromCountry", "US");
            assertThat(validator.validate(callbackUrl, completed.params(), completed.header("X-Twilio-Signature")))
                    .isTrue();
            Thread.sleep(100);
            assertThat(status.received()).as("an inbound number reports completed only").hasSize(1);
        }
    }

    @Test
    void aStreamThatLeadsToNoUltravoxCallDrops() throws Exception {
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.twiml(TwilioSandboxTest.TWIML)) {
            String sid = ring(voice.baseUrl() + "/voice").when().post(INCOMING).path("sid");
            JsonPath heard = awaitStatus(sid, "completed");
            assertThat(heard.getBoolean("heard.stream")).isTrue();
            assertThat(heard.getString("heard.agentCallId")).isNull();
            twilio().when().get(twilioCall(sid)).then().body("duration", equalTo("1"));
        }
    }

    @Test
    void aSayAndDialAnswerPlaysTheMessageThenTalksWithTheNumber() throws Exception {
        String twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>\n  <Say voice=\"alice\">Our agents "
                + "are busy.</Say>\n  <Say>Connecting you.</Say><Dial><Number>+14155550199</Number></Dial></Response>";
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.twiml(twiml);
                CallbackReceiver status = CallbackReceiver.start()) {
            String sid = ring(voice.baseUrl() + "/voice").formParam("StatusCallback", status.baseUrl() + "/s")
                    .when().post(INCOMING).path("sid");
            JsonPath heard = awaitStatus(sid, "completed");
            assertThat(heard.getString("heard.say")).isEqualTo("Our agents are busy. Connecting you.");
            assertThat(heard.getString("heard.dial")).isEqualTo("+14155550199");
            assertThat(heard.getBoolean("heard.stream")).isFalse();
            await().atMost(WAIT).until(() -> status.received().size() == 1);
            long played = (long) (SandboxTwilioCalls.SAY_TALK + SandboxTwilioCalls.TALK);
            assertThat(status.received().get(0).params()).containsEntry("CallStatus", "completed")
                    .containsEntry("CallDuration", Long.toString(played));
        }
    }

    @Test
    void aSayAndHangupAnswerPlaysTheMessageAndEnds() throws Exception {
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.twiml(
                "<Response><Say>We are closed.</Say><Hangup/><Dial>+14155550199</Dial></Response>")) {
            String sid = ring(voice.baseUrl() + "/voice").when().post(INCOMING).path("sid");
            JsonPath heard = awaitStatus(sid, "completed");
            assertThat(heard.getString("heard.say")).isEqualTo("We are closed.");
            assertThat(heard.getString("heard.dial")).as("nothing after <Hangup> plays").isNull();
            twilio().when().get(twilioCall(sid)).then()
                    .body("duration", equalTo(Long.toString((long) SandboxTwilioCalls.SAY_TALK)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500 | text/xml | <Response><Say>never heard</Say></Response> | 11200",
        "404 | text/html | Not found                                  | 11200",
        "200 | text/xml | <Response><Say>unclosed</Response>          | 12100",
        "200 | text/xml | <!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><Response><Say>&e;</Say></Response> | 12100",
        "200 | text/xml | <Response><Pause length='1'/></Response>    | 12100",
        "200 | text/xml | <Reply><Say>wrong root</Say></Reply>        | 12100",
        "200 | text/xml | <Response><Connect><Stream url='https://x/y'/></Connect></Response> | 12100",
        "200 | application/json | {\"say\": \"hello\"}                 | 12300"})
    void aFailedWebhookPlaysTwiliosApplicationError(int httpStatus, String type, String body, int code)
            throws Exception {
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.start(httpStatus, type, body, 0);
                CallbackReceiver status = CallbackReceiver.start()) {
            String sid = ring(voice.baseUrl() + "/voice").formParam("StatusCallback", status.baseUrl() + "/s")
                    .when().post(INCOMING).path("sid");
            JsonPath heard = awaitStatus(sid, "completed");
            assertApplicationError(heard, code);
            assertThat(heard.getInt("webhook.status")).isEqualTo(httpStatus);
            await().atMost(WAIT).until(() -> status.received().size() == 1);
            assertThat(status.received().get(0).params()).containsEntry("CallStatus", "completed")
                    .containsEntry("CallDuration", Long.toString((long) SandboxTwilioCalls.APPLICATION_ERROR_TALK));
        }
    }

    @Test
    void aTwimlDocumentOver64KilobytesIsAnApplicationError() throws Exception {
        String padded = "<Response><Say>hi</Say><!--" + "x".repeat(TwimlReader.MAX_DOCUMENT_BYTES) + "--></Response>";
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.start(200, "application/xml", padded, 0)) {
            String sid = ring(voice.baseUrl() + "/voice").when().post(INCOMING).path("sid");
            assertApplicationError(awaitStatus(sid, "completed"), 11750);
        }
    }

    @Test
    void aStreamedCallEndsAtTheAgentCallsMaxDurationEvenWhenTheCallerStays() throws Exception {
        String agent = UltravoxSandboxTest.createAgent("twilio_short", "Hello");
        Response uv = ultravox().body("{\"medium\": {\"twilio\": {}}, \"joinTimeout\": \"600s\", "
                + "\"maxDuration\": \"20s\"}").when().post(SandboxVendors.ULTRAVOX + "/agents/" + agent + "/calls");
        uv.then().statusCode(201);
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.twiml(connectStream(uv.path("joinUrl")))) {
            String sid = ring(voice.baseUrl() + "/voice", MagicNumbers.TALKS_UNTIL_HUNG_UP).when().post(INCOMING)
                    .path("sid");
            awaitStatus(sid, "completed");
            twilio().when().get(twilioCall(sid)).then().body("duration", equalTo("20"));
            ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv.path("callId")).then()
                    .body("endReason", equalTo("timeout"));
        }
    }

    @Test
    void aWebhookThatAnswersTooLateIsAnApplicationError() throws Exception {
        long timeout = Duration.parse("PT" + SandboxProfile.VOICE_WEBHOOK_TIMEOUT).toMillis();
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.start(200, "text/xml",
                "<Response><Say>too late</Say></Response>", timeout + 3000)) {
            String sid = ring(voice.baseUrl() + "/voice").when().post(INCOMING).path("sid");
            twilio().when().get(heard(sid)).then().body("webhook.state", equalTo("pending"))
                    .body("status", equalTo("ringing"));
            JsonPath heard = awaitStatus(sid, "completed");
            assertApplicationError(heard, 11205);
            assertThat((Object) heard.get("webhook.status")).isNull();
        }
    }

    @Test
    void aWebhookNobodyListensOnIsAnApplicationError() throws Exception {
        String url;
        try (VoiceWebhookReceiver closed = VoiceWebhookReceiver.twiml("<Response/>")) {
            url = closed.baseUrl() + "/voice";
        }
        String sid = ring(url).when().post(INCOMING).path("sid");
        assertApplicationError(awaitStatus(sid, "completed"), 11205);
    }

    @Test
    void anInboundCallIsListedAndHungUpThroughTheCallsApi() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.twiml(connectStream(uv[1]));
                CallbackReceiver status = CallbackReceiver.start()) {
            String sid = ring(voice.baseUrl() + "/voice", MagicNumbers.TALKS_UNTIL_HUNG_UP)
                    .formParam("StatusCallback", status.baseUrl() + "/s").when().post(INCOMING).path("sid");
            awaitStatus(sid, "in-progress");
            await().atMost(WAIT).until(() -> ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0])
                    .path("joined") != null);
            Thread.sleep(200);
            assertThat((String) twilio().when().get(twilioCall(sid)).path("status")).isEqualTo("in-progress");

            twilio().queryParam("From", MagicNumbers.TALKS_UNTIL_HUNG_UP).queryParam("Status", "in-progress")
                    .when().get(TWILIO_CALLS).then().statusCode(200)
                    .body("calls.find { it.sid == '" + sid + "' }.direction", equalTo("inbound"));

            twilio().formParam("Status", "completed").when().post(twilioCall(sid))
                    .then().statusCode(200).body("status", equalTo("completed"));
            ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0]).then()
                    .body("ended", notNullValue()).body("endReason", equalTo("hangup"));
            await().atMost(WAIT).until(() -> status.received().size() == 1);
            assertThat(status.received().get(0).params()).containsEntry("CallStatus", "completed")
                    .containsKey("CallDuration");
        }
    }

    @Test
    void aCallHungUpWhileRingingIsCanceledAndItsLateAnswerPlaysNothing() throws Exception {
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.start(200, "text/xml",
                "<Response><Say>late</Say></Response>", 500)) {
            String sid = ring(voice.baseUrl() + "/voice").when().post(INCOMING).path("sid");
            twilio().formParam("Status", "completed").when().post(twilioCall(sid))
                    .then().statusCode(200).body("status", equalTo("canceled"));
            await().atMost(WAIT).until(() -> "answered".equals(twilio().when().get(heard(sid)).path("webhook.state")));
            Thread.sleep(100);
            twilio().when().get(twilioCall(sid)).then().body("status", equalTo("canceled")).body("duration", nullValue());
        }
    }

    @Test
    void theDefaultWebhookIsThisServicesVoiceWebhook() {
        String sid = twilio().formParam("From", CALLER).formParam("To", NUMBER).when().post(INCOMING)
                .then().statusCode(201).extract().path("sid");
        JsonPath heard = awaitStatus(sid, "completed");
        // Callbridge's own voice webhook, for a number with no route: the fallback message.
        assertThat(heard.getInt("webhook.status")).isEqualTo(200);
        assertThat(heard.getString("heard.say")).startsWith("Sorry");
    }

    @Test
    void ringsAtMostTheConcurrencyLimit() throws Exception {
        List<String> ringing = new ArrayList<>();
        try (VoiceWebhookReceiver voice = VoiceWebhookReceiver.start(200, "text/xml",
                "<Response><Say>slow</Say></Response>", 60_000)) {
            int refused = 0;
            for (int i = 0; i < 6 && refused == 0; i++) {
                Response r = ring(voice.baseUrl() + "/voice").when().post(INCOMING);
                if (r.statusCode() == 201) {
                    ringing.add(r.path("sid"));
                } else {
                    r.then().statusCode(429).body("code", equalTo(20429));
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(1);
        } finally {
            ringing.forEach(sid -> twilio().formParam("Status", "canceled").when().post(twilioCall(sid)));
        }
    }

    @Test
    void validatesTheRequestWithTwilioCodes() {
        String url = "http://127.0.0.1:9/voice";
        twilio().formParam("To", NUMBER).formParam("Url", url).when().post(INCOMING)
                .then().statusCode(400).body("code", equalTo(21213)).body("status", equalTo(400));
        twilio().formParam("From", CALLER).formParam("Url", url).when().post(INCOMING)
                .then().statusCode(400).body("code", equalTo(21201));
        twilio().formParam("From", CALLER).formParam("To", "4155550161").when().post(INCOMING)
                .then().statusCode(400).body("code", equalTo(21211));
        twilio().formParam("From", "+1415555010x").formParam("To", NUMBER).when().post(INCOMING)
                .then().statusCode(400).body("code", equalTo(21212));
        ring("ftp://example.com/voice").when().post(INCOMING).then().statusCode(400).body("code", equalTo(21205));
        ring(url).formParam("StatusCallback", "not a url").when().post(INCOMING)
                .then().statusCode(400).body("code", equalTo(21200));
        ring(url).formParam("FromCity", "x".repeat(101)).when().post(INCOMING)
                .then().statusCode(400).body("code", equalTo(21200));
    }

    @Test
    void refusesWrongCredentialsAndUnknownCalls() {
        given().auth().preemptive().basic(SandboxCredentials.TWILIO_ACCOUNT_SID, "wrong")
                .contentType(ContentType.URLENC).formParam("From", CALLER).formParam("To", NUMBER)
                .when().post(INCOMING).then().statusCode(401).body("code", equalTo(20003));
        twilio().formParam("From", CALLER).formParam("To", NUMBER)
                .when().post("/sandbox/twilio/2010-04-01/Accounts/AC11111111111111111111111111111111/IncomingCalls.json")
                .then().statusCode(401).body("code", equalTo(20003));
        given().when().get(heard("CA00000000000000000000000000000000")).then().statusCode(401);
        twilio().when().get(heard("CA00000000000000000000000000000000")).then().statusCode(404)
                .body("code", equalTo(20404));
        String outbound = TwilioSandboxTest.create("+14155550123", TwilioSandboxTest.TWIML).when().post(TWILIO_CALLS)
                .path("sid");
        twilio().when().get(heard(outbound)).then().statusCode(404);
    }

    private static void assertApplicationError(JsonPath heard, int code) {
        assertThat(heard.getString("webhook.state")).isEqualTo("failed");
        assertThat(heard.getInt("webhook.error.code")).isEqualTo(code);
        assertThat(heard.getString("webhook.error.message")).isNotBlank();
        assertThat(heard.getString("heard.say")).isEqualTo(IncomingCall.APPLICATION_ERROR_MESSAGE);
        assertThat(heard.getBoolean("heard.stream")).isFalse();
        assertThat(heard.getString("heard.dial")).isNull();
    }
}
