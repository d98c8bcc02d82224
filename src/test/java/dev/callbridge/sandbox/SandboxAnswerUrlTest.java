package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_CALLS;
import static dev.callbridge.sandbox.SandboxVendors.connectStream;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.sandbox.SandboxVendors.twilioCall;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import com.twilio.security.RequestValidator;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call created with {@code Url} instead of {@code Twiml}: as Twilio does, the simulated Twilio
 * fetches the TwiML (signed, {@code CallStatus=in-progress}) only once the callee answers, and
 * plays it: a stream joins the agent call, a {@code <Say>} plays, and a failed fetch is Twilio's
 * application error. Nothing is fetched for a call nobody answers.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxAnswerUrlTest {

    private static final String TO = "+14155550123";
    private static final String FROM = "+15005550006";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static String create(String to, String url) {
        return twilio().formParam("To", to).formParam("From", FROM).formParam("Url", url)
                .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");
    }

    private static String status(String sid) {
        return twilio().when().get(twilioCall(sid)).path("status");
    }

    @Test
    void theTwimlIsFetchedSignedOnAnswerAndItsStreamJoinsTheAgentCall() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (VoiceWebhookReceiver connect = VoiceWebhookReceiver.twiml(connectStream(uv[1]))) {
            String url = connect.baseUrl() + "/webhooks/twilio/connect/p-1?attempt=1";

            String sid = create(TO, url);

            await().atMost(WAIT).until(() -> connect.received().size() == 1);
            VoiceWebhookReceiver.Received fetch = connect.received().get(0);
            assertThat(fetch.url()).isEqualTo(url);
            assertThat(fetch.params()).containsAllEntriesOf(Map.of("CallSid", sid, "CallStatus", "in-progress",
                    "Direction", "outbound-api", "To", TO, "From", FROM,
                    "AccountSid", SandboxCredentials.TWILIO_ACCOUNT_SID));
            assertThat(new RequestValidator(SandboxCredentials.TWILIO_AUTH_TOKEN)
                    .validate(url, fetch.params(), fetch.signature())).isTrue();
            await().atMost(WAIT).until(() -> "completed".equals(status(sid)));
            ultravox().when().get(SandboxVendors.ULTRAVOX + "/calls/" + uv[0]).then()
                    .body("joined", notNullValue()).body("ended", notNullValue());
        }
    }

    @Test
    void aSayAnswerPlaysAndAFailedFetchIsTwiliosApplicationError() throws Exception {
        try (VoiceWebhookReceiver say = VoiceWebhookReceiver.twiml(
                "<Response><Say>Sorry</Say><Dial>+14155550199</Dial></Response>");
                VoiceWebhookReceiver broken = VoiceWebhookReceiver.start(500, "text/plain", "no", 0)) {
            String spoken = create(TO, say.baseUrl() + "/connect");
            String failed = create(TO, broken.baseUrl() + "/connect");

            await().atMost(WAIT).until(() -> "completed".equals(status(spoken)) && "completed".equals(status(failed)));
            assertThat(say.received()).hasSize(1);
            assertThat(broken.received()).hasSize(1);
            // The message and the forwarded talk, against Twilio's error message alone.
            assertThat((String) twilio().when().get(twilioCall(spoken)).path("duration"))
                    .isEqualTo(Long.toString(Math.round(SandboxTwilioCalls.SAY_TALK + SandboxTwilioCalls.TALK)));
            assertThat((String) twilio().when().get(twilioCall(failed)).path("duration"))
                    .isEqualTo(Long.toString(Math.round(SandboxTwilioCalls.APPLICATION_ERROR_TALK)));
        }
    }

    @Test
    void nothingIsFetchedForACallNobodyAnswers() throws Exception {
        try (VoiceWebhookReceiver connect = VoiceWebhookReceiver.twiml("<Response><Say>Hi</Say></Response>")) {
            String sid = create(MagicNumbers.BUSY, connect.baseUrl() + "/connect");

            await().atMost(WAIT).until(() -> "busy".equals(status(sid)));
            assertThat(connect.received()).isEmpty();
        }
    }
}
