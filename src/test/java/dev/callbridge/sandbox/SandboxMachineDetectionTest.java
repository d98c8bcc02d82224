package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_ACCOUNT;
import static dev.callbridge.sandbox.SandboxVendors.TWILIO_CALLS;
import static dev.callbridge.sandbox.SandboxVendors.connectStream;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.sandbox.SandboxVendors.twilioCall;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.CallbackReceiver.Received;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answering-machine detection of the simulated Twilio: each magic callee (a person, the
 * answering machine {@code +15005550010}, the fax {@code +15005550011}) under both modes, both
 * asynchronously (the result signed to {@code AsyncAmdStatusCallback}) and synchronously (the
 * {@code Url} fetch waits for it and carries {@code AnsweredBy}); status callbacks and the call
 * resource show {@code answered_by}; a machine redirected to a {@code <Say>} records it. Each
 * waits for what it checks, never for a stretch of real time: the profile keeps the machine and
 * the fax on the line long enough that nothing here depends on how fast the machine runs.
 */
@QuarkusTest
@TestProfile(PatientCalleesProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxMachineDetectionTest {

    private static final String PERSON = "+14155550123";
    private static final String FROM = SandboxCredentials.TWILIO_PHONE_NUMBER;
    private static final String AMD_PATH = "/webhooks/twilio/amd/p-1";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String VOICEMAIL = "Hello, this is Callbridge. Please call us back.";

    @Inject
    SandboxConfig config;

    private final RequestValidator validator = new RequestValidator(SandboxCredentials.TWILIO_AUTH_TOKEN);

    static Stream<Arguments> everyCalleeModeAndWay() {
        return Stream.of(true, false).flatMap(async -> Stream.of(
                Arguments.of(PERSON, "Enable", async, "human", 2000),
                Arguments.of(PERSON, "DetectMessageEnd", async, "human", 2000),
                Arguments.of(MagicNumbers.ANSWERING_MACHINE, "Enable", async, "machine_start", 3000),
                Arguments.of(MagicNumbers.ANSWERING_MACHINE, "DetectMessageEnd", async, "machine_end_beep", 7000),
                Arguments.of(MagicNumbers.FAX, "Enable", async, "fax", 1000),
                Arguments.of(MagicNumbers.FAX, "DetectMessageEnd", async, "fax", 1000)));
    }

    @ParameterizedTest(name = "{0} {1} async={2} is {3}")
    @MethodSource("everyCalleeModeAndWay")
    void detectionTellsWhoAnswered(String to, String mode, boolean async, String answeredBy, long millis)
            throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (CallbackReceiver callbacks = CallbackReceiver.start();
                VoiceWebhookReceiver connect = VoiceWebhookReceiver.twiml(connectStream(uv[1]))) {
            String sid = withCallbacks(create(to).formParam("Url", connect.baseUrl() + "/connect"), callbacks)
                    .formParam("MachineDetection", mode).formParam("AsyncAmd", Boolean.toString(async))
                    .formParam("AsyncAmdStatusCallback", callbacks.baseUrl() + AMD_PATH)
                    .when().post(TWILIO_CALLS).then().statusCode(201).body("answered_by", nullValue())
                    .extract().path("sid");

            // Waits for what it checks (the stream joined, the result came), then hangs up: the
            // machine and the fax would stay on the line for their configured time.
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(outgoing(sid).path("heard.stream")));
            if (async) {
                await().atMost(WAIT).until(() -> amdCallbacks(callbacks).size() == 1);
            }
            twilio().formParam("Status", "completed").when().post(twilioCall(sid)).then().statusCode(200);
            Received completed = awaitCompleted(callbacks);
            assertThat(connect.received()).hasSize(1);
            Map<String, String> fetch = connect.received().get(0).params();
            if (async) {
                // The TwiML was fetched at once, before detection said anything.
                assertThat(fetch).doesNotContainKey("AnsweredBy");
                Received result = amdCallbacks(callbacks).get(0);
                assertThat(result.method()).isEqualTo("POST");
                assertThat(result.url()).isEqualTo(callbacks.baseUrl() + AMD_PATH);
                assertThat(result.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "AccountSid", SandboxCredentials.TWILIO_ACCOUNT_SID, "CallSid", sid,
                        "AnsweredBy", answeredBy, "MachineDetectionDuration", Long.toString(millis)));
                assertThat(validator.validate(result.url(), result.params(), result.header("X-Twilio-Signature")))
                        .isTrue();
            } else {
                assertThat(fetch).containsEntry("AnsweredBy", answeredBy).containsEntry("CallSid", sid);
                assertThat(validator.validate(connect.received().get(0).url(), fetch,
                        connect.received().get(0).signature())).isTrue();
                assertThat(amdCallbacks(callbacks)).isEmpty();
            }
            assertThat(completed.params()).containsEntry("AnsweredBy", answeredBy);
            assertThat(statusCallback(callbacks, "in-progress").params()).doesNotContainKey("AnsweredBy");
            twilio().when().get(twilioCall(sid)).then().body("answered_by", equalTo(answeredBy));
            outgoing(sid).then().body("callee", equalTo(SimulatedCallee.kind(MagicNumbers.behaviour(to))))
                    .body("answered_by", equalTo(answeredBy)).body("heard.stream", equalTo(true))
                    .body("heard.agentCallId", equalTo(uv[0]));
            ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0]).then()
                    .body("joined", notNullValue()).body("endReason", equalTo("hangup"));
        }
    }

    @ParameterizedTest(name = "async={0}: talks {1} s")
    @CsvSource({"true, 6", "false, 8"})
    void synchronousDetectionHoldsAnInlineStreamUntilTheResult(boolean async, String talkSeconds) throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (CallbackReceiver callbacks = CallbackReceiver.start()) {
            String sid = withCallbacks(create(PERSON).formParam("Twiml", connectStream(uv[1])), callbacks)
                    .formParam("MachineDetection", "DetectMessageEnd").formParam("AsyncAmd", Boolean.toString(async))
                    .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");

            // A person talks 6 s once the stream joins; synchronously it joins after the 2 s of detection.
            assertThat(awaitCompleted(callbacks).params()).containsEntry("CallDuration", talkSeconds)
                    .containsEntry("AnsweredBy", "human");
            twilio().when().get(twilioCall(sid)).then().body("answered_by", equalTo("human"));
            assertThat(amdCallbacks(callbacks)).isEmpty();
        }
    }

    @Test
    void aMachineRedirectedAfterTheBeepRecordsTheMessageAndTheCallCompletes() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (CallbackReceiver callbacks = CallbackReceiver.start()) {
            String sid = withCallbacks(create(MagicNumbers.ANSWERING_MACHINE).formParam("Twiml", connectStream(uv[1])),
                    callbacks).formParam("MachineDetection", "DetectMessageEnd").formParam("AsyncAmd", "true")
                    .formParam("AsyncAmdStatusCallback", callbacks.baseUrl() + AMD_PATH)
                    .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");
            await().atMost(WAIT).until(() -> amdCallbacks(callbacks).size() == 1);
            assertThat(amdCallbacks(callbacks).get(0).params()).containsEntry("AnsweredBy", "machine_end_beep");

            twilio().formParam("Twiml", "<Response><Say>" + VOICEMAIL + "</Say><Hangup/></Response>")
                    .when().post(twilioCall(sid)).then().statusCode(200).body("sid", equalTo(sid));

            Received completed = awaitCompleted(callbacks);
            assertThat(completed.params()).containsEntry("AnsweredBy", "machine_end_beep");
            // The beep after 7 s, then the 2 s message; the machine hanging up by itself after its
            // recording time would make the call last the whole greeting and recording.
            long machineHangsUp = Math.round(SimulatedCallee.BEEP_AFTER + config.callee().machineRecordsFor().toSeconds());
            assertThat(Long.parseLong(completed.params().get("CallDuration")))
                    .isBetween(Math.round(SimulatedCallee.BEEP_AFTER) + 2, machineHangsUp - 1);
            JsonPath heard = outgoing(sid).then().statusCode(200).extract().jsonPath();
            assertThat(heard.getBoolean("heard.stream")).isTrue();
            assertThat(heard.getList("heard.say", String.class)).containsExactly(VOICEMAIL);
            assertThat(heard.getBoolean("voicemail.beeped")).isTrue();
            assertThat(heard.getList("voicemail.recorded", String.class)).containsExactly(VOICEMAIL);
            // Redirecting away from the stream closed it, which ended the agent call.
            ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0]).then()
                    .body("endReason", equalTo("hangup"));
            twilio().formParam("Twiml", "<Response><Say>Again</Say></Response>").when().post(twilioCall(sid))
                    .then().statusCode(400).body("code", equalTo(21220));
        }
    }

    @Test
    void aMessageSaidDuringTheGreetingIsHeardButNotRecorded() throws Exception {
        try (VoiceWebhookReceiver say = VoiceWebhookReceiver.twiml(
                "<Response><Say>" + VOICEMAIL + "</Say><Hangup/></Response>")) {
            // Enable reports machine_start 3 s in; the greeting plays on until the beep at 7 s.
            String sid = create(MagicNumbers.ANSWERING_MACHINE).formParam("Url", say.baseUrl() + "/x")
                    .formParam("MachineDetection", "Enable").when().post(TWILIO_CALLS).then().statusCode(201)
                    .extract().path("sid");

            await().atMost(WAIT).until(() -> "completed".equals(status(sid)));
            assertThat(say.received().get(0).params()).containsEntry("AnsweredBy", "machine_start");
            outgoing(sid).then().body("heard.say", equalTo(List.of(VOICEMAIL)))
                    .body("voicemail.recorded", equalTo(List.of()));
        }
    }

    @Test
    void aRedirectToAUrlPlaysWhatItAnswersAndBadRedirectsAreRefused() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (VoiceWebhookReceiver message = VoiceWebhookReceiver.twiml("<Response><Say>Goodbye</Say></Response>")) {
            String sid = create(MagicNumbers.TALKS_UNTIL_HUNG_UP).formParam("Twiml", connectStream(uv[1]))
                    .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");
            await().atMost(WAIT).until(() -> "in-progress".equals(status(sid)));
            twilio().formParam("Twiml", "<Response><Say>").when().post(twilioCall(sid))
                    .then().statusCode(400).body("code", equalTo(21200));
            twilio().formParam("Url", "not a url").when().post(twilioCall(sid))
                    .then().statusCode(400).body("code", equalTo(21205));

            twilio().formParam("Url", message.baseUrl() + "/goodbye").when().post(twilioCall(sid))
                    .then().statusCode(200);

            await().atMost(WAIT).until(() -> "completed".equals(status(sid)));
            assertThat(message.received()).hasSize(1);
            assertThat(message.received().get(0).params()).containsEntry("CallSid", sid)
                    .containsEntry("CallStatus", "in-progress").doesNotContainKey("AnsweredBy");
            outgoing(sid).then().body("callee", equalTo("human")).body("heard.say", equalTo(List.of("Goodbye")))
                    .body("voicemail", nullValue()).body("answered_by", nullValue());
        }
    }

    @Test
    void aCallThatEndsBeforeDetectionFinishedSendsNoResult() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        String[] later = TwilioSandboxTest.ultravoxCall();
        try (CallbackReceiver callbacks = CallbackReceiver.start()) {
            // TimeLimit ends the call 2 simulated seconds after the answer; the machine's beep would come after 7.
            String sid = withCallbacks(detectingTheBeep(connectStream(uv[1]), callbacks), callbacks)
                    .formParam("TimeLimit", "2").when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");
            Received completed = awaitCompleted(callbacks);
            assertThat(completed.params()).doesNotContainKey("AnsweredBy").containsEntry("CallDuration", "2");

            // A second call, answered after the first ended, has its result due later on the same
            // simulated timeline; once that result is in, the first call's would have been too.
            String second = detectingTheBeep(connectStream(later[1]), callbacks).when().post(TWILIO_CALLS).then()
                    .statusCode(201).extract().path("sid");
            await().atMost(WAIT).until(() -> amdCallbacks(callbacks).size() == 1);
            assertThat(amdCallbacks(callbacks).get(0).params()).containsEntry("CallSid", second);
            twilio().formParam("Status", "completed").when().post(twilioCall(second)).then().statusCode(200);
            twilio().when().get(twilioCall(sid)).then().body("answered_by", nullValue());
        }
    }

    private static RequestSpecification detectingTheBeep(String twiml, CallbackReceiver callbacks) {
        return create(MagicNumbers.ANSWERING_MACHINE).formParam("Twiml", twiml)
                .formParam("MachineDetection", "DetectMessageEnd").formParam("AsyncAmd", "true")
                .formParam("AsyncAmdStatusCallback", callbacks.baseUrl() + AMD_PATH);
    }

    @Test
    void aResultByGetIsSignedOverItsUrlAndDetectionGivesUpAtItsTimeout() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (CallbackReceiver callbacks = CallbackReceiver.start()) {
            String sid = create(MagicNumbers.ANSWERING_MACHINE).formParam("Twiml", connectStream(uv[1]))
                    .formParam("MachineDetection", "DetectMessageEnd").formParam("AsyncAmd", "true")
                    .formParam("MachineDetectionTimeout", "5")
                    .formParam("AsyncAmdStatusCallback", callbacks.baseUrl() + AMD_PATH + "?attempt=1")
                    .formParam("AsyncAmdStatusCallbackMethod", "GET")
                    .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");

            await().atMost(WAIT).until(() -> amdCallbacks(callbacks).size() == 1);
            Received result = amdCallbacks(callbacks).get(0);
            assertThat(result.method()).isEqualTo("GET");
            assertThat(result.params()).containsEntry("AnsweredBy", "unknown")
                    .containsEntry("MachineDetectionDuration", "5000").containsEntry("attempt", "1");
            assertThat(validator.validate(result.url(), Map.of(), result.header("X-Twilio-Signature"))).isTrue();
            twilio().formParam("Status", "completed").when().post(twilioCall(sid)).then().statusCode(200)
                    .body("answered_by", equalTo("unknown"));
        }
    }

    @Test
    void withoutAnAmdCallbackTheResultIsOnTheCallAlone() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        String sid = create(MagicNumbers.FAX).formParam("Twiml", connectStream(uv[1]))
                .formParam("MachineDetection", "Enable").formParam("AsyncAmd", "true")
                .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");

        await().atMost(WAIT).until(() -> twilio().when().get(twilioCall(sid)).path("answered_by") != null);
        twilio().formParam("Status", "completed").when().post(twilioCall(sid)).then().statusCode(200)
                .body("answered_by", equalTo("fax"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "AsyncAmd, yes", "AsyncAmdStatusCallback, ftp://example.com/amd", "AsyncAmdStatusCallback, not a url",
        "AsyncAmdStatusCallbackMethod, PUT", "MachineDetectionTimeout, 2", "MachineDetectionTimeout, 60",
        "MachineDetectionTimeout, soon", "MachineDetectionSpeechThreshold, 999",
        "MachineDetectionSpeechEndThreshold, 5001", "MachineDetectionSilenceTimeout, 1999"})
    void badDetectionParametersAreRefused(String name, String value) {
        create(PERSON).formParam("Twiml", TwilioSandboxTest.TWIML).formParam("MachineDetection", "Enable")
                .formParam(name, value).when().post(TWILIO_CALLS).then().statusCode(400)
                .body("code", equalTo(21200)).body("status", equalTo(400)).body("message", containsString(name))
                .body("more_info", equalTo("https://www.twilio.com/docs/errors/21200"));
    }

    @ParameterizedTest(name = "MachineDetection={0}")
    @CsvSource({"Sometimes", "enable", "DETECTMESSAGEEND", "' Enable'", "''"})
    void aModeOtherThanTwiliosExactNamesIsRefused(String mode) {
        create(PERSON).formParam("Twiml", TwilioSandboxTest.TWIML).formParam("MachineDetection", mode)
                .when().post(TWILIO_CALLS).then().statusCode(400).body("code", equalTo(21200))
                .body("message", containsString("MachineDetection"));
    }

    @Test
    void sendDigitsMeansNoDetection() {
        String sid = create(PERSON).formParam("MachineDetection", "Enable").formParam("SendDigits", "1234")
                .formParam("Twiml", TwilioSandboxTest.TWIML).formParam("AsyncAmd", "true")
                .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");
        await().atMost(WAIT).until(() -> "completed".equals(status(sid)));
        twilio().when().get(twilioCall(sid)).then().body("answered_by", nullValue());
    }

    @Test
    void theTwilioSdkSendsDetectionAndReadsAnsweredBy() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (CallbackReceiver callbacks = CallbackReceiver.start()) {
            var client = SandboxVendors.twilioSdk();
            Call call = Call.creator(new PhoneNumber(MagicNumbers.ANSWERING_MACHINE), new PhoneNumber(FROM),
                            new com.twilio.type.Twiml(connectStream(uv[1])))
                    .setMachineDetection("DetectMessageEnd").setAsyncAmd("true")
                    .setAsyncAmdStatusCallback(URI.create(callbacks.baseUrl() + AMD_PATH))
                    .setAsyncAmdStatusCallbackMethod(HttpMethod.POST).setMachineDetectionTimeout(30)
                    .create(client);
            await().atMost(WAIT).until(() -> amdCallbacks(callbacks).size() == 1);
            assertThat(Call.fetcher(call.getSid()).fetch(client).getAnsweredBy()).isEqualTo("machine_end_beep");
            Call.updater(call.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(client);
        }
    }

    @Test
    void theHeardViewIsOnlyForCreatedCalls() {
        String unknown = "CA" + "0".repeat(32);
        twilio().when().get(TWILIO_ACCOUNT + "/OutgoingCalls/" + unknown + ".json").then().statusCode(404)
                .body("code", equalTo(20404));
    }

    private static RequestSpecification create(String to) {
        return twilio().formParam("To", to).formParam("From", FROM);
    }

    private static RequestSpecification withCallbacks(RequestSpecification request, CallbackReceiver callbacks) {
        return request.formParam("StatusCallback", callbacks.baseUrl() + "/status")
                .formParam("StatusCallbackEvent", "answered").formParam("StatusCallbackEvent", "completed");
    }

    private static String status(String sid) {
        return twilio().when().get(twilioCall(sid)).path("status");
    }

    private static io.restassured.response.Response outgoing(String sid) {
        return twilio().when().get(TWILIO_ACCOUNT + "/OutgoingCalls/" + sid + ".json");
    }

    private static List<Received> amdCallbacks(CallbackReceiver callbacks) {
        return callbacks.received().stream().filter(r -> r.url().contains(AMD_PATH)).toList();
    }

    private static Optional<Received> findStatusCallback(CallbackReceiver callbacks, String callStatus) {
        return callbacks.received().stream().filter(r -> r.url().endsWith("/status"))
                .filter(r -> callStatus.equals(r.params().get("CallStatus"))).findFirst();
    }

    private static Received statusCallback(CallbackReceiver callbacks, String callStatus) {
        await().atMost(WAIT).until(() -> findStatusCallback(callbacks, callStatus).isPresent());
        return findStatusCallback(callbacks, callStatus).orElseThrow();
    }

    private static Received awaitCompleted(CallbackReceiver callbacks) {
        return statusCallback(callbacks, "completed");
    }
}
