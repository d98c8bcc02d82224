package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_ACCOUNT;
import static dev.callbridge.sandbox.SandboxVendors.TWILIO_CALLS;
import static dev.callbridge.sandbox.SandboxVendors.connectStream;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.sandbox.SandboxVendors.twilioCall;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Moments of the simulated Twilio's timeline that real time cannot be trusted to reach, played
 * on a {@link ManualClock}: a redirect that comes while synchronous detection still listens, and
 * the steps that would end a call's instructions, called off when a redirect or a hang-up
 * makes them pointless.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxTimelineTest {

    /** Dialled after 1 simulated second, answered 2 later. */
    private static final double ANSWERED = SandboxTwilioCalls.DIAL_AFTER + SandboxTwilioCalls.ANSWER_AFTER;

    /** The agent call's default maxDuration, in seconds. */
    private static final double MAX_DURATION = 3600;

    @Inject
    SandboxConfig config;

    private ManualClock clock;

    @BeforeEach
    void manualClock() {
        clock = new ManualClock(config);
        QuarkusMock.installMockForType(clock, SandboxClock.class);
    }

    @Test
    void aRedirectBeforeSynchronousDetectionsResultKeepsPlayingAfterIt() {
        String[] first = TwilioSandboxTest.ultravoxCall();
        String[] redirected = TwilioSandboxTest.ultravoxCall();
        String sid = twilio().formParam("To", MagicNumbers.ANSWERING_MACHINE)
                .formParam("From", SandboxCredentials.TWILIO_PHONE_NUMBER).formParam("Twiml", connectStream(first[1]))
                .formParam("MachineDetection", "DetectMessageEnd").when().post(TWILIO_CALLS).then().statusCode(201)
                .extract().path("sid");
        clock.advanceTo(ANSWERED);
        twilio().when().get(twilioCall(sid)).then().body("status", equalTo("in-progress"))
                .body("answered_by", nullValue());

        twilio().formParam("Twiml", connectStream(redirected[1])).when().post(twilioCall(sid)).then().statusCode(200);
        // The result comes at the beep; the call's own stream must not start then.
        clock.advanceTo(ANSWERED + SimulatedCallee.BEEP_AFTER + 1);

        twilio().when().get(TWILIO_ACCOUNT + "/OutgoingCalls/" + sid + ".json").then()
                .body("status", equalTo("in-progress")).body("answered_by", equalTo("machine_end_beep"))
                .body("heard.stream", equalTo(true)).body("heard.agentCallId", equalTo(redirected[0]));
        ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + first[0]).then().body("joined", nullValue());
        twilio().formParam("Status", "completed").when().post(twilioCall(sid)).then().statusCode(200);
        ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + redirected[0]).then()
                .body("endReason", equalTo("hangup"));
    }

    @Test
    void aCallThatStaysOnTheLineLeavesNoStepBehindWhenRedirectedOrHungUp() {
        String[] first = TwilioSandboxTest.ultravoxCall();
        String[] second = TwilioSandboxTest.ultravoxCall();
        String sid = twilio().formParam("To", MagicNumbers.TALKS_UNTIL_HUNG_UP)
                .formParam("From", SandboxCredentials.TWILIO_PHONE_NUMBER).formParam("Twiml", connectStream(first[1]))
                .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");
        clock.advanceTo(ANSWERED);
        twilio().when().get(twilioCall(sid)).then().body("status", equalTo("in-progress"));
        // The callee stays on the line: only the agent call's maxDuration (3600 s) ends the stream.
        assertThat(streamEnds()).containsExactly(ANSWERED + MAX_DURATION);

        twilio().formParam("Twiml", connectStream(second[1])).when().post(twilioCall(sid)).then().statusCode(200);
        assertThat(streamEnds()).as("the first stream's end is called off").containsExactly(ANSWERED + MAX_DURATION);

        twilio().formParam("Status", "completed").when().post(twilioCall(sid)).then().statusCode(200)
                .body("status", equalTo("completed"));
        assertThat(streamEnds()).isEmpty();
    }

    @Test
    void theFaxAndTheMachineHangUpByThemselvesAfterTheirConfiguredTime() {
        double fax = config.callee().faxHangsUpAfter().toMillis() / 1000.0;
        // Both within the agent call's maxDuration, which would end the stream first.
        double machine = SimulatedCallee.BEEP_AFTER + config.callee().machineRecordsFor().toMillis() / 1000.0;
        assertThat(Math.max(fax, machine)).isLessThan(MAX_DURATION);
        String faxSid = calling(MagicNumbers.FAX);
        String machineSid = calling(MagicNumbers.ANSWERING_MACHINE);

        clock.advanceTo(ANSWERED + fax - 1);
        twilio().when().get(twilioCall(faxSid)).then().body("status", equalTo("in-progress"))
                .body("answered_by", equalTo("fax"));
        clock.advanceTo(ANSWERED + fax);
        twilio().when().get(twilioCall(faxSid)).then().body("status", equalTo("completed"))
                .body("duration", equalTo(Long.toString(Math.round(fax))));

        clock.advanceTo(ANSWERED + machine - 1);
        twilio().when().get(twilioCall(machineSid)).then().body("status", equalTo("in-progress"));
        clock.advanceTo(ANSWERED + machine);
        twilio().when().get(TWILIO_ACCOUNT + "/OutgoingCalls/" + machineSid + ".json").then()
                .body("status", equalTo("completed")).body("answered_by", equalTo("machine_start"))
                .body("voicemail.beeped", equalTo(true));
        twilio().when().get(twilioCall(machineSid)).then().body("duration", equalTo(Long.toString(Math.round(machine))));
    }

    /** A call to {@code to} with asynchronous detection, its stream to a fresh agent call. */
    private static String calling(String to) {
        return twilio().formParam("To", to).formParam("From", SandboxCredentials.TWILIO_PHONE_NUMBER)
                .formParam("Twiml", connectStream(TwilioSandboxTest.ultravoxCall()[1]))
                .formParam("MachineDetection", "Enable").formParam("AsyncAmd", "true")
                .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");
    }

    /** Steps due once a stream could have talked for the agent call's whole maxDuration. */
    private List<Double> streamEnds() {
        return clock.pendingAt().stream().filter(at -> at >= MAX_DURATION).toList();
    }
}
